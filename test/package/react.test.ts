/**
 * The React wrappers (@virtual-clinic/sdk/react) in a React app: a tag's `vc-*` event reaches its
 * `onVc…` prop, properties are passed as properties, and there is a wrapper for every tag.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { VcEvent } from '../../src/index.js';
import { TAGS } from '../../src/elements/tags.js';
import { REACT_COMPONENTS, VcClinic, VcRequestQueue } from '../../src/react/index.js';
import { closeAll, connect, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { visibleText } from './page-helpers.js';

describe('React wrappers', () => {
  let backend: Backend;
  let container: HTMLElement;
  let root: Root;
  beforeEach(() => {
    backend = createBackend();
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    root.unmount();
    container.remove();
    closeAll();
    backend.close();
  });

  it('a provider accepts in <VcRequestQueue>: onVcRequestAccepted receives the typed event', async () => {
    const requester = await open(backend, TOKENS.frontDesk);
    const sent = await requester.requestSession('prov-okafor', 'svc-urgent');
    if (!sent.ok) throw new Error(sent.error.code);
    const clinic = connect(backend, TOKENS.okafor);
    const accepted: VcEvent<'vc-request-accepted'>[] = [];

    flushSync(() => {
      root.render(
        createElement(VcClinic, { clinic }, createElement(VcRequestQueue, { headingLevel: 3, onVcRequestAccepted: (event) => accepted.push(event) })),
      );
    });
    await clinic.start();
    const queue = container.querySelector('vc-request-queue')!;
    expect(queue.headingLevel, 'a prop is set as the element property').to.equal(3);
    await waitUntil(() => queue.shadowRoot?.querySelector('[part="accept-button"]'), 'the request never showed', { timeout: 5000 });
    expect(visibleText(queue)).to.contain('Riverside Front Desk');

    queue.shadowRoot!.querySelector<HTMLButtonElement>('[part="accept-button"]')!.click();
    await waitUntil(() => accepted.length === 1, 'onVcRequestAccepted was not called', { timeout: 5000 });
    const requestId = sent.changes.requests[0]!.id;
    expect(accepted[0]!.detail.requestId).to.equal(requestId);
    expect(backend.state().sessions.map((s) => s.id)).to.include(accepted[0]!.detail.sessionId);
    clinic.destroy();
  });

  it('has a wrapper for every tag, rendering that tag', () => {
    expect(Object.keys(REACT_COMPONENTS).sort()).to.deep.equal(Object.keys(TAGS).sort());
    flushSync(() => {
      root.render(Object.values(REACT_COMPONENTS).map((component, i) => createElement(component as typeof VcClinic, { key: i })));
    });
    expect([...container.children].map((el) => el.localName).sort()).to.deep.equal(Object.keys(TAGS).sort());
  });
});
