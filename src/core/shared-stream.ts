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

/**
 * The `openLiveStream` of a clinic whose tabs share one stream: the leader's real one, or a relay
 * of it. It waits until this tab knows whether it leads (just after the first snapshot names the
 * user). Where the tabs cannot hear one another, each opens its own.
 */
export function sharedLiveStream(transport: Transport, tabs: TabCoordinator): OpenLiveStream {
  /** This tab's real stream is open: a follower that says hello hears so at once. */
  let leaderOpen = false;
  tabs.onStream((message) => {
    if (message.kind === 'hello' && leaderOpen) tabs.publishStream({ kind: 'open' });
  });

  /** Only the leader speaks for the stream: a tab that has not learnt it leads keeps quiet. */
  const publish = (message: Record<string, unknown>) => {
    if (tabs.$isLeader.get()) tabs.publishStream(message);
  };

  function openReal(handlers: LiveStreamHandlers, options: LiveStreamOptions, onOpen: () => void): () => void {
    const stop = transport.openLiveStream(
      {
        onOpen: () => {
          leaderOpen = true;
          onOpen();
          publish({ kind: 'open' });
          handlers.onOpen();
        },
        onData: () => {
          publish({ kind: 'data' });
          handlers.onData?.();
        },
        onEvent: (event) => {
          publish({ kind: 'event', event });
          handlers.onEvent(event);
        },
        onSkipped: (seq) => {
          publish({ kind: 'skipped', seq });
          handlers.onSkipped?.(seq);
        },
        onHeartbeat: (seq, serverTime) => {
          publish({ kind: 'heartbeat', seq, serverTime: serverTime ?? null });
          handlers.onHeartbeat(seq, serverTime);
        },
        onClose: (error) => {
          leaderOpen = false;
          publish({ kind: 'close' });
          handlers.onClose(error);
        },
      },
      options,
    );
    return () => {
      if (leaderOpen) publish({ kind: 'close' });
      leaderOpen = false;
      stop();
    };
  }

  /** Hears the leader's stream; `opened`: the live sync already heard `onOpen` (a switch from an own stream). */
  function openRelay(handlers: LiveStreamHandlers, opened: boolean): () => void {
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

  return (handlers, options) => {
    // Until the tab knows whether it leads (the first snapshot names the user) it holds a stream of
    // its own, so that nothing waits; a follower then gives it up for the leader's.
    let opened = false;
    let relaying = false;
    let close = tabs.$decided.get() && !tabs.$isLeader.get() && tabs.connected
      ? ((relaying = true), openRelay(handlers, false))
      : openReal(handlers, options, () => (opened = true));
    const stopWatching = tabs.$decided.listen((decided) => {
      if (!decided || relaying || tabs.$isLeader.get() || !tabs.connected) return;
      relaying = true;
      close();
      close = openRelay(handlers, opened);
    });
    return () => {
      stopWatching();
      close();
    };
  };
}
