/**
 * Issue 5 §5: tabs of the same user on one device agree at once and elect one leader; closing the
 * leading tab hands the role to another. (Two clinics in one page are two tabs: BroadcastChannel
 * and Web Locks work between them as between tabs.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Clinic } from '../../src/core/clinic.js';
import { BASE_URL, closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { ManualClock } from '../support/manual-clock.js';
import { NetworkError } from '../../src/core/errors/network-error.js';
import { sharedLiveStream } from '../../src/core/shared-stream.js';
import { TabCoordinator } from '../../src/core/tab-coordinator.js';
import type { LiveStreamHandlers, Transport } from '../../src/core/transport.js';

/** The shared stream of `tabs` over a transport whose streams never open by themselves: `streams` holds each one's handlers. */
function sharedOver(tabs: TabCoordinator): { shared: ReturnType<typeof sharedLiveStream>; streams: LiveStreamHandlers[] } {
  const streams: LiveStreamHandlers[] = [];
  const transport = { streamKey: 'test', openLiveStream: (handlers: LiveStreamHandlers) => (streams.push(handlers), () => {}) } as unknown as Transport;
  return { shared: sharedLiveStream(transport, tabs), streams };
}

/** Live stream handlers that note what they were told, as the live sync would hear it. */
function recordingHandlers(): { handlers: LiveStreamHandlers; told: string[] } {
  const told: string[] = [];
  const handlers: LiveStreamHandlers = {
    onOpen: () => told.push('open'),
    onEvent: (event) => told.push(`event ${event.seq}`),
    onHeartbeat: (seq) => told.push(`heartbeat ${seq}`),
    onData: () => told.push('data'),
    onReached: (seq) => told.push(`reached ${seq}`),
    onClose: () => told.push('close'),
  };
  return { handlers, told };
}

type StreamMessage = { kind?: unknown; seq?: unknown };

/** Another tab of the user on `key`'s channel: `heard` is every stream message it has heard, in order; `channel` posts as that tab. */
function otherTab(key: string): { heard: StreamMessage[]; channel: BroadcastChannel } {
  const heard: StreamMessage[] = [];
  const channel = new BroadcastChannel(key);
  channel.onmessage = (event: MessageEvent<StreamMessage>) => heard.push(event.data);
  return { heard, channel };
}

/** Holds the lead of `key`'s tabs, as another tab of the user would; resolves once held, with the release. */
async function leadElsewhere(key: string): Promise<() => void> {
  let release = () => {};
  await new Promise<void>((held) => {
    void navigator.locks.request(`${key}:leader`, () => new Promise<void>((done) => {
      release = done;
      held();
    }));
  });
  return release;
}

describe('several tabs of one user', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(closeAll);

  it('exactly one tab leads, and closing it hands the lead to another', async () => {
    const first = await open(backend, TOKENS.okafor);
    const second = await open(backend, TOKENS.okafor);
    await waitUntil(() => first.$isLeader.get() || second.$isLeader.get(), 'nobody leads');
    expect([first.$isLeader.get(), second.$isLeader.get()]).to.deep.equal([true, false]);
    first.destroy(); // the leading tab closes
    await waitUntil(() => second.$isLeader.get(), 'the lead was not handed over');
  });

  it('what one tab learns from its own command reaches the other at once, without the server', async () => {
    const first = await open(backend, TOKENS.okafor);
    // The second tab's own live stream would stay open but silent: only the other tab can tell it
    // anything (its changes, and since 16.3 the events of the stream it shares).
    const second = await open(backend, TOKENS.okafor, {
      transport: {
        fetch: async (input, init) => {
          const request = new Request(input, init);
          if (request.url.endsWith('/events')) {
            return new Response(new ReadableStream(), { headers: { 'Content-Type': 'text/event-stream' } });
          }
          return backend.handle(request);
        },
      },
    });
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => first.$incomingRequests.get().length === 1);
    await first.setAvailability(false);
    await waitUntil(() => second.$myProvider.get()?.available === false, 'the other tab never heard');
    await waitUntil(() => second.$incomingRequests.get().length === 0, 'the decline is shared');
  });

  it('tabs of different users do not share', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    const lindqvist = await open(backend, TOKENS.lindqvist);
    await waitUntil(() => okafor.$isLeader.get() && lindqvist.$isLeader.get(), 'each user leads their own tabs');
  });

  it('17.8 and 16.3: malformed stream and entered messages from a same-origin page change nothing, and the shared stream keeps working', async () => {
    const namespace = `hostile-${crypto.randomUUID()}`;
    const leader = await open(backend, TOKENS.okafor, { clinic: { tabs: { namespace } } });
    const follower = await open(backend, TOKENS.okafor, { clinic: { tabs: { namespace } } });
    const desk = await open(backend, TOKENS.frontDesk);
    await waitUntil(() => backend.openStreamCount() === 2, `${backend.openStreamCount()} streams open`);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => follower.$incomingRequests.get().length === 1, 'the follower never heard of the request');
    const hostile = new BroadcastChannel(`virtual-clinic:${namespace} ${BASE_URL}/:prov-okafor`);
    for (const message of [
      { type: 'stream', kind: 'event', event: null },
      { type: 'stream', kind: 'event', event: { seq: 'x', type: 'request', data: {} } },
      { type: 'stream', kind: 'heartbeat', seq: -1, serverTime: 'yesterday' },
      { type: 'stream', kind: 'skipped', seq: 'all' },
      { type: 'stream', kind: 'nonsense' },
      { type: 'entered', sessionId: 42 },
      { type: 'entered', sessionId: 'x'.repeat(10_000) },
      { type: 'changes', changes: { requests: [{}] } },
    ]) {
      hostile.postMessage(message);
    }
    // A well-formed message after them: once it is in, the others were read (in order) and dropped.
    const lindqvist = follower.$providerById.get()['prov-lindqvist']!;
    hostile.postMessage({ type: 'changes', changes: { providers: [{ ...lindqvist, version: lindqvist.version + 1 }], requests: [], sessions: [] } });
    hostile.close();
    await waitUntil(() => follower.$providerById.get()['prov-lindqvist']!.version === lindqvist.version + 1, 'the messages never reached the tabs');
    // Then the real thing: a second request reaches both tabs through the one shared stream.
    const nurse = await open(backend, TOKENS.nurseCart);
    await nurse.requestSession('prov-okafor', 'svc-general');
    await waitUntil(() => [leader, follower].every((tab) => tab.$incomingRequests.get().length === 2), 'the shared stream stopped after the malformed messages');
    expect([leader.$connection.get(), follower.$connection.get()]).to.deep.equal(['connected', 'connected']);
    expect(follower.$incomingRequests.get().map((r) => r.id).sort()).to.deep.equal(leader.$incomingRequests.get().map((r) => r.id).sort());
    expect(backend.openStreamCount(), 'still one stream for the two tabs of Dr. Okafor').to.equal(3);
  });

  it('17.8: a well-formed stream event no leader sent (a forged seq) keeps no tab catching up for ever', async () => {
    const namespace = `forged-${crypto.randomUUID()}`;
    // One clock for the server's heartbeats and the follower's timers: the heartbeats the leader
    // relays keep the follower's stream alive (no reconnect to wipe the claim) as they do for real.
    const clock = new ManualClock(Date.now());
    backend.close();
    backend = createBackend({ now: clock.now, timers: clock.timers });
    await open(backend, TOKENS.okafor, { clinic: { tabs: { namespace } } });
    const follower = await open(backend, TOKENS.okafor, { clinic: { tabs: { namespace }, clock } });
    await waitUntil(() => follower.$connection.get() === 'connected' && backend.openStreamCount() === 1, 'the follower never heard the leader\'s stream');
    const hostile = new BroadcastChannel(`virtual-clinic:${namespace} ${BASE_URL}/:prov-okafor`);
    // It claims the stream has reached seq 99: the record is not one, so it counts as skipped.
    hostile.postMessage({ type: 'stream', kind: 'event', event: { seq: 99, type: 'request', request: { id: 'forged' } } });
    hostile.close();
    await waitUntil(() => follower.$connection.get() === 'catching-up', 'the forged seq was never heard');
    // The snapshots never reach seq 99: after a few the claim is dropped, and the tab is live again.
    await waitUntil(async () => {
      await clock.advance(5_000);
      return follower.$connection.get() === 'connected';
    }, 'the follower stayed behind a seq no server sent');
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => follower.$incomingRequests.get().length === 1, 'the follower no longer hears the shared stream');
    expect(follower.$connection.get()).to.equal('connected');
  });

  it('15.5 and 16.3: a lone tab posts nothing about its stream until another tab of its user asks for it; then every event', async () => {
    const namespace = `lone-${crypto.randomUUID()}`;
    // A page of the same origin listening on the user's channel: it never says hello.
    const heard: Array<{ type?: string; kind?: string }> = [];
    const listener = new BroadcastChannel(`virtual-clinic:${namespace} ${BASE_URL}/:prov-okafor`);
    listener.onmessage = (event: MessageEvent<{ type?: string; kind?: string }>) => heard.push(event.data);
    try {
      const leader = await open(backend, TOKENS.okafor, { clinic: { tabs: { namespace } } });
      const desk = await open(backend, TOKENS.frontDesk);
      await waitUntil(() => leader.$isLeader.get() && leader.$connection.get() === 'connected', 'the lone tab never led');
      await desk.requestSession('prov-okafor', 'svc-urgent');
      await waitUntil(() => leader.$incomingRequests.get().length === 1, 'the lone tab never heard of the request');
      // A command's answer is posted for the other tabs: once it is heard, whatever the tab
      // posted before it has been heard too (one sender's messages arrive in order).
      await leader.setAvailability(false);
      await waitUntil(() => heard.some((message) => message.type === 'changes'), 'the answer was never posted');
      expect(heard.filter((message) => message.type === 'stream').map((message) => message.kind)).to.deep.equal([]);

      // A second tab of the same user follows: from then on the stream's events are posted.
      const follower = await open(backend, TOKENS.okafor, { clinic: { tabs: { namespace } } });
      await waitUntil(() => follower.$connection.get() === 'connected' && backend.openStreamCount() === 2, 'the follower never heard the leader\'s stream');
      await leader.setAvailability(true);
      const nurse = await open(backend, TOKENS.nurseCart);
      await nurse.requestSession('prov-okafor', 'svc-general');
      await waitUntil(() => follower.$incomingRequests.get().length === 1, 'the follower never heard of the request');
      expect(heard.some((message) => message.type === 'stream' && message.kind === 'event'), 'the events went to the follower through the channel').to.equal(true);
    } finally {
      listener.close();
    }
  });

  it('16.3: a tab that gives up its own stream for the leader\'s misses nothing the leader heard before it heard the tab\'s hello', async () => {
    // The backend's clock stands still: no heartbeat comes to reveal a lost event later.
    const clock = new ManualClock(Date.now());
    const still = createBackend({ now: clock.now, timers: clock.timers });
    const namespace = `switch-${crypto.randomUUID()}`;
    const leader = await open(still, TOKENS.okafor, { clinic: { tabs: { namespace } } });
    const desk = await open(still, TOKENS.frontDesk);
    await waitUntil(() => leader.$isLeader.get() && leader.$connection.get() === 'connected' && still.openStreamCount() === 2, 'the leader never went live');
    // The follower's hello is held back, as a busy page delays it: the follower has closed its
    // own stream, and the leader does not know yet that anyone listens.
    const held: Array<() => void> = [];
    const post = BroadcastChannel.prototype.postMessage;
    BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
      if ((message as { kind?: unknown } | null)?.kind === 'hello') held.push(() => post.call(this, message));
      else post.call(this, message);
    };
    try {
      const follower = await open(still, TOKENS.okafor, { clinic: { tabs: { namespace } } });
      await waitUntil(() => held.length === 1 && still.openStreamCount() === 2, 'the follower never gave up its own stream for the leader\'s');
      const requested = await desk.requestSession('prov-okafor', 'svc-urgent');
      expect(requested.ok).to.equal(true);
      await waitUntil(() => leader.$incomingRequests.get().length === 1, 'the leader never heard of the request');
      expect(follower.$incomingRequests.get()).to.deep.equal([]);
      BroadcastChannel.prototype.postMessage = post;
      for (const release of held) release();
      await waitUntil(() => follower.$incomingRequests.get().length === 1, 'the follower never heard of the request that came while it switched over');
      expect(follower.$incomingRequests.get()[0]!.id).to.equal(leader.$incomingRequests.get()[0]!.id);
      expect(still.openStreamCount()).to.equal(2);
    } finally {
      BroadcastChannel.prototype.postMessage = post;
    }
  });

  it('16.3: a stream that ended by itself (a dropped connection) leaves nothing behind: a later join as a follower opens no relay for it', async () => {
    const namespace = `ended-${crypto.randomUUID()}`;
    const key = `virtual-clinic:${namespace}:prov-okafor`;
    // What this user's other tabs hear on the channel.
    const { heard, channel: neighbour } = otherTab(key);
    // Another tab of the user leads all along.
    const releaseLead = await leadElsewhere(key);
    const tabs = new TabCoordinator(namespace, () => {});
    const { shared, streams } = sharedOver(tabs);
    const { handlers } = recordingHandlers();
    try {
      // Before this tab knows whether it leads, each stream is its own; three drop, one after another.
      for (let i = 0; i < 3; i++) {
        shared.open(handlers, { lastSeq: null });
        streams.at(-1)!.onClose(new NetworkError('network'));
      }
      tabs.join('prov-okafor');
      await waitUntil(() => tabs.$decided.get(), 'the tab never learned that it follows');
      expect(tabs.$isLeader.get()).to.equal(false);
      // A mark after the join: one sender's messages arrive in order, so whatever the join made
      // this tab post has been heard once the mark is.
      tabs.publishStream({ kind: 'mark' });
      await waitUntil(() => heard.some((message) => message.kind === 'mark'), 'the mark never arrived');
      expect(heard.map((message) => message.kind)).to.deep.equal(['mark'], 'no stream is open, so nobody asks the leader for one');
    } finally {
      tabs.leave();
      neighbour.close();
      releaseLead();
    }
  });

  it('16.3: a follower hears from the leader\'s open how far its stream got, as a position, not as bytes that flowed (a stream a buffering proxy holds back stays so)', async () => {
    const namespace = `reached-${crypto.randomUUID()}`;
    const key = `virtual-clinic:${namespace}:prov-okafor`;
    const releaseLead = await leadElsewhere(key);
    const { heard, channel: leader } = otherTab(key);
    const hellos = () => heard.filter((message) => message.kind === 'hello');
    const tabs = new TabCoordinator(namespace, () => {});
    const { shared } = sharedOver(tabs);
    const { handlers, told } = recordingHandlers();
    try {
      tabs.join('prov-okafor');
      await waitUntil(() => tabs.$decided.get(), 'the tab never learned that it follows');
      shared.open(handlers, { lastSeq: 3 });
      await waitUntil(() => hellos().length === 1, 'the follower never said hello');
      leader.postMessage({ type: 'stream', kind: 'open', seq: 7 });
      await waitUntil(() => told.length >= 2, `told: ${told.join(', ')}`);
      expect(told).to.deep.equal(['open', 'reached 7']);
    } finally {
      tabs.leave();
      leader.close();
      releaseLead();
    }
  });

  it('16.3: the leader claims only its current stream\'s position: after the live sync starts over (a sign-out, a server restart) it claims nothing of the stream before', async () => {
    const namespace = `restart-${crypto.randomUUID()}`;
    const key = `virtual-clinic:${namespace}:prov-okafor`;
    const { heard, channel: neighbour } = otherTab(key);
    const claims = () => heard.filter((message) => message.kind === 'open').map((message) => message.seq);
    const tabs = new TabCoordinator(namespace, () => {});
    const { shared } = sharedOver(tabs);
    const { handlers } = recordingHandlers();
    try {
      tabs.join('prov-okafor');
      await waitUntil(() => tabs.$isLeader.get(), 'the lone tab never led');
      const closeFirst = shared.open(handlers, { lastSeq: null });
      shared.tell({ kind: 'open' });
      shared.tell({ kind: 'heartbeat', seq: 41, serverTime: null });
      closeFirst();
      // The live sync starts over: the next stream has no position yet.
      shared.open(handlers, { lastSeq: null });
      shared.tell({ kind: 'open' });
      neighbour.postMessage({ type: 'stream', kind: 'hello' });
      await waitUntil(() => claims().length === 1, 'the leader never answered the hello');
      expect(claims()).to.deep.equal([0]);
      // And a stream that resumes from a position claims that one, then what it hears.
      shared.open(handlers, { lastSeq: 12 });
      shared.tell({ kind: 'open' });
      shared.tell({ kind: 'heartbeat', seq: 15, serverTime: null });
      neighbour.postMessage({ type: 'stream', kind: 'hello' });
      await waitUntil(() => claims().length === 3, `claims: ${claims().join(', ')}`);
      expect(claims().slice(1)).to.deep.equal([12, 15]);
    } finally {
      tabs.leave();
      neighbour.close();
    }
  });

  it('16.3: several clinics of one user share the leader\'s stream, hear every event, and the lead hands the stream over without losing one', async () => {
    const sent: Request[][] = [[], [], []];
    const tabs: Clinic[] = [];
    for (const requests of sent) tabs.push(await open(backend, TOKENS.okafor, { sent: requests }));
    const desk = await open(backend, TOKENS.frontDesk);
    await waitUntil(() => tabs.every((tab) => tab.$connection.get() === 'connected'), 'not every tab is live');
    // One stream for Dr. Okafor's three tabs (the others give theirs up once they know they
    // follow), one for the front desk.
    await waitUntil(() => backend.openStreamCount() === 2, `${backend.openStreamCount()} streams open`);

    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => tabs.every((tab) => tab.$incomingRequests.get().length === 1), 'a tab never heard of the request');

    // The leading tab closes; an event comes while nobody holds the stream.
    const [leader, ...others] = tabs;
    leader!.destroy();
    const nurse = await open(backend, TOKENS.nurseCart);
    await nurse.requestSession('prov-okafor', 'svc-general');
    await waitUntil(() => others.some((tab) => tab.$isLeader.get()), 'nobody took the lead');
    await waitUntil(() => others.every((tab) => tab.$incomingRequests.get().length === 2), 'the event of the hand-over was lost');
    await waitUntil(() => others.every((tab) => tab.$connection.get() === 'connected'), 'not live again');
    expect(backend.openStreamCount(), 'still one stream per user').to.equal(3);
    // The new leader resumed from what the channel brought.
    const newLeader = others.findIndex((tab) => tab.$isLeader.get()) + 1;
    const resumed = sent[newLeader]!.filter((r) => r.url.endsWith('/events')).at(-1)!;
    expect(resumed.headers.get('Last-Event-ID')).to.not.equal(null);
  });
});

describe('several tabs where push is blocked', () => {
  it('the leading tab polls and shares; the other polls three times less and still stays current', async () => {
    const { ManualClock } = await import('../support/manual-clock.js');
    const { connect } = await import('../support/fixtures.js');
    const clock = new ManualClock();
    const backend = createBackend({ now: clock.now, timers: clock.timers });
    backend.faults.blockStream = true;
    const sent = { first: [] as Request[], second: [] as Request[] };
    const live = { pollIntervalMs: 10_000, pollAfterFailures: 1, backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 0.5 };
    const first = connect(backend, TOKENS.okafor, { sent: sent.first, clinic: { clock, live } });
    void first.start();
    await waitUntil(() => first.$isLeader.get(), 'the first tab should lead');
    const second = connect(backend, TOKENS.okafor, { sent: sent.second, clinic: { clock, live } });
    void second.start();
    await clock.advance(1_000);
    const desk = connect(backend, TOKENS.frontDesk, { clinic: { clock, live } });
    void desk.start();
    await clock.advance(1_000);
    await desk.requestSession('prov-okafor', 'svc-urgent');

    const snapshots = (list: Request[]) => list.filter((r) => r.url.endsWith('/snapshot')).length;
    const before = { first: snapshots(sent.first), second: snapshots(sent.second) };
    await clock.advance(60_000);
    const polled = { first: snapshots(sent.first) - before.first, second: snapshots(sent.second) - before.second };
    // Besides its polls, each tab takes a snapshot whenever its stream retry fails over to polling.
    expect(polled.first, JSON.stringify(polled)).to.be.at.least(6);
    expect(polled.second, JSON.stringify(polled)).to.be.at.most(Math.ceil(polled.first / 2));
    expect(second.$incomingRequests.get()).to.have.length(1);
    for (const clinic of [first, second, desk]) clinic.destroy();
    backend.close();
  });
});
