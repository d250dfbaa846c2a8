/**
 * Issue 19.5: busy and disabled buttons of every tag are named by parts, and one host rule styles
 * a state in the tag alone and inside its dashboard (the rule documented in docs/theming.md).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, settled, shadow } from '../support/mount.js';

describe('state parts (issue 19.5)', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(() => {
    backend.faults.delayMs = 0;
    closeAll();
  });

  /** Adds the host page's rule for the test's length. */
  function hostRule(css: string): { [Symbol.dispose](): void } {
    const style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
    return { [Symbol.dispose]: () => style.remove() };
  }
  const OUTLINE = 'rgb(1, 2, 3)';
  const inner = (dashboard: Element, tag: string) => shadow(dashboard).querySelector(tag)!;
  const button = (tag: Element, name: string) => shadow(tag).querySelector<HTMLButtonElement>(`[part~="${name}"]`)!;

  it('a busy availability switch is styled from outside, alone and inside the provider dashboard, by one rule', async () => {
    const rule = hostRule(
      `vc-availability-toggle::part(switch busy), vc-provider-dashboard::part(availability-switch availability-busy) { outline: 3px solid ${OUTLINE}; }`,
    );
    try {
      const alone = await mountInClinic(backend, TOKENS.okafor, html`<vc-availability-toggle></vc-availability-toggle>`);
      const { el: dashboard } = await mountInClinic(backend, TOKENS.lindqvist, html`<vc-provider-dashboard></vc-provider-dashboard>`);
      await waitUntil(() => inner(dashboard, 'vc-availability-toggle') && button(inner(dashboard, 'vc-availability-toggle'), 'switch'), 'the dashboard shows its switch');
      const inDashboard = inner(dashboard, 'vc-availability-toggle');
      await waitUntil(() => button(alone.el, 'switch'), 'the switch shows');
      expect(getComputedStyle(button(alone.el, 'switch')).outlineColor).not.to.equal(OUTLINE);
      backend.faults.delayMs = 400;
      for (const toggle of [alone.el, inDashboard]) button(toggle, 'switch').click();
      await Promise.all([settled(alone.el), settled(inDashboard)]);
      for (const toggle of [alone.el, inDashboard]) {
        expect(button(toggle, 'switch').getAttribute('part')).to.equal('switch busy');
        expect(getComputedStyle(button(toggle, 'switch')).outlineColor).to.equal(OUTLINE);
      }
      await waitUntil(() => button(alone.el, 'switch').getAttribute('part') === 'switch', 'the busy part goes once the server answers');
      expect(getComputedStyle(button(alone.el, 'switch')).outlineColor).not.to.equal(OUTLINE);
    } finally {
      rule[Symbol.dispose]();
    }
  });

  it('Enter Waiting Room inside the requester dashboard is "busy disabled" while entering, and styled from outside', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    const desk = await open(backend, TOKENS.frontDesk);
    const sent = await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    await okafor.acceptRequest(sent.ok ? sent.request!.id : '');
    const rule = hostRule(`vc-session-list::part(enter-button busy), vc-requester-dashboard::part(sessions-enter-button sessions-busy) { outline: 3px solid ${OUTLINE}; }`);
    try {
      const { el: dashboard } = await mountInClinic(backend, TOKENS.frontDesk, html`<vc-requester-dashboard></vc-requester-dashboard>`);
      await waitUntil(() => inner(dashboard, 'vc-session-list') && button(inner(dashboard, 'vc-session-list'), 'enter-button'), 'the session shows');
      const sessions = inner(dashboard, 'vc-session-list');
      expect(button(sessions, 'enter-button').getAttribute('part')).to.equal('enter-button');
      backend.faults.delayMs = 400;
      button(sessions, 'enter-button').click();
      await settled(sessions);
      expect(button(sessions, 'enter-button').getAttribute('part')).to.equal('enter-button busy disabled');
      expect(getComputedStyle(button(sessions, 'enter-button')).outlineColor).to.equal(OUTLINE);
    } finally {
      rule[Symbol.dispose]();
    }
  });

  it('Request Dr. … under a decline notice is "busy disabled" while the request is under way', async () => {
    const kiosk = await open(backend, TOKENS.kiosk);
    await kiosk.requestSession('prov-reyes'); // unavailable: declined at once (R5)
    const { el } = await mountInClinic(backend, TOKENS.kiosk, html`<vc-decline-notices></vc-decline-notices>`);
    await waitUntil(() => button(el, 'request-other-button'), 'the notice offers another provider');
    expect(button(el, 'request-other-button').getAttribute('part')).to.equal('request-other-button');
    backend.faults.delayMs = 400;
    button(el, 'request-other-button').click();
    await settled(el);
    expect(button(el, 'request-other-button').getAttribute('part')).to.equal('request-other-button busy disabled');
    expect(button(el, 'request-other-button').getAttribute('aria-busy')).to.equal('true');
  });
});
