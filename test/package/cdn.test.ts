/**
 * The script-tag bundle as a plain page uses it: loaded twice on one page (two copies, as two
 * scripts of two vendors would), registered under a host's own prefix, and working.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import { serveApi, unmount, visibleText, type Backend } from './page-helpers.js';

type Sdk = typeof import('../../src/define.js');
const CDN = '/__vc/cdn/virtual-clinic.js';

describe('the script-tag bundle (dist/cdn/virtual-clinic.js)', () => {
  let backend: Backend;
  let unserve: () => void;
  let first: Sdk;
  let second: Sdk;
  const warnings: string[] = [];
  const mounted: Element[] = [];

  function mount(tagPrefix: string, dashboard: string, token: string): Element {
    const clinic = document.createElement(`${tagPrefix}-clinic`) as Sdk['VcClinic']['prototype'];
    clinic.setAttribute('base-url', '/api');
    clinic.getToken = () => token;
    clinic.append(document.createElement(`${tagPrefix}-${dashboard}`));
    document.body.append(clinic);
    mounted.push(clinic);
    return clinic;
  }

  before(async () => {
    backend = createClinicBackend();
    unserve = serveApi(backend);
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      first = (await import(`${CDN}?copy=1`)) as Sdk;
      second = (await import(`${CDN}?copy=2`)) as Sdk;
    } finally {
      console.warn = warn;
    }
  });
  afterEach(() => {
    for (const element of mounted.splice(0)) unmount(element);
  });
  after(() => {
    unserve();
    backend.close();
  });

  it('loads twice without throwing: the second copy keeps the first one\'s tags, with one warning', () => {
    expect(first.VcClinic).not.to.equal(second.VcClinic);
    expect(customElements.get('vc-clinic')).to.equal(first.VcClinic);
    expect(customElements.get('vc-provider-dashboard')).to.equal(first.VcProviderDashboard);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('already defined').and.to.contain('vc-provider-dashboard');
  });

  it('a plain page shows a provider\'s dashboard from <vc-clinic base-url> and a token', async () => {
    const page = mount('vc', 'provider-dashboard', 'demo-okafor');
    await waitUntil(() => visibleText(page).includes('I Am Available for Sessions'), 'the availability switch never showed', { timeout: 5000 });
    expect(visibleText(page)).to.contain('No one is waiting');
  });

  it('signs in when the page gives the token only after the tags started (a late script)', async () => {
    const clinic = document.createElement('vc-clinic');
    clinic.setAttribute('base-url', '/api');
    clinic.append(document.createElement('vc-provider-dashboard'));
    document.body.append(clinic);
    mounted.push(clinic);
    await waitUntil(() => visibleText(clinic).includes('You are signed out'), 'no token: the clinic should be signed out', { timeout: 5000 });
    clinic.getToken = () => 'demo-okafor';
    await waitUntil(() => visibleText(clinic).includes('I Am Available for Sessions'), 'the clinic did not sign in with the new token source', { timeout: 5000 });
  });

  it('registers every tag under a host\'s own prefix, and the dashboards render the prefixed tags', async () => {
    const result = second.defineVirtualClinic({ prefix: 'acme' });
    expect(result.skipped).to.deep.equal([]);
    expect(result.defined).to.include.members(['acme-clinic', 'acme-requester-dashboard', 'acme-provider-list']);
    expect(customElements.get('acme-provider-list')?.prototype).to.be.instanceOf(second.VcProviderList);

    const page = mount('acme', 'requester-dashboard', 'demo-frontdesk');
    await waitUntil(() => visibleText(page).includes('Dr. Amara Okafor'), 'the providers never showed', { timeout: 5000 });
    expect(visibleText(page)).to.contain('Request Session Now');
    const dashboard = page.querySelector('acme-requester-dashboard')!;
    const list = dashboard.shadowRoot!.querySelector('acme-provider-list');
    expect(list).to.be.instanceOf(customElements.get('acme-provider-list')!);
    expect(list!.getAttribute('part')).to.equal('providers');
    expect(dashboard.shadowRoot!.querySelector('vc-provider-list')).to.equal(null);
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
});
