/**
 * docs/vue.md: the app of docs/examples/vue — the tags in a Vue template (isCustomElement), the
 * token as a DOM property, and a vc-* event handled by Vue.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { App } from 'vue';
import { acceptFirstRequest, openExamplePage, providerDashboardIn, visibleText, type ExamplePage } from './example-page.js';

// The example is type-checked with docs/examples/tsconfig.json (test/package); here it is run.
type Example = { createProviderApp(options: { getToken: () => string | null }): App };
const { createProviderApp } = (await import('/docs/examples/vue/provider-app.js' as string)) as Example;

describe('docs/vue.md — a Vue app', () => {
  let page: ExamplePage;
  let app: App;
  const warnings: string[] = [];
  const warn = console.warn;
  beforeEach(async () => {
    page = await openExamplePage('reyes');
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    app = createProviderApp({ getToken: () => page.token });
    app.mount(page.container);
  });
  afterEach(() => {
    console.warn = warn;
    page.close(); // first: it stops the clinics of the tags it removes
    app.unmount();
  });

  it('shows the themed provider dashboard, and Vue does not mistake the tags for components', async () => {
    const { track } = await providerDashboardIn(page.container);
    expect(getComputedStyle(track).backgroundColor).to.equal('rgb(0, 102, 94)');
    expect(warnings.filter((w) => w.includes('Failed to resolve component'))).to.deep.equal([]);
  });

  it('an accepted request reaches the Vue app through @vc-request-accepted', async () => {
    const { dashboard } = await providerDashboardIn(page.container);
    await page.requestSession();
    await acceptFirstRequest(dashboard);
    await waitUntil(() => page.container.querySelector('[role="status"]'), 'the app never heard of the session', { timeout: 5000 });
    const sessionId = page.backend.state().sessions[0]!.id;
    expect(visibleText(page.container.querySelector('[role="status"]')!)).to.equal(`Session ${sessionId} is ready.`);
  });
});
