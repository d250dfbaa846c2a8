/**
 * One live stream per user per browser (issue 16.3): the tabs of one user (and the clinics of one
 * page) for one backend share the stream that their elected leader holds. The leader opens it and
 * tells every event, heartbeat and change of state on the tab channel; the others open none and
 * hear the leader instead, each message checked like a network payload (issue 17.8). When the
 * leader goes (its tab closes), another tab takes the lead: its relayed stream closes, and its
 * live sync reconnects for real with `Last-Event-ID` set to the last event the channel brought, so
 * that the server replays what came meanwhile. Over HTTP/1.1 a browser holds six connections per
 * host: six tabs with a stream each used to starve the sixth tab and every click.
 */
import { readLiveEvent } from './contract/parse.js';
import { NetworkError } from './errors/network-error.js';
import type { LiveStreamMessage } from './live-sync.js';
import type { LiveStreamHandlers, LiveStreamOptions, Transport } from './transport.js';
import type { TabCoordinator } from './tab-coordinator.js';

type OpenLiveStream = Transport['openLiveStream'];

const isSeq = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isTime = (value: unknown): value is string => typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));

/**
 * Hands one message of the leader to a follower's handlers, after checking it; false when the
 * stream ended (the leader's closed).
 */
function relay(message: Record<string, unknown>, handlers: LiveStreamHandlers): boolean {
  switch (message.kind) {
    case 'data':
      handlers.onData?.();
      return true;
    case 'event': {
      const event = readLiveEvent(message.event, () => {}, 'tab.event');
      if (event?.type === 'skipped') handlers.onSkipped?.(event.seq);
      else if (event) handlers.onEvent(event);
      return true;
    }
    case 'skipped':
      if (isSeq(message.seq) && message.seq > 0) handlers.onSkipped?.(message.seq);
      return true;
    case 'heartbeat':
      handlers.onHeartbeat(isSeq(message.seq) ? message.seq : null, isTime(message.serverTime) ? message.serverTime : null);
      return true;
    case 'close':
      return false;
    default:
      return true;
  }
}

/** One live stream for the tabs of a user: how the live sync opens it, and what it tells the others. */
export interface SharedLiveStream {
  /**
   * The clinic's `openLiveStream`: the transport's own stream, handed straight to the live sync,
   * or a relay of the leader's. It waits until this tab knows whether it leads (just after the
   * first snapshot names the user). Where the tabs cannot hear one another, each opens its own.
   */
  open: OpenLiveStream;
  /**
   * What the live sync took in (`LiveSyncOptions.onStreamMessage`): from this tab's own stream,
   * the leader tells the user's other tabs; what a relay brought is not told again.
   */
  tell(message: LiveStreamMessage): void;
}

/**
 * The stream of a clinic whose tabs share one: the leader's own, or a relay of it. The leader's
 * events go from the transport to its live sync directly; the relay hears them from the live sync
 * (`tell`), beside the path that applies them.
 */
export function sharedLiveStream(transport: Transport, tabs: TabCoordinator): SharedLiveStream {
  /** This tab's own stream is open: a follower that says hello hears so at once. */
  let leaderOpen = false;
  /** The live sync hears the leader through the tab channel, not a stream of its own. */
  let relaying = false;
  /** The live sync heard `onOpen` from this tab's own stream (so a switch to the relay does not tell it again). */
  let ownOpened = false;
  /**
   * Another tab (or clinic) of this user has asked for the stream (`hello`, which every follower
   * says when it starts to relay). Until then nobody listens, and the leader posts nothing: each
   * post is a structured clone of the event, in the task that also has to paint it (issue 15.5).
   */
  let followerHeard = false;
  /**
   * The highest seq this tab's own stream has told (events, skips, heartbeats). The leader says it
   * with `open`: a follower that gave up its own stream before the leader heard its hello missed
   * what the leader heard in between (it posted nothing yet), and catches up from a snapshot at
   * once instead of at the next heartbeat.
   */
  let reached = 0;
  tabs.onStream((message) => {
    if (message.kind !== 'hello') return;
    followerHeard = true;
    // Only the leader answers: a tab that still has its own stream while it learns that it
    // follows would claim its own position.
    if (leaderOpen && tabs.$isLeader.get()) tabs.publishStream({ kind: 'open', seq: reached });
  });

  /** Only the leader speaks for the stream, and only once someone listens. */
  const publish = (message: Record<string, unknown>) => {
    if (followerHeard && tabs.$isLeader.get()) tabs.publishStream(message);
  };

  function tell(message: LiveStreamMessage): void {
    if (relaying) return;
    const seq = message.kind === 'event' ? message.event.seq : message.kind === 'skipped' || message.kind === 'heartbeat' ? message.seq : null;
    if (seq !== null && seq > reached) reached = seq;
    if (message.kind === 'open') leaderOpen = ownOpened = true;
    if (message.kind === 'close') leaderOpen = false;
    publish(message.kind === 'open' ? { kind: 'open', seq: reached } : message);
  }

  function openOwn(handlers: LiveStreamHandlers, options: LiveStreamOptions): () => void {
    relaying = false;
    ownOpened = false;
    // This stream's own position: what the live sync holds (none after a sign-out or another
    // user, the snapshot's after a server restart); the replay climbs from there. What an earlier
    // stream or user reached is no claim about this one.
    reached = options.lastSeq ?? 0;
    const stop = transport.openLiveStream(handlers, options);
    return () => {
      if (leaderOpen) publish({ kind: 'close' });
      leaderOpen = false;
      stop();
    };
  }

  /** Hears the leader's stream; `opened`: the live sync already heard `onOpen` (a switch from an own stream). */
  function openRelay(handlers: LiveStreamHandlers, opened: boolean): () => void {
    relaying = true;
    const stops: Array<() => void> = [];
    const stop = () => {
      for (const each of stops.splice(0)) each();
    };
    const end = () => {
      stop();
      handlers.onClose(new NetworkError('network'));
    };
    stops.push(
      tabs.onStream((message) => {
        if (message.kind === 'open') {
          if (!opened) handlers.onOpen();
          opened = true;
          // How far the leader's stream has got: if this tab holds less, an event passed while it
          // switched over, and its live sync catches up. (Not a heartbeat: no bytes flowed, and
          // a stream that a buffering proxy holds back must still be seen as such.)
          if (isSeq(message.seq) && message.seq > 0) handlers.onReached?.(message.seq);
          return;
        }
        if (message.kind === 'hello' || !opened) return;
        if (!relay(message, handlers)) end();
      }),
      // The leader went: this tab leads now, and opens the stream itself (its live sync reconnects
      // with the last seq the channel brought).
      tabs.$isLeader.listen((leads) => {
        if (leads) end();
      }),
    );
    tabs.publishStream({ kind: 'hello' });
    return stop;
  }

  const open: OpenLiveStream = (given, options) => {
    // A stream that ends by itself (a dropped connection, the leader gone) is never closed by the
    // live sync, which opens the next one: it stops watching the tab's lead here, or each drop
    // would leave a watcher that opens a relay nobody reads at the next join (issue 16.3).
    let ended = false;
    const handlers: LiveStreamHandlers = {
      ...given,
      onClose: (error) => {
        ended = true;
        stopWatching();
        given.onClose(error);
      },
    };
    // Until the tab knows whether it leads (the first snapshot names the user) it holds a stream of
    // its own, so that nothing waits; a follower then gives it up for the leader's.
    let relayingHere = tabs.$decided.get() && !tabs.$isLeader.get() && tabs.connected;
    let stopWatching = () => {};
    let close = relayingHere ? openRelay(handlers, false) : openOwn(handlers, options);
    stopWatching = tabs.$decided.listen((decided) => {
      // Once relayed, this stream stays so until it closes.
      if (!decided || relayingHere || tabs.$isLeader.get() || !tabs.connected) return;
      relayingHere = true;
      const opened = ownOpened;
      close();
      close = openRelay(handlers, opened);
    });
    if (ended) stopWatching(); // it ended while it opened
    return () => {
      stopWatching();
      close();
    };
  };
  return { open, tell };
}
