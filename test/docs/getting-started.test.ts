/**
 * docs/getting-started.md: the plain HTML page of docs/examples/plain-html, with the script-tag
 * bundle, the theme of docs/theming.md and the token set by its app.js, shows a themed provider
 * dashboard that works.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { CDN_PATH } from './paths.js';
import { acceptFirstRequest, openExamplePage, providerDashboardIn, visibleText, type ExamplePage } from './example-page.js';

describe('docs/getting-started.md — a plain HTML page', () => {
  let page: ExamplePage;
  let html: Document;

  before(async () => {
    html = new DOMParser().parseFromString(await (await fetch('/docs/examples/plain-html/index.html')).text(), 'text/html');
    // The test server adds its own reload script to every page it serves.
    for (const own of html.querySelectorAll('script[src^="/__web-dev-server"]')) own.remove();
    page = await openExamplePage('okafor');
    // What the page's <script> tags run, in order, once the body is parsed: app.js, then the
    // bundle (from node_modules after `npm install`; here the same bundle built from this tree).
    const scripts = [...html.querySelectorAll('script[type="module"]')].map((script) => script.getAttribute('src'));
    expect(scripts, JSON.stringify(scripts)).to.deep.equal(['./app.js', './node_modules/@virtual-clinic/sdk/dist/cdn/virtual-clinic.js']);
    for (const node of html.body.childNodes) page.container.append(document.importNode(node, true));
    await import('/docs/examples/plain-html/app.js' as string);
    await import(`${CDN_PATH}`);
  });
  after(() => page.close());

  it('shows the provider dashboard in the vendor\'s brand', async () => {
    const { queue, track } = await providerDashboardIn(page.container);
    expect(html.querySelector('link[rel="stylesheet"]')?.getAttribute('href')).to.equal('../theme.css');
    expect(getComputedStyle(track).backgroundColor, 'the brand colour of the switch').to.equal('rgb(0, 102, 94)');
    expect(getComputedStyle(queue).borderTopLeftRadius, 'the dashboard part styled by the page').to.equal('20px');
    expect(getComputedStyle(queue).fontFamily).to.contain('Georgia');
  });

  it('works: a request arrives live and the provider accepts it', async () => {
    const { dashboard } = await providerDashboardIn(page.container);
    await page.requestSession();
    await acceptFirstRequest(dashboard);
    await waitUntil(() => visibleText(dashboard).includes('Enter Meeting'), 'the session never showed', { timeout: 5000 });
    expect(page.backend.state().sessions).to.have.length(1);
  });

  it('dark mode: the brand\'s dark values apply', async () => {
    const { queue } = await providerDashboardIn(page.container);
    document.documentElement.dataset.theme = 'dark';
    expect(getComputedStyle(queue).backgroundColor).to.equal('rgb(21, 33, 32)');
    const label = queue.shadowRoot?.querySelector('[part="heading"]') ?? queue;
    expect(getComputedStyle(label).color).to.equal('rgb(231, 235, 240)');
  });
});
