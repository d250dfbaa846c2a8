/**
 * Issue 17.4 on the live stream and to the host: a bad record arriving as a live event, in a
 * snapshot or in a command's answer is left out (or shown without the bad field), the stream stays
 * live, and the host hears a typed `vc-contract-violation` from <vc-clinic> naming the field, the
 * record's kind and id, never the value; the console names each field once. Before the fix one bad
 * live event failed the stream ("Connection lost. Reconnecting…") and the host heard nothing.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define.js';
import type { Clinic } from '../../src/core/clinic.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';
import { VcContractViolationEvent } from '../../src/events/events.js';
import { TOKENS } from '../support/fixtures.js';
import { recordEvents, settled, shadow } from '../support/mount.js';
import { jsonAnswer, ScriptedBackend, type ScriptedStream } from '../support/scripted-backend.js';

type Json = Record<string, any>;

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('a bad record reaches the host as vc-contract-violation, and takes nothing down (17.4)', () => {
  let backend: ScriptedBackend;
  let clinic: Clinic;
  let warnings: string[];
  let snapshot: Json;
  const originalWarn = console.warn;

  beforeEach(() => {
    backend = new ScriptedBackend();
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    // The snapshot as the mock sends it, with one provider whose specialty has the wrong type.
    backend.on('GET snapshot', async (_request, passOn) => {
      snapshot = (await (await passOn()).json()) as Json;
      const first = snapshot.providers[0] as Json;
      return jsonAnswer(200, { ...snapshot, providers: [...snapshot.providers, { ...first, id: 'prov-bad-specialty', specialty: 42 }] });
    });
    backend.on('GET events', backend.openScriptedStream);
  });
  afterEach(() => {
    console.warn = originalWarn;
    clinic.destroy();
    backend.close();
  });

  async function mount() {
    clinic = backend.connect(TOKENS.frontDesk);
    const root = await fixture<VcClinic>(html`<vc-clinic .clinic=${clinic}>
      <vc-connection-status></vc-connection-status>
      <vc-provider-list></vc-provider-list>
      <vc-decline-notices></vc-decline-notices>
    </vc-clinic>`);
    const violations = recordEvents(root, 'vc-contract-violation');
    await clinic.start();
    await waitUntil(() => backend.streams.length === 1, 'no stream opened');
    return { root, violations, stream: backend.streams[0]! };
  }

  const change = (stream: ScriptedStream, event: Json) => stream.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
  const provider = (id: string) => ({ ...(snapshot.providers as Json[]).find((p) => p.id === id)!, version: 50 });

  it('bad live events are left out (a note: only the note), the stream stays Live, and good events after them apply', async () => {
    const { root, violations, stream } = await mount();
    const status = root.querySelector('vc-connection-status')!;
    const list = root.querySelector('vc-provider-list')!;
    const notices = root.querySelector('vc-decline-notices')!;
    await waitUntil(() => text(shadow(status).querySelector('[part="label"]')) === 'Live', 'never Live');
    const seq = snapshot.seq as number;
    const longName = 'Dr. ' + 'x'.repeat(197);
    const note = 'n'.repeat(1001);
    change(stream, { seq: seq + 1, type: 'provider', provider: { ...provider('prov-lindqvist'), name: longName } });
    change(stream, { seq: seq + 2, type: 'provider', provider: { ...provider('prov-reyes'), available: 'yes' } });
    change(stream, {
      seq: seq + 3, type: 'request',
      request: {
        id: 'request-long-note', requesterId: 'req-frontdesk', requesterName: 'Riverside Front Desk', providerId: 'prov-okafor',
        providerName: 'Dr. Amara Okafor', serviceId: null, serviceName: null, status: 'declined', createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z', expiresAt: '2099-01-01T00:05:00.000Z', declineReason: 'provider', declineNote: note,
        sessionId: null, dismissed: false, queuePosition: null, version: 2,
      },
    });
    ['__proto__', 'constructor', 'toString'].forEach((id, i) =>
      change(stream, { seq: seq + 4 + i, type: 'provider', provider: { ...provider('prov-okafor'), id, name: `Dr. ${id}` } }),
    );
    change(stream, { seq: seq + 7, type: 'provider', provider: { ...provider('prov-okafor'), available: false } });
    stream.heartbeat(seq + 7);

    await waitUntil(() => clinic.$providerById.get()['prov-okafor']?.available === false, 'the good event after the bad ones never applied');
    // The decline is shown, without its note.
    await waitUntil(() => text(shadow(notices).querySelector('[data-request-id="request-long-note"] [part="message"]')) !== '', 'the decline was lost');
    expect(shadow(notices).querySelector('[data-request-id="request-long-note"] [part="note"]')).to.equal(null);
    // The bad providers were left out: the list still shows the old ones, the new ids are plain ids.
    await settled(list);
    expect(text(shadow(list).querySelector('li[data-provider-id="prov-lindqvist"]'))).not.to.include('xxxxxxxxxx');
    expect(clinic.$providerById.get()['prov-reyes']!.available).to.be.a('boolean');
    expect(['__proto__', 'constructor', 'toString'].map((id) => clinic.$providerById.get()[id]?.name)).to.deep.equal(['Dr. __proto__', 'Dr. constructor', 'Dr. toString']);
    // Still Live: one stream, one snapshot, nothing torn down.
    expect(text(shadow(status).querySelector('[part="label"]'))).to.equal('Live');
    expect(clinic.$connection.get()).to.equal('connected');
    expect(backend.count('GET events')).to.equal(1);
    expect(backend.count('GET snapshot')).to.equal(1);

    expect(violations.every((event) => event instanceof VcContractViolationEvent && event.bubbles && event.composed)).to.equal(true);
    expect(violations.map((event) => event.detail)).to.deep.equal([
      { source: 'snapshot', kind: 'provider', id: 'prov-bad-specialty', field: 'specialty', path: `snapshot.providers[${snapshot.providers.length}].specialty`, dropped: 'record' },
      { source: 'event', kind: 'provider', id: 'prov-lindqvist', field: 'name', path: 'event.provider.name', dropped: 'record' },
      { source: 'event', kind: 'provider', id: 'prov-reyes', field: 'available', path: 'event.provider.available', dropped: 'record' },
      { source: 'event', kind: 'request', id: 'request-long-note', field: 'declineNote', path: 'event.request.declineNote', dropped: 'field' },
    ]);
    // One console line per field, naming it; no value, no name, no note anywhere.
    const told = warnings.filter((w) => w.includes('[virtual-clinic]'));
    expect(told).to.have.length(4);
    for (const field of ['snapshot.providers[].specialty', 'event.provider.name', 'event.provider.available', 'event.request.declineNote']) {
      expect(told.filter((w) => w.includes(field)), field).to.have.length(1);
    }
    const said = JSON.stringify(violations.map((event) => event.detail)) + told.join('\n');
    for (const secret of ['xxxxxxxxxx', 'nnnnnnnnnn', 'Riverside Front Desk', 'Lindqvist']) expect(said).not.to.include(secret);
  });

  it("a command's answer with a bad record raises the same event; the command succeeds", async () => {
    backend.on('POST requests', async (_request, passOn) => {
      const changes = (await (await passOn()).json()) as Json;
      return jsonAnswer(200, { ...changes, requests: changes.requests.map((r: Json) => ({ ...r, providerName: 'y'.repeat(201) })) });
    });
    const { violations } = await mount();
    const result = await clinic.requestSession('prov-okafor', 'svc-urgent');
    expect(result.ok).to.equal(true);
    const command = violations.map((event) => event.detail).filter((detail) => detail.source === 'command');
    expect(command).to.have.length(1);
    expect(command[0]).to.include({ kind: 'request', field: 'providerName', path: 'changes.requests[0].providerName', dropped: 'record' });
    expect(command[0]!.id).to.match(/^request-/);
    expect(clinic.$connection.get()).to.equal('connected');
  });
});
