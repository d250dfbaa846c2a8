/**
 * The script tag as a plain page uses it (issue 15.2): the loader `dist/cdn/virtual-clinic.js`
 * registers each tag when it first appears (inside the dashboards' shadow roots too), loaded twice
 * on one page (two copies, as two scripts of two vendors would), under a host's own prefix; a chunk
 * that fails to load shows a message and a working Try Again; and the single file
 * `virtual-clinic.bundle.js` still works alone.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import { deepFind, serveApi, unmount, visibleText, type Backend } from './page-helpers.js';

type Loader = typeof import('../../src/cdn-loader.js');
type Sdk = typeof import('../../src/define.js');
const CDN = '/__vc/cdn';

describe('the script tag\'s loader (dist/cdn/virtual-clinic.js)', () => {
  let backend: Backend;
  let unserve: () => void;
  let first: Loader;
  let second: Loader;
  const warnings: string[] = [];
  const errors: string[] = [];
  const mounted: Element[] = [];

  function mount(tagPrefix: string, dashboard: string, token: string): Element {
    const clinic = document.createElement(`${tagPrefix}-clinic`) as HTMLElement & { getToken?: () => string };
    clinic.setAttribute('base-url', '/api');
    clinic.getToken = () => token;
    clinic.append(document.createElement(`${tagPrefix}-${dashboard}`));
    document.body.append(clinic);
    mounted.push(clinic);
    return clinic;
  }

  /** Runs `action` with console.warn and console.error recorded instead of printed. */
  async function quietly<T>(action: () => Promise<T> | T): Promise<T> {
    const { warn, error } = console;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      return await action();
    } finally {
      Object.assign(console, { warn, error });
    }
  }

  before(async () => {
    backend = createClinicBackend();
    unserve = serveApi(backend);
    first = await quietly(() => import(`${CDN}/virtual-clinic.js`) as Promise<Loader>);
    second = await quietly(() => import(`${CDN}/copy-2/virtual-clinic.js`) as Promise<Loader>);
  });
  afterEach(() => {
    for (const element of mounted.splice(0)) unmount(element);
  });
  after(() => {
    unserve();
    backend.close();
  });

  it('loads twice without throwing: the second copy keeps the first one\'s tags, with one warning', async () => {
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('already defined').and.to.contain('vc-provider-dashboard');
    const page = mount('vc', 'provider-dashboard', 'demo-okafor');
    await waitUntil(() => customElements.get('vc-provider-dashboard'), 'the dashboard was never registered', { timeout: 10_000 });
    const sdk = await first.load();
    expect(customElements.get('vc-clinic')).to.equal(sdk.VcClinic);
    expect(customElements.get('vc-provider-dashboard')).to.equal(sdk.VcProviderDashboard);
    expect(page).to.be.instanceOf(sdk.VcClinic);
  });

  it('a plain page shows a provider\'s dashboard from <vc-clinic base-url> and a token, its inner tags registered as they appear', async () => {
    const page = mount('vc', 'provider-dashboard', 'demo-okafor');
    await waitUntil(() => visibleText(page).includes('I Am Available for Sessions'), 'the availability switch never showed', { timeout: 10_000 });
    await waitUntil(() => visibleText(page).includes('No one is waiting'), 'the queue never showed', { timeout: 10_000 });
    // The inner tags live in the dashboard's shadow root: the loader found and registered them there.
    for (const inner of ['vc-request-queue', 'vc-availability-toggle', 'vc-alerts']) {
      expect(deepFind(page, inner)[0], inner).to.be.instanceOf(customElements.get(inner)!);
    }
  });

  it('signs in when the page gives the token only after the tags started (a late script)', async () => {
    const clinic = document.createElement('vc-clinic') as HTMLElement & { getToken?: () => string };
    clinic.setAttribute('base-url', '/api');
    clinic.append(document.createElement('vc-provider-dashboard'));
    document.body.append(clinic);
    mounted.push(clinic);
    await waitUntil(() => visibleText(clinic).includes('You are signed out'), 'no token: the clinic should be signed out', { timeout: 10_000 });
    clinic.getToken = () => 'demo-okafor';
    await waitUntil(() => visibleText(clinic).includes('I Am Available for Sessions'), 'the clinic did not sign in with the new token source', { timeout: 10_000 });
  });

  it('registers every tag under a host\'s own prefix, and the dashboards render the prefixed tags', async () => {
    const result = second.defineVirtualClinic({ prefix: 'acme' });
    expect(result.skipped).to.deep.equal([]);
    expect(result.defined).to.include.members(['acme-clinic', 'acme-requester-dashboard', 'acme-provider-list']);

    const page = mount('acme', 'requester-dashboard', 'demo-frontdesk');
    await waitUntil(() => visibleText(page).includes('Dr. Amara Okafor'), 'the providers never showed', { timeout: 10_000 });
    expect(visibleText(page)).to.contain('Request Session Now');
    const dashboard = page.querySelector('acme-requester-dashboard')!;
    const list = dashboard.shadowRoot!.querySelector('acme-provider-list');
    expect(list).to.be.instanceOf(customElements.get('acme-provider-list')!);
    expect(list!.getAttribute('part')).to.equal('providers');
    expect(dashboard.shadowRoot!.querySelector('vc-provider-list')).to.equal(null);
    // The second copy's own classes: its chunks, not the first copy's.
    expect(list).to.be.instanceOf((await second.load()).VcProviderList);
    expect(list).not.to.be.instanceOf((await first.load()).VcProviderList);
  });

  it('a second registration by the same copy changes nothing and says nothing', () => {
    const before = warnings.length;
    const again = first.defineVirtualClinic();
    expect(again).to.deep.equal({ defined: [], skipped: [] });
    expect(warnings.length).to.equal(before);
  });

  it('refuses a prefix that would not make valid tag names', () => {
    expect(() => second.defineVirtualClinic({ prefix: 'Acme Health' })).to.throw(TypeError, /not a valid tag prefix/);
    expect(customElements.get('Acme Health-clinic'.toLowerCase())).to.equal(undefined);
  });

  it('works from another origin, as from a CDN: the chunks come from the loader\'s origin', async () => {
    // localhost and 127.0.0.1 are two origins of the same test server.
    const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const origin = `${location.protocol}//${otherHost}:${location.port}`;
    const far = await quietly(() => import(`${origin}${CDN}/far/virtual-clinic.js`) as Promise<Loader>);
    await quietly(() => far.defineVirtualClinic({ prefix: 'far' }));
    const clinic = mount('far', 'provider-list', 'demo-frontdesk');
    await waitUntil(() => visibleText(clinic).includes('Dr. Amara Okafor'), 'the providers never showed', { timeout: 10_000 });
    const fetched = performance.getEntriesByType('resource').map((entry) => new URL(entry.name)).filter((url) => url.pathname.startsWith(`${CDN}/far/chunks/`));
    expect(fetched.length).to.be.greaterThan(0);
    expect(fetched.every((url) => url.origin === origin), 'every chunk from the loader\'s origin').to.equal(true);
  });

  it('a chunk that fails to load (offline, blocked) shows a clear message, and Try Again loads it', async () => {
    await fetch('/__vc/cdn-control/flaky?on=1', { method: 'POST' });
    const flaky = await quietly(() => import(`${CDN}/flaky/virtual-clinic.js`) as Promise<Loader>);
    await quietly(() => flaky.defineVirtualClinic({ prefix: 'flaky' }));
    const errorsBefore = errors.length;
    const clinic = await quietly(async () => {
      const made = mount('flaky', 'provider-list', 'demo-frontdesk');
      await waitUntil(() => made.querySelectorAll('[data-vc-chunk="failed"]').length === 2, 'no failure message in the clinic and the list', { timeout: 10_000 });
      return made;
    });
    const list = clinic.querySelector('flaky-provider-list')!;
    const message = list.querySelector('[role="alert"]');
    expect(message?.textContent).to.equal('This part of the Virtual Clinic could not be loaded. Check the network connection, then choose Try Again.');
    expect(errors.length).to.be.greaterThan(errorsBefore, 'the console says which tag failed');
    expect(customElements.get('flaky-provider-list')).to.equal(undefined);

    await fetch('/__vc/cdn-control/flaky?on=0', { method: 'POST' });
    for (const retry of [clinic, list].map((tag) => tag.querySelector<HTMLButtonElement>(':scope > [data-vc-chunk] button'))) {
      expect(retry?.textContent).to.equal('Try Again');
      retry!.click();
    }
    await waitUntil(() => visibleText(clinic).includes('Dr. Amara Okafor'), 'Try Again did not load the tag', { timeout: 10_000 });
    expect(clinic.querySelector('[data-vc-chunk]')).to.equal(null);
    expect(list.querySelector('[data-vc-chunk]')).to.equal(null);
  });
});

describe('the single-file script tag (dist/cdn/virtual-clinic.bundle.js)', () => {
  it('registers every tag on load, and under a prefix of the host\'s choosing', async () => {
    const warned: string[] = [];
    const { warn } = console;
    console.warn = (...args: unknown[]) => warned.push(args.map(String).join(' '));
    let sdk: Sdk;
    try {
      sdk = (await import(`${CDN}/virtual-clinic.bundle.js`)) as Sdk;
    } finally {
      console.warn = warn;
    }
    const result = sdk.defineVirtualClinic({ prefix: 'single' });
    expect(result.skipped).to.deep.equal([]);
    expect(customElements.get('single-provider-list')?.prototype).to.be.instanceOf(sdk.VcProviderList);
  });
});
