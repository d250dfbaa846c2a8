/**
 * Issue 8 §6: every state change a user makes reaches the host as one `vc-audit` event with actor,
 * action, ids, time and outcome — and no free text (no name, no note).
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import type { AuditRecord } from '../../src/core/audit.js';
import type { Clinic } from '../../src/core/clinic.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';
import { closeAll, connect, createBackend, TOKENS, type Backend } from '../support/fixtures.js';
import { recordEvents } from '../support/mount.js';

const ALLOWED_KEYS = ['actor', 'role', 'action', 'targetId', 'requestId', 'sessionId', 'at', 'outcome', 'available', 'enter', 'withNote'];

describe('audit trail (vc-audit)', () => {
  let backend: Backend;
  let desk: Clinic;
  let okafor: Clinic;
  let deskRoot: VcClinic;
  let okaforRoot: VcClinic;
  let deskAudit: CustomEvent<AuditRecord>[];
  let okaforAudit: CustomEvent<AuditRecord>[];

  beforeEach(async () => {
    backend = createBackend();
    desk = connect(backend, TOKENS.frontDesk);
    okafor = connect(backend, TOKENS.okafor);
    // Lit roots, not a plain <div>: open-wc waits a frame for other roots, and a test page in a
    // background tab gets none.
    deskRoot = await fixture<VcClinic>(html`<vc-clinic .clinic=${desk}></vc-clinic>`);
    okaforRoot = await fixture<VcClinic>(html`<vc-clinic .clinic=${okafor}></vc-clinic>`);
    deskAudit = recordEvents(deskRoot, 'vc-audit');
    okaforAudit = recordEvents(okaforRoot, 'vc-audit');
    await Promise.all([desk.start(), okafor.start()]);
  });
  afterEach(() => {
    desk.destroy();
    okafor.destroy();
    closeAll();
  });

  const records = (events: CustomEvent<AuditRecord>[]) => events.map((e) => e.detail);
  const withoutTime = (record: AuditRecord) => {
    const { at, ...rest } = record;
    expect(Number.isNaN(Date.parse(at))).to.equal(false, `"${at}" is an ISO time`);
    expect(Math.abs(Date.parse(at) - Date.now())).to.be.lessThan(60_000);
    return rest;
  };

  it('records the requester\'s request, refusal, cancel and dismiss with ids and outcomes', async () => {
    await desk.requestSession('prov-okafor');
    const sent = await desk.requestSession('prov-okafor', 'svc-urgent');
    const requestId = sent.ok ? sent.changes.requests[0]!.id : '';
    await desk.cancelRequest(requestId);
    const again = await desk.requestSession('prov-okafor', 'svc-urgent');
    const secondId = again.ok ? again.changes.requests[0]!.id : '';
    await okafor.declineRequest(secondId, 'Please call the front desk of Riverside instead.');
    await desk.dismissNotice(secondId);
    const requester = { actor: 'req-frontdesk', role: 'requester' };
    expect(records(deskAudit).map(withoutTime)).to.deep.equal([
      { ...requester, action: 'request-session', targetId: 'prov-okafor', requestId: null, sessionId: null, outcome: 'service-required' },
      { ...requester, action: 'request-session', targetId: 'prov-okafor', requestId, sessionId: null, outcome: 'ok' },
      { ...requester, action: 'cancel-request', targetId: requestId, requestId, sessionId: null, outcome: 'ok' },
      { ...requester, action: 'request-session', targetId: 'prov-okafor', requestId: secondId, sessionId: null, outcome: 'ok' },
      { ...requester, action: 'dismiss-request', targetId: secondId, requestId: secondId, sessionId: null, outcome: 'ok' },
    ]);
    expect(records(okaforAudit).map(withoutTime)).to.deep.equal([
      { actor: 'prov-okafor', role: 'provider', action: 'decline-request', targetId: secondId, requestId: secondId, sessionId: null, outcome: 'ok', withNote: true },
    ]);
  });

  it('records the provider\'s availability, accept, enter and leave, and a failed accept with its code', async () => {
    const sent = await desk.requestSession('prov-okafor', 'svc-urgent');
    const requestId = sent.ok ? sent.changes.requests[0]!.id : '';
    const accepted = await okafor.acceptRequest(requestId, { enter: false });
    const sessionId = accepted.ok ? accepted.changes.sessions[0]!.id : '';
    await okafor.acceptRequest(requestId);
    await desk.enterSession(sessionId);
    await okafor.enterSession(sessionId);
    await okafor.leaveSession(sessionId);
    await okafor.setAvailability(false);
    const provider = { actor: 'prov-okafor', role: 'provider' };
    expect(records(okaforAudit).map(withoutTime)).to.deep.equal([
      { ...provider, action: 'accept-request', targetId: requestId, requestId, sessionId, outcome: 'ok', enter: false },
      { ...provider, action: 'accept-request', targetId: requestId, requestId, sessionId: null, outcome: 'request-already-answered' },
      { ...provider, action: 'enter-session', targetId: sessionId, requestId, sessionId, outcome: 'ok' },
      { ...provider, action: 'leave-session', targetId: sessionId, requestId, sessionId, outcome: 'ok' },
      { ...provider, action: 'set-availability', targetId: 'prov-okafor', requestId: null, sessionId: null, outcome: 'ok', available: false },
    ]);
    expect(records(deskAudit).map(withoutTime).slice(-1)).to.deep.equal([
      { actor: 'req-frontdesk', role: 'requester', action: 'enter-session', targetId: sessionId, requestId, sessionId, outcome: 'ok' },
    ]);
  });

  it('carries no free text: no name, no service name, no note, only the fields of the record', async () => {
    const sent = await desk.requestSession('prov-lindqvist', 'svc-behavioral');
    const requestId = sent.ok ? sent.changes.requests[0]!.id : '';
    const note = 'Dr. Lindqvist is in theatre; please ask Dr. Okafor.';
    const lindqvist = connect(backend, TOKENS.lindqvist);
    const page = await fixture<VcClinic>(html`<vc-clinic .clinic=${lindqvist}></vc-clinic>`);
    const audit = recordEvents(page, 'vc-audit');
    await lindqvist.start();
    await lindqvist.declineRequest(requestId, note);
    await lindqvist.declineRequest(requestId, note);
    lindqvist.destroy();
    const all = [...records(deskAudit), ...records(audit)];
    expect(all).to.have.length(3);
    // Names are capitalised; the ids (`prov-okafor`) are lowercase on purpose.
    const words = ['Riverside', 'Front Desk', 'Lindqvist', 'Erik', 'Behavioral', 'theatre', 'Okafor', note];
    for (const record of all) {
      const serialized = JSON.stringify(record);
      for (const word of words) expect(serialized).to.not.contain(word);
      expect(Object.keys(record).every((key) => ALLOWED_KEYS.includes(key))).to.equal(true, serialized);
      for (const value of Object.values(record)) expect(['string', 'boolean', 'object']).to.include(typeof value);
    }
    expect(audit[0]!.detail.withNote).to.equal(true);
    expect(audit[1]!.detail.outcome).to.equal('request-already-answered');
  });

  it('is a bubbling, composed event a host hears on the document, and cannot be vetoed', async () => {
    const heard: Event[] = [];
    const listener = (event: Event) => heard.push(event);
    document.addEventListener('vc-audit', listener);
    try {
      await desk.requestSession('prov-okafor', 'svc-urgent');
    } finally {
      document.removeEventListener('vc-audit', listener);
    }
    expect(heard).to.have.length(1);
    expect(heard[0]!.bubbles && heard[0]!.composed).to.equal(true);
    expect(heard[0]!.cancelable).to.equal(false);
  });

  it('does not record meeting plumbing or reads, only user actions', async () => {
    await desk.resync();
    desk.clearFailure();
    expect(deskAudit).to.have.length(0);
  });
});
