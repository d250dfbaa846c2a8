/**
 * docs/react.md: the ProviderScreen of docs/examples/react in a React root — a themed provider
 * dashboard whose accepted request reaches the component's state through onVcRequestAccepted.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createElement, type FunctionComponent } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { acceptFirstRequest, openExamplePage, providerDashboardIn, visibleText, type ExamplePage } from './example-page.js';

// The example is compiled as a host app compiles it (docs/examples/tsconfig.json, checked by
// test/package); here it is only run, so tsc does not follow this import.
type Example = { ProviderScreen: FunctionComponent<{ getToken: () => string | null }> };
const { ProviderScreen } = (await import('/docs/examples/react/ProviderScreen.tsx' as string)) as Example;

describe('docs/react.md — a React app', () => {
  let page: ExamplePage;
  let root: Root;
  beforeEach(async () => {
    page = await openExamplePage('lindqvist');
    root = createRoot(page.container);
    root.render(createElement(ProviderScreen, { getToken: () => page.token }));
  });
  afterEach(() => {
    page.close(); // first: it stops the clinics of the tags it removes
    root.unmount();
  });

  it('shows the themed provider dashboard', async () => {
    const { track } = await providerDashboardIn(page.container);
    expect(getComputedStyle(track).backgroundColor).to.equal('rgb(0, 102, 94)');
  });

  it('an accepted request reaches the component through onVcRequestAccepted', async () => {
    const { dashboard } = await providerDashboardIn(page.container);
    await page.requestSession();
    await acceptFirstRequest(dashboard);
    await waitUntil(() => page.container.querySelector('[role="status"]'), 'the component never heard of the session', { timeout: 5000 });
    const sessionId = page.backend.state().sessions[0]!.id;
    expect(visibleText(page.container.querySelector('[role="status"]')!)).to.equal(`Session ${sessionId} is ready.`);
  });
});
