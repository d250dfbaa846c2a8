/**
 * The side-effect-free entry with a host's own transport: importing it registers nothing, and
 * neither importing it nor running the tags with that transport ever loads the HTTP transport.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import type { Transport } from '../../src/index.js';
import { serveApi, unmount, visibleText } from './page-helpers.js';

type Core = typeof import('../../src/index.js');

/** The modules this page has fetched so far. */
const loaded = () => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
const httpClientLoaded = () => loaded().filter((path) => /\/node_modules\/eventsource-parser\/|\/transport\/(http(-transport)?|live-stream)\.ts$/.test(path));

/** A host's own transport: here it answers from the mock clinic in this page, without HTTP. */
function hostTransport(backend: ReturnType<typeof createClinicBackend>, token: string, core: Core): Transport {
  const call = async (method: string, path: string, body?: unknown, key?: string) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    if (key) headers['Idempotency-Key'] = key;
    const response = await backend.handle(new Request(`https://host.example/api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
    return response.json();
  };
  return {
    snapshot: async () => core.parseSnapshot(await call('GET', 'snapshot')),
    send: async () => {
      throw new Error('read-only in this test');
    },
    openLiveStream: (handlers) => {
      handlers.onOpen();
      return () => {};
    },
  };
}

describe('the core entry (@virtual-clinic/sdk) with a host transport', () => {
  let core: Core;
  const tagsBefore = new Set<string>();

  before(async () => {
    performance.setResourceTimingBufferSize(10_000);
    for (const tag of ['vc-clinic', 'vc-provider-list', 'vc-provider-dashboard']) if (customElements.get(tag)) tagsBefore.add(tag);
    core = await import('../../src/index.js');
  });

  it('registers no tag by being imported', () => {
    expect(tagsBefore.size).to.equal(0);
    expect(customElements.get('vc-clinic')).to.equal(undefined);
    expect(customElements.get('vc-provider-list')).to.equal(undefined);
  });

  it('shows the providers through the host\'s transport, and the HTTP client is never loaded', async () => {
    expect(loaded().some((path) => path.endsWith('/src/index.ts')), 'resource timing does not see module loads').to.equal(true);
    core.defineVirtualClinic();
    const backend = createClinicBackend();
    const clinic = core.createClinic({ transport: hostTransport(backend, 'demo-frontdesk', core), watchWakeSignals: false });
    const root = document.createElement('vc-clinic');
    root.clinic = clinic;
    root.append(document.createElement('vc-provider-list'));
    document.body.append(root);
    try {
      await waitUntil(() => visibleText(root).includes('Dr. Amara Okafor'), 'the providers never showed', { timeout: 5000 });
      expect(httpClientLoaded()).to.deep.equal([]);
    } finally {
      root.remove();
      clinic.destroy();
      backend.close();
    }
  });

  it('(the check above can fail:) <vc-clinic base-url> loads the HTTP client on demand', async () => {
    const backend = createClinicBackend();
    const unserve = serveApi(backend);
    const root = document.createElement('vc-clinic');
    root.baseUrl = '/api';
    root.getToken = () => 'demo-frontdesk';
    root.append(document.createElement('vc-provider-list'));
    document.body.append(root);
    try {
      await waitUntil(() => httpClientLoaded().length > 0, 'base-url did not load the HTTP transport', { timeout: 5000 });
      await waitUntil(() => visibleText(root).includes('Dr. Amara Okafor'), 'the providers never showed', { timeout: 5000 });
    } finally {
      unmount(root);
      unserve();
      backend.close();
    }
  });
});
