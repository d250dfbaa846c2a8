/** Issue 19.4: a dashboard's settings reach the tags inside it. */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import type { Clinic } from '../../src/core/clinic.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, shadow } from '../support/mount.js';

describe('dashboard settings', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(closeAll);

  const innerOf = (dashboard: Element, tag: string) => shadow(dashboard).querySelector(tag) as (HTMLElement & Record<string, unknown>) | null;

  it('the provider dashboard hands its queue and alerts settings to them, and leaves the rest at their defaults', async () => {
    const { el } = await mountInClinic<HTMLElement & Record<string, unknown>>(
      backend,
      TOKENS.okafor,
      html`<vc-provider-dashboard overdue-after="60" heading-level="3" highlight-duration="2500" no-sound chime-interval="45"></vc-provider-dashboard>`,
    );
    await waitUntil(() => innerOf(el, 'vc-request-queue') && innerOf(el, 'vc-alerts'), 'no inner tags');
    const queue = innerOf(el, 'vc-request-queue')!;
    const alerts = innerOf(el, 'vc-alerts')!;
    expect([queue.overdueAfter, queue.headingLevel, queue.highlightDuration]).to.deep.equal([60, 3, 2500]);
    expect([alerts.noSound, alerts.chimeInterval, alerts.noTitle]).to.deep.equal([true, 45, false]);
    await waitUntil(() => shadow(queue).querySelector('[part="heading"][aria-level="3"]'), 'the queue heading is not at level 3');
    el.setAttribute('overdue-after', '0');
    await waitUntil(() => queue.overdueAfter === 0, 'a changed attribute did not reach the queue');
  });

  it('the requester dashboard hands the filter threshold and heading to its provider list', async () => {
    const { el } = await mountInClinic<HTMLElement & Record<string, unknown>>(
      backend,
      TOKENS.frontDesk,
      html`<vc-requester-dashboard filter-threshold="0" heading="Our clinicians"></vc-requester-dashboard>`,
    );
    await waitUntil(() => innerOf(el, 'vc-provider-list'), 'no provider list');
    const list = innerOf(el, 'vc-provider-list')!;
    expect([list.filterThreshold, list.heading]).to.deep.equal([0, 'Our clinicians']);
    await waitUntil(() => (shadow(list).textContent ?? '').includes('Our clinicians'), 'the heading text did not show');
  });

  it('outside any <vc-clinic>, a single tag and a dashboard whose `clinic` property the host set show that clinic (the manifest lists it, issue 19.3)', async () => {
    const clinic = await open(backend, TOKENS.okafor);
    const queue = await fixture<HTMLElement & { clinic: Clinic }>(html`<vc-request-queue .clinic=${clinic}></vc-request-queue>`);
    const dashboard = await fixture<HTMLElement & { clinic: Clinic }>(html`<vc-provider-dashboard .clinic=${clinic}></vc-provider-dashboard>`);
    const frontDesk = await open(backend, TOKENS.frontDesk);
    expect((await frontDesk.requestSession('prov-okafor', 'svc-urgent')).ok).to.equal(true);
    const acceptButton = (scope: Element | null) => (scope && shadow(scope).querySelector('[part~="accept-button"]')) ?? null;
    await waitUntil(() => acceptButton(queue), `the queue shows no request: ${shadow(queue).textContent}`);
    await waitUntil(() => acceptButton(innerOf(dashboard, 'vc-request-queue')), "the dashboard's queue shows no request");
  });
});
