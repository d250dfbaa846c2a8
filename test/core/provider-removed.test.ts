/**
 * Issue 14: a directory rule that reaches less takes providers out of the user's sight, live: the
 * backend sends `provider-removed`, and the provider leaves the user's list at once (before, the
 * list kept them until the next snapshot).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { TOKENS } from '../support/fixtures.js';
import { ScriptedBackend } from '../support/scripted-backend.js';

describe('a provider taken out of sight (provider-removed)', () => {
  let backend: ScriptedBackend;
  beforeEach(() => {
    backend = new ScriptedBackend();
  });
  afterEach(() => backend.close());

  it('leaves the providers list at once; the others stay, and a bad event is skipped without a gap', async () => {
    backend.on('GET events', (request) => backend.openScriptedStream(request));
    const desk = backend.connect(TOKENS.frontDesk);
    try {
      await desk.start();
      const ids = () => desk.$providers.get().map((p) => p.id);
      expect(ids()).to.include.members(['prov-lindqvist', 'prov-okafor']);
      await waitUntil(() => backend.streams.length > 0, 'no stream opened');
      const change = (event: Record<string, unknown>) => `id: ${String(event.seq)}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`;
      backend.streams[0]!.write(change({ seq: 1, type: 'provider-removed', providerId: 'prov-lindqvist' }));
      await waitUntil(() => !ids().includes('prov-lindqvist'), 'Dr. Lindqvist is still listed');
      expect(ids()).to.include('prov-okafor');
      // One without a readable id changes nothing, and its seq still counts.
      backend.streams[0]!.write(change({ seq: 2, type: 'provider-removed', providerId: '' }));
      backend.streams[0]!.write(change({ seq: 3, type: 'provider-removed', providerId: 'prov-okafor' }));
      await waitUntil(() => !ids().includes('prov-okafor'), 'Dr. Okafor is still listed');
    } finally {
      desk.destroy();
    }
  });
});
