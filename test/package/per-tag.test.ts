/**
 * Issue 15, per-tag modules: a page that imports only `@virtual-clinic/sdk/provider-list` shows the
 * providers and loads no call, camera, queue or alerts code. Every module the dev server serves is
 * its own request, so the page's resource timing names each module it loaded.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Clinic } from '../../src/core/clinic.js';

/** Code a requester's provider list must never load. */
const NOT_LOADED = ['/src/meeting/', '/src/media/', '/src/alerts/', '/src/elements/alerts/', '/src/elements/request-queue/', '/src/elements/waiting-room/', 'device-check', 'webrtc'];
/** Nor, on an English page without `idle-timeout`, the Spanish strings or the idle guard (issue 15.3). */
const NOT_YET_LOADED = ['/src/i18n/es.', '/src/elements/idle-guard/'];

describe('per-tag modules (@virtual-clinic/sdk/<tag>)', () => {
  it('a page with only <vc-provider-list> shows the providers and loads no call, camera, queue or alerts code', async () => {
    // Room for every module of the page in the timeline (the default keeps 250 entries).
    performance.setResourceTimingBufferSize(10_000);
    const { connect, createBackend, TOKENS } = await import('../support/fixtures.js');
    const { VcProviderList } = await import('../../src/tags/provider-list.js');
    expect(customElements.get('vc-provider-list')).to.equal(VcProviderList);
    expect(customElements.get('vc-clinic'), 'the page needs <vc-clinic> too').to.exist;
    expect(customElements.get('vc-request-queue'), 'no other tag is registered').to.equal(undefined);

    const backend = createBackend();
    const clinic: Clinic = connect(backend, TOKENS.frontDesk);
    const root = document.createElement('vc-clinic') as HTMLElement & { clinic: Clinic };
    root.clinic = clinic;
    const list = document.createElement('vc-provider-list');
    root.append(list);
    document.body.append(root);
    try {
      await waitUntil(() => list.shadowRoot?.textContent?.includes('Dr. Amara Okafor'), 'the providers never showed');
      const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
      expect(loaded.some((path) => path.includes('/src/elements/provider-list/')), 'the timeline lists the modules').to.equal(true);
      expect(loaded.filter((path) => [...NOT_LOADED, ...NOT_YET_LOADED].some((part) => path.includes(part)))).to.deep.equal([]);
    } finally {
      root.remove();
      clinic.destroy();
    }
  });
});
