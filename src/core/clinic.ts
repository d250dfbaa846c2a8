/**
 * `createClinic`: the state core every tag shares. Stores hold what the server said; actions send
 * commands through the transport and never throw; the live connection opens when the first tag
 * starts watching a store and closes after the last one leaves.
 */
import mitt from 'mitt';
import { atom, computed, onMount, type ReadableAtom } from 'nanostores';
import { createArrivals, type Arrivals } from './arrivals.js';
import { createActions, type ActionFailure, type ClinicActions, type CommandRunnerOptions } from './actions.js';
import { systemClock, type Clock } from './clock.js';
import type { ConnectionState } from './connection.js';
import { enteredHereBy, forgetEnteredHere, forgetEnteredSession, markEnteredHere, resumeIfUnheld, resumingHereBy } from './entered-here.js';
import { createEntityState, createSelectors, type RequestTransition, type SessionTransition } from './clinic-state.js';
import { MAX_NOTE_LENGTH } from './contract/constants.js';
import type { ContractViolation } from './contract/parse.js';
import { ClinicError } from './errors/clinic-error.js';
import { LiveSync, type LiveSyncOptions } from './live-sync.js';
import type { Changes, Command, IceServers, Me, Provider, Session, SessionRequest, Signal } from './model.js';
import { createOverlay } from './overlay.js';
import { sharedLiveStream } from './shared-stream.js';
import { TabCoordinator } from './tab-coordinator.js';
import { watchWakeSignals } from './wake-signals.js';
import type { Transport } from './transport.js';

/** The longest decline note the server accepts (R9). */
export { MAX_NOTE_LENGTH };

/** Why a clinic signed out: the backend refused the token, or the user was idle too long. */
export type SignOutReason = 'unauthorized' | 'idle';

export interface ClinicOptions {
  transport: Transport;
  /**
   * Tabs of the same user share what they learn and elect one leader (alerts sound there only).
   * `namespace` keeps two clinics of one page apart (default: the same for every clinic); false
   * turns it off.
   */
  tabs?: { namespace?: string } | false;
  clock?: Clock;
  live?: LiveSyncOptions;
  commands?: CommandRunnerOptions;
  /** Reconnect on `online`, on the tab becoming visible and after the machine wakes (default true). */
  watchWakeSignals?: boolean;
}

/** What the core tells its listeners (the tags, alerts and the host-event bridge). */
export type ClinicActivity = {
  'request-changed': RequestTransition;
  'session-changed': SessionTransition;
  'action-succeeded': { command: Command; changes: Changes };
  'action-failed': ActionFailure;
  /** `unauthorized`: the backend refused the token and no fresh one came; `idle`: `signOut('idle')`. */
  'signed-out': { error: ClinicError; reason: SignOutReason };
  /** The other participant of a session sent a meeting signal (never stored in a store). */
  signal: Signal;
  /** A provider the user asked about (`watchAvailability`) became available (issue 6). */
  'provider-available': { provider: Provider };
  /**
   * The connection cannot work as set up: `misconfigured` (the base URL does not lead to a clinic
   * backend) or `token-unavailable` (the host's `getToken` failed). Told once per code until the
   * connection is healthy again (issues 16.10, 17.7).
   */
  'connection-problem': { error: ClinicError };
  /**
   * A record from the backend broke the contract and was left out, or kept without the bad field
   * (issue 17.4); everything else goes on. Ids and field names only, never the value.
   */
  'contract-violation': ContractViolation;
};

/**
 * The clinic's state core. One live event costs it O(log n) at any size (issue 15): the lists
 * (`$providers` … `$sessions`) are kept sorted by edits in place and hand out a new array after
 * each change (copied when first read); the records by id (`$providerById`, `$requestById`,
 * `$sessionById`) are the same object from one notification to the next, changed in place —
 * read them when notified, and copy one to keep a moment's state.
 */
export interface Clinic extends ClinicActions {
  readonly $me: ReadableAtom<Me | null>;
  readonly $providers: ReadableAtom<Provider[]>;
  readonly $providerById: ReadableAtom<Readonly<Record<string, Provider>>>;
  readonly $requestById: ReadableAtom<Readonly<Record<string, SessionRequest>>>;
  readonly $myProvider: ReadableAtom<Provider | null>;
  readonly $incomingRequests: ReadableAtom<SessionRequest[]>;
  readonly $outgoingRequests: ReadableAtom<SessionRequest[]>;
  readonly $declineNotices: ReadableAtom<SessionRequest[]>;
  /** The user's requests (as requester or provider) that were accepted, declined, expired or cancelled, newest first (issue 19.8). */
  readonly $requestOutcomes: ReadableAtom<SessionRequest[]>;
  readonly $sessions: ReadableAtom<Session[]>;
  /** Every session the server sent, open or ended, by id. */
  readonly $sessionById: ReadableAtom<Readonly<Record<string, Session>>>;
  readonly $connection: ReadableAtom<ConnectionState>;
  /** Keys (`actionKey(action, targetId)`) of the actions under way. */
  readonly $busy: ReadableAtom<Readonly<Record<string, true>>>;
  readonly $lastFailure: ReadableAtom<ActionFailure | null>;
  /** Whether this tab leads the tabs of its user on this device (alerts play in the leader only). */
  readonly $isLeader: ReadableAtom<boolean>;
  /** The providers the requester asked to be told about when they become available. */
  readonly $availabilityWatches: ReadableAtom<Readonly<Record<string, true>>>;
  /** What is new since the clinic loaded: requests reaching the queue, notices reaching the requester (X2). */
  readonly arrivals: Arrivals;
  /**
   * The sessions the signed-in user entered in this tab (Enter Waiting Room, Enter Meeting, Accept
   * and Enter, or `enteredHere`), shared by the clinics of the page: only there do camera and
   * microphone open (issue 17.9). Their other tabs show the session without the devices.
   */
  readonly $enteredHere: ReadableAtom<Readonly<Record<string, true>>>;
  /**
   * The sessions this page is asking the browser about, for a moment after it loads: the user is
   * in them (by the server's record) but did not enter them here, and no other tab may hold them
   * (a reload during a visit, issue 18.2). They join `$enteredHere` when no other tab does.
   */
  readonly $resumingHere: ReadableAtom<Readonly<Record<string, true>>>;

  /**
   * Issue 18 §3: the ICE servers for a call, with TURN credentials that expire (`expiresAt`);
   * null when the transport offers none or the request failed (the call then goes on without).
   */
  iceServers(): Promise<IceServers | null>;

  /**
   * Tell me when this provider becomes available: a notice (`on('provider-available')`), never
   * an automatic request. `false` withdraws the wish. Kept in memory for this page.
   */
  watchAvailability(providerId: string, watch?: boolean): void;

  /** The user chose to take part in `sessionId` from this tab (the waiting room's Continue Here): the devices open here. */
  enterHere(sessionId: string): void;

  /** Listens to the core's activity; returns the function that stops listening. */
  on<K extends keyof ClinicActivity>(type: K, listener: (event: ClinicActivity[K]) => void): () => void;
  /** Connects and keeps the connection open until `stop()` (tags do this by themselves); resolves once the stores hold the server's state. */
  start(): Promise<void>;
  /** Releases the connection `start()` held; it closes once no tag watches either. */
  stop(): void;
  /** Takes a fresh snapshot now. */
  resync(): Promise<boolean>;
  /**
   * Whole minutes (at least 1) until the server said it will take commands again, after a command
   * failed with `service-busy`; null when it did not say so or the time has passed (issue 17.6).
   */
  busyMinutesLeft(): number | null;
  /** The server's time now (ms since the epoch), as learned from the backend: durations are measured on it (issue 16.7). */
  serverNow(): number;
  /** Reconnects at once, after the host supplied a new token for instance. */
  reconnect(): void;
  clearFailure(): void;
  /**
   * Closes the connection and empties every store (idle sign-out, user switch). With a reason the
   * clinic shows itself signed out (nothing reconnects until `reconnect()`) and tells its listeners.
   */
  signOut(reason?: Exclude<SignOutReason, 'unauthorized'>): void;
  /** Closes the connection and stops listening to the page; the clinic is not used again. */
  destroy(): void;
}

export function createClinic(options: ClinicOptions): Clinic {
  const { transport } = options;
  const clock = options.clock ?? systemClock;
  const bus = mitt<ClinicActivity>();

  const $availabilityWatches = atom<Readonly<Record<string, true>>>({});
  const unwatch = (providerId: string) => {
    const { [providerId]: _gone, ...rest } = $availabilityWatches.get();
    $availabilityWatches.set(rest);
  };
  // One group per backend: clinics of one user on two backends share nothing.
  const namespace = options.tabs === false ? '' : `${options.tabs?.namespace ?? 'default'}${transport.streamKey ? ` ${transport.streamKey}` : ''}`;
  const tabs = new TabCoordinator(namespace, (changes) => state.merge(changes, true));
  /** Where the devices' locks of this clinic's tabs live (entered-here.ts); null: tabs not coordinated. */
  const lockScope = options.tabs === false ? null : namespace;
  // The tabs of one user share one live stream, held by their leader (issue 16.3).
  const shared = options.tabs === false || !transport.streamKey ? null : sharedLiveStream(transport, tabs);
  const liveTransport: Transport = shared
    ? { snapshot: (signal) => transport.snapshot(signal), send: (command, o) => transport.send(command, o), openLiveStream: shared.open }
    : transport;
  const state = createEntityState({
    onRequestChanged: (transition) => bus.emit('request-changed', transition),
    onSessionChanged: (transition) => bus.emit('session-changed', transition),
    onProviderChanged: ({ before, after }) => {
      if (!$availabilityWatches.get()[after.id] || !after.available || before?.available !== false) return;
      unwatch(after.id);
      bus.emit('provider-available', { provider: after });
    },
    onUserChanged: (userId) => {
      // Without tab coordination every tab leads itself.
      if (options.tabs === false) tabs.$isLeader.set(Boolean(userId));
      else if (userId && watchers > 0) tabs.join(userId);
      else tabs.leave();
    },
  });
  const stopWatchingViolations = transport.watchContractViolations?.((violation) => bus.emit('contract-violation', violation)) ?? (() => {});
  const overlay = createOverlay();
  const selectors = createSelectors(state, overlay);
  const sync = new LiveSync(
    liveTransport,
    state,
    clock,
    (error) => bus.emit('signed-out', { error, reason: 'unauthorized' }),
    {
      ...options.live,
      // Where push is blocked, the leading tab polls and shares; the other tabs poll less.
      pollsFully: () => options.tabs === false || tabs.$isLeader.get() || tabs.undecided || !state.$me.get(),
      onPolled: (snapshot) => tabs.publish({ providers: snapshot.providers, requests: snapshot.requests, sessions: snapshot.sessions }),
      ...(shared ? { onStreamMessage: shared.tell } : {}),
      onProblem: (error) => bus.emit('connection-problem', { error }),
    },
    (signal) => bus.emit('signal', signal),
  );
  const commands = createActions({
    transport,
    state,
    $outgoingRequests: selectors.$outgoingRequests,
    overlay,
    clock,
    resync: () => void sync.resync(),
    enteredHere: (sessionId) => enteredHere(sessionId),
    onSucceeded: (command, changes) => {
      tabs.publish(changes);
      bus.emit('action-succeeded', { command, changes });
    },
    onFailed: (failure) => {
      bus.emit('action-failed', failure);
      if (failure.error.code === 'unauthorized') {
        sync.stop('signed-out');
        bus.emit('signed-out', { error: failure.error, reason: 'unauthorized' });
      }
    },
    options: options.commands,
  });

  // The connection lives while any tag watches the clinic, and a little longer (nanostores waits
  // a second before unmounting, so a re-render does not reconnect).
  let watchers = 0;
  let destroyed = false;
  let stopWatchingWake = () => {};
  let manualHold: (() => void) | null = null;
  const watch = () => {
    watchers++;
    if (watchers === 1 && options.watchWakeSignals !== false) {
      stopWatchingWake = watchWakeSignals(clock, { wake: () => sync.wake(), offline: () => sync.markOffline() });
    }
    if (!destroyed && sync.$connection.get() !== 'signed-out') sync.start();
    const user = state.$me.get()?.user.id;
    if (watchers === 1 && user && options.tabs !== false) tabs.join(user);
    return () => {
      watchers--;
      if (watchers > 0) return;
      stopWatchingWake();
      if (sync.running) sync.stop();
      // Unwatched (its tags left the page): it must not keep the lead from the user's other tabs.
      if (options.tabs !== false) tabs.leave();
    };
  };
  // Every store a tag may watch holds the connection open (the derived ones are not computed from
  // the records, they are kept up to date in place, so each counts on its own).
  for (const store of [state.$me, state.$providerMap, state.$requestMap, state.$sessionMap, sync.$connection, ...Object.values(selectors)]) onMount(store, watch);

  const me = () => state.$me.get();
  const $userId = computed(state.$me, (value) => value?.user.id ?? null);
  /** The user acted in this tab: camera and microphone may open here for this session (issue 17.9). */
  const enteredHere = (sessionId: string | undefined) => {
    const user = me()?.user.id;
    if (!user || !sessionId) return;
    markEnteredHere(user, sessionId, lockScope);
    // The user's other tabs let go of this session's camera and microphone: one tab carries it.
    tabs.publishEntered(sessionId);
  };
  tabs.onEntered((sessionId) => {
    const user = me()?.user.id;
    if (user) forgetEnteredSession(user, sessionId);
  });
  /**
   * A page that shows a visit the user is in, but did not enter here, takes it back when no other
   * tab of theirs holds it: the page was reloaded, or the visit's tab closed (issue 18.2).
   */
  const resumeVisits = () => {
    const user = me()?.user.id;
    if (!user) return;
    for (const session of Object.values(state.$sessionMap.get())) {
      if (session.status !== 'open') continue;
      const self = session.requester.userId === user ? session.requester : session.provider.userId === user ? session.provider : null;
      if (self?.status === 'in-waiting-room' || self?.status === 'in-meeting') resumeIfUnheld(user, session.id, lockScope);
    }
  };
  state.onChanges((changes) => {
    if (changes.rebuild || changes.sessions.length > 0) resumeVisits();
  });

  const clinic: Clinic = {
    ...commands.actions,
    ...selectors,
    $me: state.$me,
    $sessionById: state.$sessionMap,
    $connection: sync.$connection,
    $busy: commands.$busy,
    $lastFailure: commands.$lastFailure,
    $isLeader: tabs.$isLeader,
    $availabilityWatches,
    arrivals: createArrivals({
      $me: state.$me,
      $incomingRequests: selectors.$incomingRequests,
      $declineNotices: selectors.$declineNotices,
      $requestOutcomes: selectors.$requestOutcomes,
    }),
    $enteredHere: enteredHereBy($userId),
    $resumingHere: resumingHereBy($userId),
    enterHere: enteredHere,

    watchAvailability(providerId, watch = true) {
      if (watch) $availabilityWatches.set({ ...$availabilityWatches.get(), [providerId]: true });
      else unwatch(providerId);
    },

    async iceServers() {
      try {
        return (await transport.iceServers?.()) ?? null;
      } catch {
        return null;
      }
    },

    on(type, listener) {
      // A listener that throws (a desktop notification refused though permission reads granted,
      // audio, vibration) must not reach the live connection or the stores that called it (issue 16.4).
      const guarded = (event: ClinicActivity[typeof type]) => {
        try {
          listener(event);
        } catch {
          // The listener's own failure; the clinic goes on.
        }
      };
      bus.on(type, guarded);
      return () => bus.off(type, guarded);
    },

    start() {
      manualHold ??= watch();
      return sync.whenSynced();
    },

    stop() {
      manualHold?.();
      manualHold = null;
    },

    resync: () => sync.resync(),

    serverNow: () => sync.serverClock.now(),

    busyMinutesLeft() {
      const until = commands.$busyUntil.get();
      if (until === null || until <= clock.now()) return null;
      return Math.max(1, Math.ceil((until - clock.now()) / 60_000));
    },

    reconnect() {
      if (sync.$connection.get() === 'signed-out') sync.stop('idle');
      if (watchers > 0) {
        sync.start();
        sync.wake();
      }
    },

    clearFailure: commands.clearFailure,

    signOut(reason) {
      const user = me()?.user.id;
      // A sign-out forgets where the user entered; a clinic destroyed (a widget unmounted, a
      // page going away) does not: the page's other clinics, or the reloaded page, carry on.
      if (user && !destroyed) forgetEnteredHere(user);
      $availabilityWatches.set({});
      sync.stop(reason ? 'signed-out' : 'idle');
      sync.reset();
      state.clear();
      overlay.clear();
      commands.clearFailure();
      commands.forgetInFlight();
      if (reason) bus.emit('signed-out', { error: new ClinicError('signed-out'), reason });
    },

    destroy() {
      destroyed = true;
      stopWatchingViolations();
      tabs.leave();
      clinic.stop();
      stopWatchingWake();
      clinic.signOut();
      bus.all.clear();
    },
  };
  return clinic;
}
