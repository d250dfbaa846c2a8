/**
 * Issue 17.4: one bad record does not take down the rest. A scripted backend over the mock clinic
 * sends a snapshot with a record that breaks the contract, one id twice, ids that are the names of
 * Object.prototype's members, and events about other users' requests. Each case failed before.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Clinic } from '../../src/core/clinic.js';
import type { ContractViolation } from '../../src/core/contract/parse.js';
import { TOKENS } from '../support/fixtures.js';
import { editStream, jsonAnswer, ScriptedBackend } from '../support/scripted-backend.js';

type Json = Record<string, any>;

describe('one bad record does not take down the rest (17.4)', () => {
  let backend: ScriptedBackend;
  let clinics: Clinic[];
  let warnings: string[];
  let violations: ContractViolation[];
  const originalWarn = console.warn;

  /** The snapshot the mock would send, edited by `edit` on its way. */
  function editSnapshot(edit: (snapshot: Json) => void): void {
    backend.on('GET snapshot', async (_request, passOn) => {
      const snapshot = (await (await passOn()).json()) as Json;
      edit(snapshot);
      return jsonAnswer(200, snapshot);
    });
  }
  function client(token: string): Clinic {
    const clinic = backend.connect(token, { transport: { onContractViolation: (v: ContractViolation) => violations.push(v) } });
    clinics.push(clinic);
    return clinic;
  }

  beforeEach(() => {
    backend = new ScriptedBackend();
    clinics = [];
    violations = [];
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  });
  afterEach(() => {
    console.warn = originalWarn;
    for (const clinic of clinics) clinic.destroy();
    backend.close();
  });

  it('a provider with a 201-character name and one with a wrong-typed field are left out, a request with a 1,001-character note is kept without it; everything else loads', async () => {
    editSnapshot((snapshot) => {
      const [first, second] = snapshot.providers as Json[];
      snapshot.providers.push({ ...first, id: 'prov-long-name', name: 'x'.repeat(201) });
      snapshot.providers.push({ ...second, id: 'prov-wrong-type', available: 'yes' });
      snapshot.requests.push({
        id: 'request-bad-note', requesterId: 'req-frontdesk', requesterName: 'Riverside Front Desk', providerId: 'prov-okafor',
        providerName: 'Dr. Amara Okafor', serviceId: null, serviceName: null, status: 'declined', createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-01-01T00:05:00.000Z', declineReason: 'provider',
        declineNote: 'n'.repeat(1001), sessionId: null, dismissed: false, queuePosition: null, version: 2,
      });
    });
    const desk = client(TOKENS.frontDesk);
    await desk.start();
    const ids = desk.$providers.get().map((p) => p.id);
    expect(ids).to.include.members(['prov-okafor', 'prov-lindqvist', 'prov-reyes']);
    expect(ids).not.to.include.members(['prov-long-name']);
    expect(ids).not.to.include('prov-wrong-type');
    expect(desk.$requestById.get()['request-bad-note']).to.include({ status: 'declined', declineNote: null });
    await waitUntil(() => desk.$connection.get() === 'connected', 'the connection never came up');
    expect(violations).to.deep.equal([
      { source: 'snapshot', kind: 'provider', id: 'prov-long-name', field: 'name', path: 'snapshot.providers[3].name', dropped: 'record' },
      { source: 'snapshot', kind: 'provider', id: 'prov-wrong-type', field: 'available', path: 'snapshot.providers[4].available', dropped: 'record' },
      { source: 'snapshot', kind: 'request', id: 'request-bad-note', field: 'declineNote', path: 'snapshot.requests[0].declineNote', dropped: 'field' },
    ]);
    // One console line per bad field, naming it, never its value.
    const told = warnings.filter((w) => w.includes('[virtual-clinic]'));
    expect(told.filter((w) => w.includes('snapshot.providers[].name'))).to.have.length(1);
    expect(told.join('\n')).not.to.include('x'.repeat(50));
  });

  it('a snapshot with the same id twice keeps the higher version, in either order', async () => {
    editSnapshot((snapshot) => {
      const okafor = (snapshot.providers as Json[]).find((p) => p.id === 'prov-okafor')!;
      snapshot.providers.push({ ...okafor, version: okafor.version + 5, specialty: 'Newer' });
      const lindqvist = (snapshot.providers as Json[]).find((p) => p.id === 'prov-lindqvist')!;
      snapshot.providers.unshift({ ...lindqvist, version: lindqvist.version + 5, specialty: 'Newer' });
    });
    const desk = client(TOKENS.frontDesk);
    await desk.start();
    expect(desk.$providerById.get()['prov-okafor']!.specialty).to.equal('Newer');
    expect(desk.$providerById.get()['prov-lindqvist']!.specialty).to.equal('Newer');
  });

  it('ids __proto__, constructor and toString are plain ids', async () => {
    editSnapshot((snapshot) => {
      const [first] = snapshot.providers as Json[];
      for (const id of ['__proto__', 'constructor', 'toString']) snapshot.providers.push({ ...first, id, name: `Dr. ${id}` });
    });
    const desk = client(TOKENS.frontDesk);
    await desk.start();
    const byId = desk.$providerById.get();
    expect(['__proto__', 'constructor', 'toString'].map((id) => byId[id]?.name)).to.deep.equal(['Dr. __proto__', 'Dr. constructor', 'Dr. toString']);
    expect(desk.$providers.get().map((p) => p.id)).to.include.members(['__proto__', 'constructor', 'toString']);
  });

  it("an event about another user's request is neither stored nor told", async () => {
    // A misbehaving backend rewrites the desk's own request event into someone else's request,
    // keeping its seq (so no gap hides the case).
    backend.on('GET events', async (_request, passOn) =>
      editStream(await passOn(), (chunk) =>
        chunk.includes('"type":"request"')
          ? chunk.replace(/"id":"request-\d+"/, '"id":"request-foreign"').replace(/"requesterId":"req-frontdesk"/, '"requesterId":"req-nursecart"').replace(/"providerId":"prov-okafor"/, '"providerId":"prov-reyes"')
          : chunk,
      ),
    );
    const desk = client(TOKENS.frontDesk);
    await desk.start();
    await waitUntil(() => desk.$connection.get() === 'connected');
    const told: string[] = [];
    desk.on('request-changed', ({ after }) => told.push(after.id));
    const own = await desk.requestSession('prov-okafor', 'svc-urgent');
    expect(own.ok).to.equal(true);
    await waitUntil(() => backend.mock.state().requests.length === 1);
    // Wait until the rewritten event has been read: a later provider change arrives after it.
    await client(TOKENS.lindqvist).setAvailability(false);
    await waitUntil(() => desk.$providerById.get()['prov-lindqvist']?.available === false, 'the later event never came');
    expect(desk.$requestById.get()['request-foreign']).to.equal(undefined);
    expect(told).not.to.include('request-foreign');
  });
});
