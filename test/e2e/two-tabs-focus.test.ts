/**
 * Issue 20.1 with one user per tab, as the audit found it: the other user's action removes the
 * control this user's keyboard focus is on, and focus goes to what replaced it (or the nearest
 * meaningful heading), never to `<body>`, not even for a frame. Two tabs of the demo page (two
 * same-origin frames, `?as=`) on the shared Node mock backend, as test/e2e/two-tabs.test.ts opens
 * them; the other user acts by clicking in their own tab.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { clickButton, deepElements, findButton, findItem, seeText } from '../support/deep-query.js';
import { closeDemos, openDemo, pane } from '../support/demo-frame.js';
import { deepActive, FocusRecorder, focusReaches } from '../support/focus-recorder.js';
import { SEED } from '../../mock-server/seed.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';

const QUERY = '&backend=node&api=/e2e-node/api';
/** The demo page, served under a path no MSW worker controls (see web-test-runner.config.mjs). */
const SHARED_PAGE = '/shared-demo/index.html';
const REQUESTER = 'Requester: Lakeside Nurse Cart 3';
const PROVIDER = 'Provider: Dr. Erik Lindqvist';

interface Tab {
  doc: Document;
  pane: HTMLElement;
}

/** The element with part `name` inside the tag `tag` (any prefix: `…-waiting-room`) of `root`. */
function partIn(root: Node, tag: string, name: string): HTMLElement | undefined {
  for (const element of deepElements(root)) {
    const host = (element.getRootNode() as ShadowRoot).host;
    if (host?.localName.endsWith(tag) && element.getAttribute('part')?.split(' ').includes(name) && !element.closest('[hidden]')) return element as HTMLElement;
  }
  return undefined;
}

const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('two tabs, one user each: the other user removes the focused control (issue 20.1)', function () {
  this.timeout(60_000);
  let requester: Tab;
  let provider: Tab;
  let recorder: FocusRecorder | null = null;

  beforeEach(async () => {
    const reset = await fetch('/e2e-node/api/reset', { method: 'POST', headers: { Authorization: `Bearer ${SEED.resetToken}` } });
    expect(reset.status).to.equal(200);
    const requesterDoc = await openDemo(`?as=req-nursecart${QUERY}`, SHARED_PAGE);
    const providerDoc = await openDemo(`?as=prov-lindqvist${QUERY}`, SHARED_PAGE);
    requester = { doc: requesterDoc, pane: await pane(requesterDoc, REQUESTER) };
    provider = { doc: providerDoc, pane: await pane(providerDoc, PROVIDER) };
    await seeText(requester.pane, 'Dr. Erik Lindqvist');
  });
  afterEach(() => {
    recorder?.stop();
    recorder = null;
    closeDemos();
  });

  /** The requester asks Dr. Lindqvist (the account's one service is implied), and the provider sees it. */
  async function request(): Promise<void> {
    findButton(findItem(requester.pane, 'li', 'Dr. Erik Lindqvist', 'Request Session Now')!, 'Request Session Now')!.click();
    await seeText(provider.pane, 'Lakeside Nurse Cart 3');
    await waitUntil(() => findButton(requester.pane, 'Cancel Request'), 'no Cancel Request');
  }

  /** Both in the session: accepted, the requester in the waiting room, the provider in the meeting when `meeting`. */
  async function session(meeting: boolean): Promise<void> {
    await request();
    await clickButton(provider.pane, 'Accept');
    await clickButton(requester.pane, 'Enter Waiting Room');
    await seeText(provider.pane, 'In Waiting Room');
    // Each side's own Enter is answered too: until then its Leave Session does not act (the
    // provider may see the requester arrive before the requester's tab has its answer).
    const ready = (tab: Tab) => partIn(tab.pane, 'waiting-room', 'leave-button')?.getAttribute('aria-disabled') === 'false';
    await waitUntil(() => ready(requester), "the requester's Leave Session never became ready", { timeout: 10_000 });
    if (!meeting) return;
    await clickButton(provider.pane, 'Enter Meeting');
    await seeText(requester.pane, 'In the meeting with Dr. Erik Lindqvist.');
    await waitUntil(() => ready(provider) && ready(requester), 'Leave Session never became ready', { timeout: 10_000 });
  }

  /** `tab`'s user puts keyboard focus on `control`; the recording of that tab's focus starts there. */
  async function focusOn(tab: Tab, control: () => HTMLElement | undefined, name: string): Promise<void> {
    await waitUntil(control, `no ${name}`);
    const element = control()!;
    element.focus();
    await focusReaches(() => element, `${name} never took focus`, tab.doc);
    recorder = new FocusRecorder(tab.doc);
  }

  /** Focus in `tab` reaches what `target` finds, and never rested on `<body>` on the way. */
  async function focusGoesTo(tab: Tab, target: () => Element | null | undefined, what: string): Promise<Element> {
    await focusReaches(target, `focus did not reach ${what}`, tab.doc).catch((error: Error) => {
      throw new Error(`${error.message}\n${String(recorder)}`);
    });
    expect(recorder!.passesThroughBody().length, String(recorder)).to.equal(0);
    return deepActive(tab.doc)!;
  }

  const cancelRequest = () => findButton(requester.pane, 'Cancel Request');

  it('requester on Cancel Request, the provider accepts: focus goes to the new session', async () => {
    await request();
    await focusOn(requester, cancelRequest, 'Cancel Request');
    await clickButton(provider.pane, 'Accept');
    const title = () => partIn(requester.pane, 'session-list', 'title');
    const focused = await focusGoesTo(requester, title, 'the new session');
    expect(text(focused)).to.equal('Session with Dr. Erik Lindqvist');
  });

  it('requester on Cancel Request, the provider declines: focus goes to the decline notice', async () => {
    await request();
    await focusOn(requester, cancelRequest, 'Cancel Request');
    // Through the provider's clinic, not their decline form: the form moves focus in the provider's
    // frame, and frames of one page share one focus, which two real tabs do not.
    const requestId = partIn(provider.pane, 'request-queue', 'item')!.id.replace(/^item-/, '');
    const clinic = ([...deepElements(provider.doc)].find((e) => e.localName === 'vc-clinic') as VcClinic).activeClinic!;
    expect((await clinic.declineRequest(requestId, null)).ok).to.equal(true);
    const message = () => partIn(requester.pane, 'decline-notices', 'message');
    const focused = await focusGoesTo(requester, message, 'the notice');
    expect(text(focused)).to.include('Dr. Erik Lindqvist');
  });

  it('requester on Cancel Request, the provider goes unavailable: focus goes to the notice', async () => {
    await request();
    await focusOn(requester, cancelRequest, 'Cancel Request');
    const toggle = [...deepElements(provider.pane)].find((e) => e.getAttribute('role') === 'switch' && e.getAttribute('part')?.includes('switch')) as HTMLElement;
    toggle.click();
    const message = () => partIn(requester.pane, 'decline-notices', 'message');
    const focused = await focusGoesTo(requester, message, 'the notice');
    expect(text(focused)).to.include('Dr. Erik Lindqvist');
  });

  for (const [who, other] of [['requester', 'provider'], ['provider', 'requester']] as const) {
    it(`${who} on Leave Session, the ${other} leaves: focus goes to what the waiting room says now`, async () => {
      const tabs = { requester, provider };
      await session(true);
      await focusOn(tabs[who], () => partIn(tabs[who].pane, 'waiting-room', 'leave-button'), 'Leave Session');
      partIn(tabs[other].pane, 'waiting-room', 'leave-button')!.click();
      const status = () => partIn(tabs[who].pane, 'waiting-room', 'status');
      await waitUntil(() => text(status()) === 'No session is open.', 'the session never ended', { timeout: 10_000 });
      await focusGoesTo(tabs[who], status, 'the waiting room');
    });
  }

  it('provider on Enter Meeting, the requester leaves the waiting room: focus goes to the Sessions heading', async () => {
    await session(false);
    await focusOn(provider, () => partIn(provider.pane, 'session-list', 'enter-button'), 'Enter Meeting');
    partIn(requester.pane, 'waiting-room', 'leave-button')!.click();
    await waitUntil(() => !partIn(provider.pane, 'session-list', 'enter-button'), 'the session never ended', { timeout: 10_000 });
    const heading = () => partIn(provider.pane, 'session-list', 'heading');
    const focused = await focusGoesTo(provider, heading, 'the Sessions heading');
    expect(text(focused)).to.equal('Sessions');
  });
});
