/**
 * Issue 15.3, code that waits for its moment, imported the way a host's bundler leaves it (a
 * native `import()` per chunk, here one per source module): when the code of `<vc-clinic>` itself
 * cannot be loaded (offline, blocked) — the HTTP client of `base-url`, the idle guard of
 * `idle-timeout`, the strings of the page's language — the clinic says so with **Try Again**, and
 * Try Again loads it. Chromium answers a second `import()` of a URL that failed with the same
 * failure without fetching (whatwg/html#6768), so Try Again would fail for ever without
 * `loadOnDemand`'s fresh URL.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import { serveApi, unmount, visibleText, type Backend } from './page-helpers.js';

/**
 * The SDK of this page lives at URLs no other test page uses (the test server serves `src/` under
 * it too): Chromium hands a page a module an earlier page loaded without asking the server, so a
 * module the whole run shares could not be made to fail here.
 */
const SDK = '/__vc/isolated/src';

/** Makes `path` (under `src/`) unreachable (503), or reachable again. */
async function unreachable(path: string, on: boolean): Promise<void> {
  await fetch(`/__vc/unreachable?path=${encodeURIComponent(`/__vc/isolated${path}`)}&on=${on ? 1 : 0}`, { method: 'POST' });
}

describe('code <vc-clinic> loads on demand, when it cannot be loaded (issue 15.3)', () => {
  let backend: Backend;
  let unserve: () => void;
  const errors: string[] = [];
  const mounted: Element[] = [];
  let consoleError: typeof console.error;

  before(async () => {
    // Only the provider list and the clinic, as a host's bundle of `@virtual-clinic/sdk/provider-list`.
    await import(/* @vite-ignore */ `${SDK}/tags/provider-list.ts`);
    backend = createClinicBackend();
    unserve = serveApi(backend);
  });
  beforeEach(() => {
    consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.error = consoleError;
    for (const element of mounted.splice(0)) unmount(element);
  });
  after(() => {
    unserve();
    backend.close();
  });

  function mount(attributes: Record<string, string>, token = 'demo-frontdesk'): HTMLElement {
    const clinic = document.createElement('vc-clinic') as HTMLElement & { getToken?: () => string };
    for (const [name, value] of Object.entries(attributes)) clinic.setAttribute(name, value);
    clinic.getToken = () => token;
    clinic.append(document.createElement('vc-provider-list'));
    document.body.append(clinic);
    mounted.push(clinic);
    return clinic;
  }
  const problem = (clinic: Element) => clinic.shadowRoot?.querySelector('[part="load-problem"]') ?? null;
  const tryAgain = (clinic: Element) => clinic.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!;

  it('the HTTP client of base-url: the clinic says so, and Try Again loads it and shows the providers', async () => {
    await unreachable('/src/transport/http.js', true);
    try {
      const clinic = mount({ 'base-url': '/api' });
      await waitUntil(() => problem(clinic), 'no message that the HTTP client could not be loaded', { timeout: 10_000 });
      expect(problem(clinic)!.getAttribute('role')).to.equal('alert');
      expect(visibleText(problem(clinic)!)).to.equal('This part of the Virtual Clinic could not be loaded. Check the network connection, then choose Try Again. Try Again');
      expect(errors.some((e) => e.includes('HTTP transport'))).to.equal(true, 'the console says what failed');
      await unreachable('/src/transport/http.js', false);
      tryAgain(clinic).click();
      await waitUntil(() => visibleText(clinic).includes('Dr. Amara Okafor'), 'Try Again did not load the HTTP client', { timeout: 10_000 });
      expect(problem(clinic)).to.equal(null);
    } finally {
      await unreachable('/src/transport/http.js', false);
    }
  });

  it('the idle guard of idle-timeout: the clinic says the screen will not sign out by itself, and Try Again loads the guard', async () => {
    await unreachable('/src/elements/idle-guard/idle-guard.js', true);
    try {
      const clinic = mount({ 'base-url': '/api', 'idle-timeout': '600' });
      await waitUntil(() => problem(clinic), 'no message that the idle guard could not be loaded', { timeout: 10_000 });
      expect(visibleText(problem(clinic)!)).to.equal(
        'Automatic sign-out after inactivity could not be loaded, so this screen will not sign out by itself. Check the network connection, then choose Try Again. Try Again',
      );
      expect(customElements.get('vc-idle-guard')).to.equal(undefined);
      await waitUntil(() => visibleText(clinic).includes('Dr. Amara Okafor'), 'everything else works meanwhile', { timeout: 10_000 });
      await unreachable('/src/elements/idle-guard/idle-guard.js', false);
      tryAgain(clinic).click();
      await waitUntil(() => customElements.get('vc-idle-guard'), 'Try Again did not load the idle guard', { timeout: 10_000 });
      await waitUntil(() => problem(clinic) === null, 'the message stayed after the guard loaded');
      expect(clinic.shadowRoot!.querySelector('vc-idle-guard')?.shadowRoot, 'the guard is there and upgraded').to.exist;
    } finally {
      await unreachable('/src/elements/idle-guard/idle-guard.js', false);
    }
  });

  it('the Spanish strings: the clinic says English is shown, and Try Again switches the tags to Spanish', async () => {
    await unreachable('/src/i18n/es.js', true);
    try {
      const clinic = mount({ 'base-url': '/api', lang: 'es' });
      await waitUntil(() => problem(clinic), 'no message that Spanish could not be loaded', { timeout: 10_000 });
      expect(visibleText(problem(clinic)!)).to.equal(
        'The Spanish text could not be loaded, so it is shown in English. Check the network connection, then choose Try Again. Try Again',
      );
      await waitUntil(() => visibleText(clinic).includes('Dr. Amara Okafor'), 'the providers show meanwhile, in English', { timeout: 10_000 });
      expect(visibleText(clinic)).to.include('Request Session Now');
      await unreachable('/src/i18n/es.js', false);
      tryAgain(clinic).click();
      await waitUntil(() => visibleText(clinic).includes('Solicitar sesión ahora'), 'Try Again did not load Spanish', { timeout: 10_000 });
      expect(problem(clinic)).to.equal(null);
    } finally {
      await unreachable('/src/i18n/es.js', false);
    }
  });
});
