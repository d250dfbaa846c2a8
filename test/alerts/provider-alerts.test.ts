/**
 * X2 / issue 6 §1: the chime (observed through the audio layer), desktop notifications (through
 * the notifier), and the title count — on only while the provider is available, and sound and
 * notifications in the leading tab only. Time is a ManualClock.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Chime } from '../../src/alerts/chime.js';
import type { Notifier } from '../../src/alerts/notifier.js';
import { ProviderAlerts } from '../../src/alerts/provider-alerts.js';
import type { Clinic } from '../../src/core/clinic.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { flush, ManualClock } from '../support/manual-clock.js';

class CountingChime implements Chime {
  plays = 0;
  play(): void {
    this.plays++;
  }
}

class RecordingNotifier implements Notifier {
  shown: Array<{ title: string; body: string; tag: string; click: () => void; closed: boolean }> = [];
  permission() {
    return 'granted' as const;
  }
  async requestPermission() {
    return 'granted' as const;
  }
  show(title: string, options: { body: string; tag: string }, onClick: () => void) {
    const entry = { title, ...options, click: onClick, closed: false };
    this.shown.push(entry);
    return { close: () => (entry.closed = true) };
  }
}

describe('provider alerts', () => {
  let backend: Backend;
  let clock: ManualClock;
  let chime: CountingChime;
  let notifier: RecordingNotifier;
  let alerts: ProviderAlerts[];
  let clicked: string[];
  const originalTitle = document.title;

  function alertsFor(clinic: Clinic): ProviderAlerts {
    const made = new ProviderAlerts(clinic, {
      chime,
      notifier,
      clock,
      chimeIntervalMs: 30_000,
      document,
      titleText: (count, title) => `(${count}) ${title}`,
      notificationText: (requests) => ({ title: 'Virtual Clinic: a session request is waiting', body: `${requests.length} waiting` }),
      onNotificationClick: (request) => clicked.push(request.id),
    });
    made.start();
    alerts.push(made);
    return made;
  }

  beforeEach(() => {
    backend = createBackend();
    clock = new ManualClock();
    chime = new CountingChime();
    notifier = new RecordingNotifier();
    alerts = [];
    clicked = [];
    document.title = 'Clinic dashboard';
  });
  afterEach(() => {
    for (const a of alerts) a.stop();
    closeAll();
    document.title = originalTitle;
  });

  async function waitingRequest(okafor: Clinic, token: string = TOKENS.frontDesk, service: string | null = 'svc-urgent') {
    const requester = await open(backend, token);
    await requester.requestSession('prov-okafor', service);
    await waitUntil(() => okafor.$incomingRequests.get().some((r) => r.requesterId === requester.$me.get()?.user.id));
    await flush();
    return requester;
  }

  it('a new request chimes at once, then every 30 s until it is handled', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    await waitUntil(() => okafor.$isLeader.get());
    alertsFor(okafor);
    expect(chime.plays).to.equal(0, 'nothing waits yet');
    await waitingRequest(okafor);
    expect(chime.plays).to.equal(1);
    await clock.advance(29_000);
    expect(chime.plays).to.equal(1);
    await clock.advance(1_000);
    expect(chime.plays).to.equal(2);
    await clock.advance(60_000);
    expect(chime.plays).to.equal(4);
    await okafor.acceptRequest(okafor.$incomingRequests.get()[0]!.id);
    await flush();
    await clock.advance(120_000);
    expect(chime.plays).to.equal(4, 'handled: the chime stops');
  });

  it('the user can mute the chime; the other alerts stay', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    await waitUntil(() => okafor.$isLeader.get());
    const made = alertsFor(okafor);
    made.switches = { sound: false, notifications: true, title: true };
    await waitingRequest(okafor);
    await clock.advance(90_000);
    expect(chime.plays).to.equal(0);
    expect(notifier.shown).to.have.length(1);
    expect(document.title).to.equal('(1) Clinic dashboard');
  });

  it('an unavailable provider gets no alert at all (R6)', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    await waitUntil(() => okafor.$isLeader.get());
    alertsFor(okafor);
    await okafor.setAvailability(false);
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await okafor.resync();
    await clock.advance(60_000);
    expect([chime.plays, notifier.shown.length, document.title]).to.deep.equal([0, 0, 'Clinic dashboard']);
  });

  it('going unavailable silences alerts for what is still waiting', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    await waitUntil(() => okafor.$isLeader.get());
    alertsFor(okafor);
    await waitingRequest(okafor);
    expect(chime.plays).to.equal(1);
    await okafor.setAvailability(false);
    await flush();
    await clock.advance(120_000);
    expect(chime.plays).to.equal(1);
    expect(document.title).to.equal('Clinic dashboard');
  });

  it('the title counts the waiting requests and is restored when none remain', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    alertsFor(okafor);
    await waitingRequest(okafor);
    expect(document.title).to.equal('(1) Clinic dashboard');
    await waitingRequest(okafor, TOKENS.nurseCart, null);
    expect(document.title).to.equal('(2) Clinic dashboard');
    for (const request of okafor.$incomingRequests.get()) await okafor.declineRequest(request.id);
    await flush();
    expect(document.title).to.equal('Clinic dashboard');
  });

  it("the count composes with a host that changes its own title, and the host's latest title stays (issue 16 case 8)", async () => {
    const okafor = await open(backend, TOKENS.okafor);
    alertsFor(okafor);
    await waitingRequest(okafor);
    expect(document.title).to.equal('(1) Clinic dashboard');
    document.title = 'Chart: Room 4'; // the host's router, on a new page of its app
    await waitUntil(() => document.title === '(1) Chart: Room 4', `the count was lost from the host's new title: "${document.title}"`);
    await waitingRequest(okafor, TOKENS.nurseCart, null);
    expect(document.title).to.equal('(2) Chart: Room 4');
    for (const request of okafor.$incomingRequests.get()) await okafor.declineRequest(request.id);
    await flush();
    expect(document.title).to.equal('Chart: Room 4', "the host's latest title, not the one from before");
  });

  it('a desktop notification per new request; clicking it focuses the dashboard; it closes when handled', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    await waitUntil(() => okafor.$isLeader.get());
    alertsFor(okafor);
    await waitingRequest(okafor);
    expect(notifier.shown.map((n) => [n.title, n.body])).to.deep.equal([['Virtual Clinic: a session request is waiting', '1 waiting']]);
    expect(notifier.shown[0]!.body).not.to.include('Riverside', 'no name on a lock screen by default');
    notifier.shown[0]!.click();
    expect(clicked).to.deep.equal([okafor.$incomingRequests.get()[0]!.id]);
    await okafor.acceptRequest(okafor.$incomingRequests.get()[0]!.id);
    await flush();
    expect(notifier.shown[0]!.closed).to.equal(true);
  });

  it('requests already waiting when the dashboard loads do not ring again (a reload is not news)', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    await waitingRequest(okafor);
    const reloaded = await open(backend, TOKENS.okafor);
    okafor.destroy();
    await waitUntil(() => reloaded.$isLeader.get());
    alertsFor(reloaded);
    await flush();
    expect(notifier.shown).to.have.length(0);
    expect(document.title).to.equal('(1) Clinic dashboard', 'the count still shows');
  });

  it('two tabs of the same provider: sound and notification in the leading tab only', async () => {
    const leader = await open(backend, TOKENS.okafor);
    await waitUntil(() => leader.$isLeader.get());
    const follower = await open(backend, TOKENS.okafor);
    const followerChime = new CountingChime();
    const leaderChime = chime;
    alertsFor(leader);
    chime = followerChime;
    alertsFor(follower);
    await waitingRequest(leader);
    await waitUntil(() => follower.$incomingRequests.get().length === 1);
    await flush();
    expect([leaderChime.plays, followerChime.plays]).to.deep.equal([1, 0]);
    expect(notifier.shown).to.have.length(1);
    leader.destroy(); // the leading tab closes: the other takes over, and the chime goes on there
    await waitUntil(() => follower.$isLeader.get());
    await flush();
    expect(followerChime.plays).to.equal(1);
  });
});
