/**
 * Issue 16.6, "Closed tabs leave stale presence": what the other side sees once a participant's
 * tabs are all closed for the backend's grace period (the mock's `presenceGraceMs`, on a clock
 * the test moves), in English and in Spanish.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { acceptedSession, closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { announced, part, text } from '../support/harness.js';
import { mountInClinic, shadow } from '../support/mount.js';
import { ManualClock } from '../support/manual-clock.js';

const GRACE = 15_000;

describe('presence (issue 16.6)', () => {
  let backend: Backend;
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock(Date.now());
    backend = createBackend({ now: clock.now, timers: clock.timers, presenceGraceMs: GRACE });
  });
  afterEach(() => closeAll());

  it('a provider who closed their only dashboard is shown as not reachable right now, a request to them is declined with a clear notice, and they are back with a dashboard', async () => {
    (await open(backend, TOKENS.okafor)).destroy();
    await waitUntil(() => backend.openStreamCount() === 0, 'the provider\'s stream did not close');
    const { el } = await mountInClinic(backend, TOKENS.nurseCart, html`<div><vc-provider-list></vc-provider-list><vc-decline-notices></vc-decline-notices></div>`);
    const list = el.querySelector('vc-provider-list')!;
    const notices = el.querySelector('vc-decline-notices')!;
    const availability = () => text(shadow(list).querySelector('li[data-provider-id="prov-okafor"] [part~="availability"]'));
    expect(availability()).to.equal('Available');

    await clock.advance(GRACE - 1);
    expect(availability()).to.equal('Available', 'within the grace period (a reload) nothing changes');
    await clock.advance(1);
    await waitUntil(() => availability() === 'Not reachable right now', `the list says "${availability()}"`);

    // Lakeside's nurse cart has one service (implied, R2): one click sends the request.
    part<HTMLButtonElement>(list, 'request-button', shadow(list).querySelector('li[data-provider-id="prov-okafor"]')!)!.click();
    await waitUntil(() => text(part(notices, 'notice')).includes('is not reachable right now'), `the notice says "${text(part(notices, 'notice'))}"`);
    expect(text(part(notices, 'notice'))).to.include('Dr. Amara Okafor is not reachable right now (their dashboard is closed), so your request was declined.');

    await open(backend, TOKENS.okafor);
    await waitUntil(() => availability() === 'Available', 'the provider did not come back with a dashboard');
  });

  it('the provider stops seeing "In Waiting Room" once the requester closed the tab, and sees it again when they are back', async () => {
    const { desk, sessionId } = await acceptedSession(backend);
    await desk.enterSession(sessionId);
    const { el } = await mountInClinic(backend, TOKENS.okafor, html`<vc-session-list></vc-session-list>`);
    const status = () => text(shadow(el).querySelector(`[data-session-id="${sessionId}"] [part~="participant-status"]`));
    await waitUntil(() => status() === 'In Waiting Room', `the provider sees "${status()}"`);

    desk.destroy();
    await clock.advance(GRACE);
    await waitUntil(() => status() === 'Disconnected', `the provider sees "${status()}"`);
    expect(shadow(el).querySelector(`[data-session-id="${sessionId}"] [part~="participant-status"]`)!.getAttribute('data-status')).to.equal('disconnected');
    // Said as well as shown (issue 20.3).
    await waitUntil(() => announced(el) === 'Riverside Front Desk is disconnected: their Virtual Clinic page is closed.', `said: "${announced(el)}"`);

    await open(backend, TOKENS.frontDesk);
    await waitUntil(() => status() === 'In Waiting Room', `the provider sees "${status()}" after the requester came back`);
    await waitUntil(() => announced(el) === 'Riverside Front Desk is connected again.', `said: "${announced(el)}"`);
  });

  it('in Spanish: "No localizable en este momento" in the list, "Desconectado" in the session', async () => {
    const { desk, sessionId } = await acceptedSession(backend);
    await desk.enterSession(sessionId);
    (await open(backend, TOKENS.lindqvist)).destroy();
    const provider = await mountInClinic(backend, TOKENS.okafor, html`<vc-session-list lang="es"></vc-session-list>`);
    const requester = await mountInClinic(backend, TOKENS.nurseCart, html`<vc-provider-list lang="es"></vc-provider-list>`);
    desk.destroy();
    await clock.advance(GRACE);
    const status = () => text(shadow(provider.el).querySelector(`[data-session-id="${sessionId}"] [part~="participant-status"]`));
    const availability = () => text(shadow(requester.el).querySelector('li[data-provider-id="prov-lindqvist"] [part~="availability"]'));
    await waitUntil(() => availability() === 'No localizable en este momento', `the list says "${availability()}"`);
    await waitUntil(() => status() === 'Desconectado', `the session says "${status()}"`);
  });
});
