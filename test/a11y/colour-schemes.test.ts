/**
 * Issue 20.4: readable in every colour scheme. Both dashboards, in a state that shows nearly every
 * part (a pending request, a decline notice with a note, a session, the queue with its decline
 * form open), on a host page in each scheme: light, dark (a dark host that says so with
 * `color-scheme`), a dark operating system on a light host page, the demo's themes, and forced
 * colours. In each: axe finds nothing, and by computation every text meets 4.5:1 (3:1 large),
 * every field boundary 3:1 and every focus ring 3:1 against what is behind it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Clinic } from '../../src/core/clinic.js';
import '../../src/define.js';
import { closeAll, connect, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { deepElements, deepText } from '../support/deep-query.js';
import { backgroundBehind, boundaryContrastFailures, contrast, focusRingFailure, parseColor, textContrastFailures, type Finding } from '../support/contrast.js';
import { fakeMediaLayer } from '../support/fake-media.js';
import { settled } from '../support/mount.js';

type Feature = { name: string; value: string };
const emulate = (features: Feature[]) => executeServerCommand('media-features', features);

interface Scheme {
  name: string;
  os: 'light' | 'dark';
  /** The host page's own look (a host that paints nothing is the white canvas), or the demo page's in one of its themes. */
  page: { background?: string; colorScheme?: string; theme?: string };
}

const SCHEMES: Scheme[] = [
  { name: 'light', os: 'light', page: {} },
  { name: 'dark host on a dark OS', os: 'dark', page: { background: '#11161c', colorScheme: 'dark' } },
  { name: 'dark OS on a light host page', os: 'dark', page: { background: '#ffffff' } },
  { name: 'dark OS on a host that paints nothing', os: 'dark', page: {} },
  { name: "the demo's default theme", os: 'light', page: { theme: 'default' } },
  { name: "the demo's dark theme", os: 'light', page: { theme: 'dark' } },
  { name: "the demo's vendor brand theme", os: 'light', page: { theme: 'brand' } },
  { name: "the demo's default theme on a dark OS", os: 'dark', page: { theme: 'default' } },
  { name: "the demo's vendor brand theme on a dark OS", os: 'dark', page: { theme: 'brand' } },
];

/** The demo page's own style sheets (its colours and its themes), for the tests of its themes. */
async function demoStyles(): Promise<HTMLLinkElement[]> {
  const links = ['/demo/demo.css', '/demo/themes.css'].map((href) => Object.assign(document.createElement('link'), { rel: 'stylesheet', href }));
  const loaded = links.map((link) => new Promise((resolve) => link.addEventListener('load', resolve, { once: true })));
  document.head.append(...links);
  await Promise.all(loaded);
  return links;
}

describe('colours in every scheme (issue 20.4)', function () {
  this.timeout(30_000);
  let backend: Backend;
  let page: HTMLElement;
  const clinics: Clinic[] = [];

  function mount(token: string, tag: string): HTMLElement {
    const clinic = connect(backend, token);
    clinics.push(clinic);
    const root = document.createElement('vc-clinic') as HTMLElement & { clinic: Clinic };
    root.clinic = clinic;
    root.append(document.createElement(tag));
    page.append(root);
    void clinic.start();
    return root;
  }

  /** Both dashboards with a pending request, a notice with a note, a session and an open decline form. */
  async function renderEveryPart(): Promise<HTMLElement[]> {
    const desk = await open(backend, TOKENS.frontDesk);
    const okafor = await open(backend, TOKENS.okafor);
    const lindqvist = await open(backend, TOKENS.lindqvist);
    const declined = await desk.requestSession('prov-lindqvist', 'svc-urgent');
    if (!declined.ok) throw declined.error;
    await lindqvist.declineRequest(declined.changes.requests[0]!.id, 'Please call the front desk.');
    const accepted = await desk.requestSession('prov-okafor', 'svc-urgent');
    if (!accepted.ok) throw accepted.error;
    await okafor.acceptRequest(accepted.changes.requests[0]!.id);
    await desk.requestSession('prov-okafor', 'svc-behavioral');
    const requester = mount(TOKENS.frontDesk, 'vc-requester-dashboard');
    const provider = mount(TOKENS.okafor, 'vc-provider-dashboard');
    await waitUntil(() => deepText(requester).includes('Request pending') && deepText(provider).includes('(Behavioral Health)'), 'every part on screen', { timeout: 8000 });
    const decline = [...deepElements(provider)].find((e) => e.localName === 'button' && e.textContent!.trim() === 'Decline') as HTMLButtonElement;
    decline.click();
    await waitUntil(() => [...deepElements(provider)].some((e) => e.localName === 'textarea'), 'the decline form');
    for (const element of deepElements(page)) if (element.localName.startsWith('vc-')) await settled(element);
    return [requester, provider];
  }

  let styles: HTMLLinkElement[] = [];

  beforeEach(async () => {
    backend = createBackend();
    page = document.createElement('div');
    page.className = 'host-page';
    document.body.append(page);
  });

  afterEach(async () => {
    for (const clinic of clinics.splice(0)) clinic.destroy();
    closeAll();
    page.remove();
    backend.close();
    for (const link of styles.splice(0)) link.remove();
    document.documentElement.removeAttribute('data-theme');
    document.documentElement.style.removeProperty('background');
    document.documentElement.style.removeProperty('color-scheme');
    await emulate([]);
  });

  for (const scheme of SCHEMES) {
    it(`${scheme.name}: axe is clean, every text 4.5:1, every boundary and focus ring 3:1`, async () => {
      await emulate([{ name: 'prefers-color-scheme', value: scheme.os }]);
      // Focus rings show only in a focused page; another test file's page runs beside this one.
      await executeServerCommand('focus-emulation');
      const root = document.documentElement;
      if (scheme.page.theme) {
        styles = await demoStyles();
        root.dataset.theme = scheme.page.theme;
      }
      if (scheme.page.background) root.style.setProperty('background', scheme.page.background);
      if (scheme.page.colorScheme) root.style.setProperty('color-scheme', scheme.page.colorScheme);
      const views = await renderEveryPart();

      const failures: Finding[] = [];
      for (const view of views) failures.push(...textContrastFailures(view), ...boundaryContrastFailures(view));
      for (const view of views) {
        for (const element of deepElements(view)) {
          if (!element.matches('button, select, textarea, input') || (element as HTMLButtonElement).disabled) continue;
          const target = element as HTMLElement;
          if (!target.checkVisibility() || target.getBoundingClientRect().width < 2) continue;
          target.focus({ focusVisible: true } as FocusOptions);
          const failure = focusRingFailure(target);
          if (failure) failures.push({ ...failure, what: `focus ring of ${failure.what}` });
        }
      }
      expect(failures.map((f) => `${f.what}: ${f.ratio}:1 < ${f.needed}:1`)).to.deep.equal([]);
      for (const view of views) await expect(view).to.be.accessible();
    });
  }

  /** A requester in the waiting room of an accepted session, with the fake camera and microphone. */
  async function waitingRoomWithMeter(attributes = ''): Promise<HTMLElement> {
    const desk = await open(backend, TOKENS.frontDesk);
    const okafor = await open(backend, TOKENS.okafor);
    const requested = await desk.requestSession('prov-okafor', 'svc-urgent');
    if (!requested.ok) throw requested.error;
    const accepted = await okafor.acceptRequest(requested.changes.requests[0]!.id);
    if (!accepted.ok) throw accepted.error;
    await desk.enterSession(accepted.changes.sessions[0]!.id);
    const root = mount(TOKENS.frontDesk, 'vc-waiting-room');
    if (attributes) root.setAttribute('dir', attributes);
    (root.firstElementChild as HTMLElement & { mediaLayer: unknown }).mediaLayer = fakeMediaLayer();
    let level: HTMLElement | undefined;
    await waitUntil(
      () => {
        level = [...deepElements(root)].find((e) => e.matches('[part~="meter-level"]')) as HTMLElement | undefined;
        return level && Number(level.parentElement!.getAttribute('aria-valuenow')) > 20;
      },
      'the meter moving with the fake microphone',
      { timeout: 15_000 },
    );
    return level!;
  }

  it('forced colours: the microphone level bar is visible against its track, the switch track has a boundary', async () => {
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    const level = await waitingRoomWithMeter();
    const bar = parseColor(getComputedStyle(level).backgroundColor);
    const track = backgroundBehind(level.parentElement!);
    expect(contrast(bar, track)).to.be.greaterThan(3, 'the bar against its track');
    const provider = mount(TOKENS.okafor, 'vc-availability-toggle');
    await waitUntil(() => [...deepElements(provider)].some((e) => e.matches('[part~="track"]')));
    const switchTrack = [...deepElements(provider)].find((e) => e.matches('[part~="track"]'))!;
    expect(getComputedStyle(switchTrack).borderTopStyle).not.to.equal('none');
  });

  it('right to left: the level meter grows from the right', async () => {
    const level = await waitingRoomWithMeter('rtl');
    const bar = level.getBoundingClientRect();
    const track = level.parentElement!.getBoundingClientRect();
    expect(bar.width).to.be.lessThan(track.width);
    expect(Math.abs(bar.right - track.right), 'the bar touches the right end').to.be.lessThan(2);
  });
});
