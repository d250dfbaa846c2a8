/**
 * Issue 17.8: messages between tabs are untrusted input — validated, and never above the server's
 * word. Issue 16.4: an optional browser feature that fails (a notification that throws, Web Locks,
 * BroadcastChannel) never touches the connection or the stores.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Clinic } from '../../src/core/clinic.js';
import { BASE_URL, TOKENS } from '../support/fixtures.js';
import { ScriptedBackend } from '../support/scripted-backend.js';

describe('untrusted neighbours and failing browser features', () => {
  let backend: ScriptedBackend;
  const clinics: Clinic[] = [];
  const restore: Array<() => void> = [];
  beforeEach(() => {
    backend = new ScriptedBackend();
  });
  afterEach(() => {
    for (const undo of restore.splice(0)) undo();
    for (const clinic of clinics.splice(0)) clinic.destroy();
    backend.close();
  });
  const client = (token: string, namespace = `neighbours-${crypto.randomUUID()}`) => {
    const clinic = backend.connect(token, { clinic: { tabs: { namespace } } });
    clinics.push(clinic);
    return { clinic, channel: (userId: string) => new BroadcastChannel(`virtual-clinic:${namespace} ${BASE_URL}/:${userId}`) };
  };

  describe('17.8 messages between tabs', () => {
    it('a copy at version 999 from a same-origin page does not beat the server\'s resync', async () => {
      const { clinic: desk, channel } = client(TOKENS.frontDesk);
      await desk.start();
      const okafor = desk.$providerById.get()['prov-okafor']!;
      const hostile = channel('req-frontdesk');
      hostile.postMessage({ type: 'changes', changes: { providers: [{ ...okafor, available: false, version: 999 }], requests: [], sessions: [] } });
      hostile.close();
      await waitUntil(() => desk.$providerById.get()['prov-okafor']!.available === false, 'the message did not arrive');
      await desk.resync();
      expect(desk.$providerById.get()['prov-okafor']!.available).to.equal(true, 'the server said available');
    });

    it('a malformed message changes nothing', async () => {
      const { clinic: okafor, channel } = client(TOKENS.okafor);
      const desk = backend.connect(TOKENS.frontDesk, { clinic: { tabs: false } });
      clinics.push(desk);
      await Promise.all([okafor.start(), desk.start()]);
      await desk.requestSession('prov-okafor', 'svc-urgent');
      await waitUntil(() => okafor.$incomingRequests.get().length === 1);
      const hostile = channel('prov-okafor');
      for (const changes of [null, 'x', { providers: 'all' }, { providers: [], requests: [{ id: 'req-1', version: 'v' }], sessions: [] }, { requests: [{}] }]) {
        hostile.postMessage({ type: 'changes', changes });
      }
      // A well-formed message after them: once it is in, the malformed ones were read (in order) and dropped.
      const lindqvist = okafor.$providerById.get()['prov-lindqvist']!;
      hostile.postMessage({ type: 'changes', changes: { providers: [{ ...lindqvist, version: lindqvist.version + 1 }], requests: [], sessions: [] } });
      hostile.close();
      await waitUntil(() => okafor.$providerById.get()['prov-lindqvist']!.version === lindqvist.version + 1);
      expect(okafor.$incomingRequests.get()).to.have.length(1);
      expect(okafor.$connection.get()).to.equal('connected');
    });
  });

  describe('16.4 optional features that fail', () => {
    it('a listener that throws (a notification refused though permission reads granted) does not tear down the stream', async () => {
      const { clinic: okafor } = client(TOKENS.okafor);
      const desk = backend.connect(TOKENS.frontDesk, { clinic: { tabs: false } });
      clinics.push(desk);
      okafor.on('request-changed', () => {
        throw new TypeError("Failed to construct 'Notification': Illegal constructor.");
      });
      const unlisten = okafor.$incomingRequests.listen(() => {
        throw new Error('audio refused');
      });
      restore.push(unlisten);
      await Promise.all([okafor.start(), desk.start()]);
      const streams = backend.count('GET events');
      for (const provider of ['prov-okafor', 'prov-lindqvist']) await desk.requestSession(provider, 'svc-urgent');
      await waitUntil(() => okafor.$incomingRequests.get().length === 1);
      await desk.cancelRequest(desk.$outgoingRequests.get().find((r) => r.providerId === 'prov-okafor')!.id);
      await waitUntil(() => okafor.$incomingRequests.get().length === 0);
      expect(backend.count('GET events')).to.equal(streams, 'the stream was torn down');
      expect(okafor.$connection.get()).to.equal('connected');
    });

    it('BroadcastChannel and Web Locks that throw leave the tab leading itself, connected', async () => {
      const original = globalThis.BroadcastChannel;
      const locks = Object.getOwnPropertyDescriptor(Navigator.prototype, 'locks');
      (globalThis as { BroadcastChannel: unknown }).BroadcastChannel = class {
        constructor() {
          throw new DOMException('blocked', 'SecurityError');
        }
      };
      Object.defineProperty(navigator, 'locks', {
        configurable: true,
        get: () => ({
          request: () => {
            throw new DOMException('blocked', 'SecurityError');
          },
        }),
      });
      restore.push(() => {
        globalThis.BroadcastChannel = original;
        delete (navigator as { locks?: unknown }).locks;
        if (locks) Object.defineProperty(Navigator.prototype, 'locks', locks);
      });
      const { clinic: desk } = client(TOKENS.frontDesk);
      await desk.start();
      expect(desk.$connection.get()).to.equal('connected');
      expect(desk.$isLeader.get()).to.equal(true);
      const result = await desk.requestSession('prov-okafor', 'svc-urgent');
      expect(result.ok).to.equal(true);
      expect(desk.$outgoingRequests.get()).to.have.length(1);
    });
  });
});
