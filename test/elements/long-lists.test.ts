import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../src/define.js';
import { createClinic, type Clinic } from '../../src/core/clinic.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';
import type { Provider, SessionRequest } from '../../src/core/model.js';
import { makeProviders, makeRequests, PROVIDER_ME, REQUESTER_ME, StaticTransport } from '../../bench/pages/clinic-data.js';
import { settled, shadow } from '../support/mount.js';
import { announcerOf, text } from '../support/harness.js';

/** A host's clinic over data it holds: thousands of providers or requests, no server needed. */
function clinicWith(data: { providers?: Provider[]; requests?: SessionRequest[]; provider?: boolean }): Clinic {
  const me = data.provider ? PROVIDER_ME : REQUESTER_ME;
  return createClinic({ transport: new StaticTransport({ me, ...data }), tabs: false, watchWakeSignals: false });
}

// No error of the SDK's may reach the host's error handler (issue 16 case 8): the browser's
// "ResizeObserver loop" reports, which the virtualizer used to cause, are not ignored here: any
// uncaught error fails the test that caused it.

const clinics: Clinic[] = [];
afterEach(() => {
  for (const clinic of clinics.splice(0)) clinic.destroy();
});

/** Mounts `tag` in a scrolling box of a host page. */
async function mount(tag: 'vc-provider-list' | 'vc-request-queue', clinic: Clinic) {
  clinics.push(clinic);
  await clinic.start();
  const root = await fixture<VcClinic>(html`
    <vc-clinic .clinic=${clinic}>
      <div style="height: 600px; overflow: auto">${tag === 'vc-provider-list' ? html`<vc-provider-list></vc-provider-list>` : html`<vc-request-queue></vc-request-queue>`}</div>
    </vc-clinic>
  `);
  const box = root.querySelector('div')!;
  const el = box.querySelector(tag)!;
  await settled(el);
  return { box, el };
}

/**
 * The browser fires `scroll` (and resize observations) when it renders a frame, and a test page in
 * a background tab gets no frames: fire it as a visible page would, so that the virtualizer follows.
 */
const scrolled = (box: Element) => box.dispatchEvent(new Event('scroll'));

const rows = (el: Element) => [...shadow(el).querySelectorAll<HTMLLIElement>('ul[part="list"] > li')];
const names = (el: Element) => [...shadow(el).querySelectorAll('[part="name"]')].map(text);
const focusedRow = (el: Element) => (shadow(el).activeElement as HTMLElement | null)?.closest('li');
const filterInput = (el: Element) => shadow(el).querySelector<HTMLInputElement>('[part="filter-input"]');
const liveRegion = (el: Element) => announcerOf(el)!;
/** The providers' names in the order the list shows them (by name). */
const sortedNames = (providers: Provider[]) => providers.map((p) => p.name).sort((a, b) => a.localeCompare(b));
/**
 * Waits until the list is virtualized (the virtualizer loads on first need) and shows rows. The
 * virtualizer lays out again when its list's size is known, which a page learns at a frame: here
 * a scroll event stands in for that frame.
 */
const virtualized = (el: Element) =>
  waitUntil(() => scrolled(el.parentElement!) && shadow(el).querySelector('ul.virtual > li'), 'the list was not virtualized', { timeout: 5000 });

describe('<vc-provider-list> filter', () => {
  it('narrows the list by name or specialty as the user types, says how many match, and stays accessible', async () => {
    const { el } = await mount('vc-provider-list', clinicWith({ providers: makeProviders(24) }));
    const input = filterInput(el)!;
    expect(input.labels?.[0] && text(input.labels[0])).to.equal('Find a provider');
    expect(input.type).to.equal('search');
    expect(rows(el)).to.have.length(24);
    await expect(el).to.be.accessible();

    input.focus();
    await sendKeys({ type: 'cardio' });
    await settled(el);
    const specialties = [...shadow(el).querySelectorAll('[part="specialty"]')].map(text);
    expect(specialties).to.have.length(3);
    expect(new Set(specialties)).to.deep.equal(new Set(['Cardiology']));
    await waitUntil(() => text(liveRegion(el)) === '3 providers match.', 'the count was not announced');

    // Every word must match, in the name or the specialty; case and accents do not matter.
    input.select();
    await sendKeys({ type: 'ZOE cardio' });
    await settled(el);
    expect(names(el)).to.deep.equal(['Dr. Zoë Okafor 00011']);
    await expect(el).to.be.accessible();

    input.select();
    await sendKeys({ type: 'nobody here' });
    await settled(el);
    expect(rows(el)).to.have.length(0);
    expect(text(shadow(el).querySelector('[part="no-match"]'))).to.equal('No provider matches “nobody here”.');
    await expect(el).to.be.accessible();

    input.select();
    await sendKeys({ press: 'Backspace' });
    await settled(el);
    expect(rows(el)).to.have.length(24);
  });

  it('is not shown for a short list, unless filter-threshold asks for it', async () => {
    const { el } = await mount('vc-provider-list', clinicWith({ providers: makeProviders(3) }));
    expect(filterInput(el)).to.equal(null);
    el.setAttribute('filter-threshold', '0');
    await settled(el);
    expect(filterInput(el)).to.not.equal(null);
  });

  it('finds a provider far down a list of 5,000', async () => {
    const { el } = await mount('vc-provider-list', clinicWith({ providers: makeProviders(5000) }));
    await virtualized(el);
    filterInput(el)!.focus();
    await sendKeys({ type: '04321' });
    await settled(el);
    await waitUntil(() => names(el).length === 1);
    expect(names(el)).to.deep.equal(['Dr. Erik Shah 04321']);
    expect(text(rows(el)[0]!.querySelector('[part="request-button"]'))).to.equal('Request Session Now');
  });
});

describe('long lists', () => {
  it('a long provider list renders only a window of rows, still a list with aria-setsize and aria-posinset', async () => {
    const providers = makeProviders(2000);
    const { el } = await mount('vc-provider-list', clinicWith({ providers }));
    await virtualized(el);
    const list = shadow(el).querySelector('ul[part="list"]')!;
    expect(list.getAttribute('aria-labelledby')).to.equal('heading');
    const shown = rows(el);
    expect(shown.length).to.be.greaterThan(2).and.lessThan(100);
    expect(shown[0]!.getAttribute('aria-setsize')).to.equal('2000');
    expect(shown[0]!.getAttribute('aria-posinset')).to.equal('1');
    expect(shown[1]!.getAttribute('aria-posinset')).to.equal('2');
    expect(text(shown[0]!.querySelector('[part="name"]'))).to.equal(sortedNames(providers)[0]);
    await expect(el).to.be.accessible();
  });

  it("nothing reaches the host page's error handler while a long list renders, scrolls and resizes (issue 16 case 8)", async () => {
    const reported: string[] = [];
    const onError = (event: ErrorEvent) => reported.push(event.message);
    window.addEventListener('error', onError);
    try {
      const providers = makeProviders(303);
      const { box, el } = await mount('vc-provider-list', clinicWith({ providers }));
      await virtualized(el);
      for (const [top, width] of [[800, 500], [4000, 360], [0, 700], [9000, 420]] as const) {
        box.style.width = `${width}px`;
        box.scrollTop = top;
        scrolled(box);
        // Two frames: the virtualizer measures in one and may re-measure in the next.
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      }
      const atEnd = () => {
        box.scrollTop = box.scrollHeight;
        scrolled(box);
        return rows(el).some((row) => row.getAttribute('aria-posinset') === '303');
      };
      await waitUntil(atEnd, 'the end of the list was not rendered');
      expect(reported).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('every provider can be reached by scrolling', async () => {
    const providers = makeProviders(2000);
    const { box, el } = await mount('vc-provider-list', clinicWith({ providers }));
    await virtualized(el);
    // As a user drags the scroll bar to the end (and drags again if the page moved meanwhile).
    const atEnd = () => {
      box.scrollTop = box.scrollHeight;
      scrolled(box);
      return rows(el).some((row) => row.getAttribute('aria-posinset') === '2000');
    };
    await waitUntil(atEnd, 'the last provider was not rendered', { timeout: 5000 });
    const last = rows(el).find((row) => row.getAttribute('aria-posinset') === '2000')!;
    expect(text(last.querySelector('[part="name"]'))).to.equal(sortedNames(providers)[1999]);
    expect(rows(el).length).to.be.lessThan(100);
  });

  it('every provider can be reached by keyboard: Arrow Down and Up, End and Home', async () => {
    const providers = makeProviders(2000);
    const { box, el } = await mount('vc-provider-list', clinicWith({ providers }));
    await virtualized(el);
    const reached = (position: number) => () => scrolled(box) && focusedRow(el)?.getAttribute('aria-posinset') === String(position);
    rows(el)[0]!.querySelector<HTMLElement>('[part="request-button"]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(reached(2));
    await sendKeys({ press: 'End' });
    await waitUntil(reached(2000), 'End did not reach the last provider', { timeout: 5000 });
    expect(text(focusedRow(el)!.querySelector('[part="name"]'))).to.equal(sortedNames(providers)[1999]);
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(reached(1999));
    // Tab goes on into the focused provider's actions.
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('service-select');
    await sendKeys({ press: 'Home' });
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('service-select');
    focusedRow(el)!.focus();
    await sendKeys({ press: 'Home' });
    await waitUntil(reached(1), 'Home did not reach the first provider', { timeout: 5000 });
  });

  it('a long request queue renders only a window; End reaches the oldest request', async () => {
    const { box, el } = await mount('vc-request-queue', clinicWith({ provider: true, requests: makeRequests(1500) }));
    await virtualized(el);
    const shown = rows(el);
    expect(shown.length).to.be.greaterThan(2).and.lessThan(100);
    expect(shown[0]!.getAttribute('aria-setsize')).to.equal('1500');
    expect(shown[0]!.getAttribute('aria-posinset')).to.equal('1');
    expect(text(shown[0]!.querySelector('[part="requester"]'))).to.equal('Riverside Front Desk 0');
    shown[0]!.querySelector<HTMLElement>('[part="accept-button"]')!.focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => scrolled(box) && focusedRow(el)?.getAttribute('aria-posinset') === '1500', 'End did not reach the oldest request', { timeout: 5000 });
    expect(text(focusedRow(el)!.querySelector('[part="requester"]'))).to.equal('Harbor Clinic Desk 1499');
    await expect(el).to.be.accessible();
  });

  it('a short list renders every row, without position attributes', async () => {
    const { el } = await mount('vc-request-queue', clinicWith({ provider: true, requests: makeRequests(12) }));
    expect(rows(el)).to.have.length(12);
    expect(rows(el)[0]!.hasAttribute('aria-setsize')).to.equal(false);
    expect(shadow(el).querySelector('ul.virtual')).to.equal(null);
  });
});
