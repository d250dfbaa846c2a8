/**
 * Two tabs on one backend: each shows one user's dashboard (`?as=`), and each sees the other's
 * actions without a reload — the way two devices play the two roles for real. The same test runs
 * against the Node mock and against the reference server (`npm run server -- --demo` on PGlite,
 * started by web-test-runner.config.mjs), whose own demo page the tabs open (issue 14.7).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { clickButton, deepElements, deepText, findButton, findItem, seeText } from '../support/deep-query.js';
import { closeDemos, openDemo, pane, reloadDemo } from '../support/demo-frame.js';
import { SEED } from '../../mock-server/seed.js';

const BACKENDS = [
  // The mock's demo page, served under a path no MSW worker controls (see web-test-runner.config.mjs).
  { name: 'the Node mock backend', mode: 'node', api: '/e2e-node/api', page: '/shared-demo/index.html', query: '&backend=node', startMs: 0 },
  // The server's own demo page (its config.json names the server); its first start (PGlite,
  // migrations, the page's build) takes a while on a busy machine.
  { name: 'the reference server on PGlite', mode: 'server', api: '/e2e-server/api', page: '/e2e-server/demo/index.html', query: '', startMs: 300_000 },
] as const;

for (const backend of BACKENDS) {
  describe(`two tabs on ${backend.name}`, function () {
    this.timeout(30_000 + backend.startMs);
    afterEach(closeDemos);

    it('the requester tab and the provider tab see each other\'s actions live', async () => {
      const reset = await fetch(`${backend.api}/reset`, { method: 'POST', headers: { Authorization: `Bearer ${SEED.resetToken}` } });
      expect(reset.status).to.equal(200);
      const query = `${backend.query}&api=${backend.api}`;
      const requesterTab = await openDemo(`?as=req-nursecart${query}`, backend.page);
      const providerTab = await openDemo(`?as=prov-lindqvist${query}`, backend.page);
      expect(requesterTab.documentElement.dataset.backend).to.equal(backend.mode);
      const requester = await pane(requesterTab, 'Requester: Lakeside Nurse Cart 3');
      const provider = await pane(providerTab, 'Provider: Dr. Erik Lindqvist');
      expect(deepText(requesterTab.body)).not.to.include('Provider: Dr. Erik Lindqvist');

      // Exactly one service on this account: no choice, it is implied (R2).
      await seeText(requester, 'Dr. Erik Lindqvist');
      const item = findItem(requester, 'li', 'Dr. Erik Lindqvist', 'Request Session Now')!;
      findButton(item, 'Request Session Now')!.click();
      await seeText(provider, 'Lakeside Nurse Cart 3');
      await seeText(provider, '(General Consult)');
      await clickButton(provider, 'Accept');
      await clickButton(requester, 'Enter Waiting Room');
      await seeText(provider, 'In Waiting Room');
      await clickButton(provider, 'Enter Meeting');
      await seeText(requester, 'In the meeting with Dr. Erik Lindqvist.');
    });
  });
}

describe('two tabs of one requester on the Node mock backend', function () {
  this.timeout(30_000);
  afterEach(closeDemos);
  const NODE_BACKEND = '&backend=node&api=/e2e-node/api';
  /** The demo page, served under a path no MSW worker controls (see web-test-runner.config.mjs). */
  const SHARED_PAGE = '/shared-demo/index.html';

  /** Counts the camera and microphone requests of a tab, and keeps what it was given. */
  function spyOnDevices(tab: Document): { calls: number; streams: MediaStream[] } {
    const seen = { calls: 0, streams: [] as MediaStream[] };
    const devices = tab.defaultView!.navigator.mediaDevices;
    const real = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      seen.calls++;
      const stream = await real(constraints);
      seen.streams.push(stream);
      return stream;
    };
    return seen;
  }
  const liveTracks = (streams: MediaStream[]) => streams.flatMap((stream) => stream.getTracks()).filter((track) => track.readyState === 'live').length;
  /** The live tracks a tab shows in its <video>s (elements and streams of the tab's own realm, so no `instanceof`). */
  const shownTracks = (tab: Document) =>
    liveTracks([...deepElements(tab.body)].flatMap((element) => (element.localName === 'video' && (element as HTMLVideoElement).srcObject ? [(element as HTMLVideoElement).srcObject as MediaStream] : [])));
  const ELSEWHERE = 'You entered this session in another tab or window: your camera and microphone are used there.';

  /**
   * A fresh clinic, two tabs of the requester (the one where they act, and another) and the
   * provider's tab, each with its devices watched, after the requester asked and the provider
   * accepted.
   */
  async function threeTabs() {
    const reset = await fetch('/e2e-node/api/reset', { method: 'POST', headers: { Authorization: `Bearer ${SEED.resetToken}` } });
    expect(reset.status).to.equal(200);
    const actingTab = await openDemo(`?as=req-nursecart${NODE_BACKEND}`, SHARED_PAGE);
    const otherTab = await openDemo(`?as=req-nursecart${NODE_BACKEND}`, SHARED_PAGE);
    const providerTab = await openDemo(`?as=prov-lindqvist${NODE_BACKEND}`, SHARED_PAGE);
    const tabs = {
      actingTab,
      acting: spyOnDevices(actingTab),
      other: spyOnDevices(otherTab),
      here: await pane(actingTab, 'Requester: Lakeside Nurse Cart 3'),
      there: await pane(otherTab, 'Requester: Lakeside Nurse Cart 3'),
      provider: await pane(providerTab, 'Provider: Dr. Erik Lindqvist'),
    };
    await seeText(tabs.here, 'Dr. Erik Lindqvist');
    findButton(findItem(tabs.here, 'li', 'Dr. Erik Lindqvist', 'Request Session Now')!, 'Request Session Now')!.click();
    await clickButton(tabs.provider, 'Accept');
    return tabs;
  }

  it('two tabs of one requester: only the tab where the user entered opens camera and microphone, in the waiting room and in the meeting (17.9)', async () => {
    const { acting, other, here, there, provider } = await threeTabs();
    await clickButton(here, 'Enter Waiting Room');
    await waitUntil(() => liveTracks(acting.streams) > 0, 'the acting tab never opened its camera and microphone');
    // The other tab shows the same session, opens no device, says where they are.
    await seeText(there, 'You are in the waiting room. Dr. Erik Lindqvist will start the meeting.');
    expect(other.calls, 'the other tab asked for camera or microphone without a click').to.equal(0);
    await seeText(there, 'You entered this session in another tab or window: your camera and microphone are used there.');
    expect(findButton(there, 'Continue Here'), 'the other tab offers to continue there').to.not.equal(undefined);

    await clickButton(provider, 'Enter Meeting');
    await seeText(here, 'In the meeting with Dr. Erik Lindqvist.');
    await seeText(there, 'In the meeting with Dr. Erik Lindqvist.');
    await seeText(there, 'You entered this session in another tab or window: your camera and microphone are used there.');
    expect(liveTracks(acting.streams), 'the acting tab carries the meeting').to.be.greaterThan(0);
    expect(other.calls, 'the other tab asked for camera or microphone').to.equal(0);
    // A click there is the user acting there: then, and only then, that tab opens them.
    await clickButton(there, 'Continue Here');
    await waitUntil(() => other.calls > 0, 'Continue Here opened nothing');
    // One tab carries the meeting: the first lets go of its camera and microphone, and says where they are.
    await waitUntil(() => liveTracks(acting.streams) === 0, 'the first tab kept its camera and microphone after Continue Here in the other');
    await seeText(here, 'You entered this session in another tab or window: your camera and microphone are used there.');
    await waitUntil(() => liveTracks(other.streams) > 0, 'the tab where the user continued has no camera and microphone');
  });

  it('a reload of the tab in the meeting takes the meeting back without a click; the other tab still opens nothing (18.2, 17.9)', async () => {
    const tabs = await threeTabs();
    const { other, here, there, provider } = tabs;
    let actingTab = tabs.actingTab;
    await clickButton(here, 'Enter Waiting Room');
    await clickButton(provider, 'Enter Meeting');
    await seeText(here, 'In the meeting with Dr. Erik Lindqvist.');
    await waitUntil(() => shownTracks(actingTab) > 0, 'the acting tab shows no camera');

    actingTab = await reloadDemo(actingTab);
    const reloaded = await pane(actingTab, 'Requester: Lakeside Nurse Cart 3');
    await seeText(reloaded, 'In the meeting with Dr. Erik Lindqvist.');
    await waitUntil(() => shownTracks(actingTab) > 0, 'the reloaded tab did not take its camera and microphone back');
    expect(deepText(reloaded), 'the reloaded tab thinks the meeting is elsewhere').not.to.include(ELSEWHERE);
    await seeText(there, ELSEWHERE);
    expect(other.calls, 'the other tab took the devices when the first reloaded').to.equal(0);
  });
});
