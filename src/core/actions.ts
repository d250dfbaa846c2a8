/**
 * What a user can do with the clinic, and how each action is sent: the action makes its command
 * (refusing at once what the client can already tell is wrong), the runner sends it exactly once
 * as far as the server is concerned — one idempotency key for all its retries, one request in
 * flight however often the user clicks, a busy flag while it runs, an optimistic overlay that goes
 * away when it ends, a typed error when it fails — and the action reads its domain outcome (the
 * accepted session …) from the wire changes, here, once: tags never read `changes` (issue 13).
 */
import { atom, type ReadableAtom } from 'nanostores';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import type { Clock } from './clock.js';
import { MAX_NOTE_LENGTH } from './contract/constants.js';
import type { EntityState } from './clinic-state.js';
import { ClinicError, isClinicError } from './errors/clinic-error.js';
import { NetworkError } from './errors/network-error.js';
import { actionKey, type Changes, type Command, type CommandType, type Session, type SessionRequest, type SignalType } from './model.js';
import type { createOverlay, OverlayPatch } from './overlay.js';
import type { Transport } from './transport.js';

/**
 * What an action ended with: its domain outcome (`Outcome`: the accepted `session`, the sent
 * `request`, the `declinedCount` of going unavailable) with the wire `changes` it applied, or the
 * error. Tags read the outcome, never the changes (issue 13).
 */
export type ActionResult<Outcome extends object = object> = ({ ok: true; changes: Changes } & Outcome) | { ok: false; error: ClinicError };

/** A failed action, as the tags show it. */
export interface ActionFailure {
  action: CommandType;
  /** The request, session or provider the action was about. */
  targetId: string;
  error: ClinicError;
  at: number;
}


export interface CommandRunnerOptions {
  /** Attempts for a command that failed in a way a retry may fix (network, 5xx, 429). */
  maxAttempts?: number;
  /**
   * The longest the SDK waits on its own when the server asks (`Retry-After`); asked for longer,
   * the command fails at once with `service-busy` and the user decides (issue 17.6).
   */
  maxServerWaitMs?: number;
  retryBackoff?: BackoffPolicy;
  random?: () => number;
}

function newIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const CONFLICTS = new Set(['request-cancelled', 'request-expired', 'request-already-answered', 'session-ended', 'not-found', 'duplicate-pending']);

/** The clinic's actions (`Clinic` has them all); each resolves, never throws. */
export interface ClinicActions {
  /** R1, R2: ask a provider for a session now. `serviceId` is needed where the account has several. */
  requestSession(providerId: string, serviceId?: string | null): Promise<ActionResult<{ request: SessionRequest | null }>>;
  /** X3: withdraw a pending request. */
  cancelRequest(requestId: string): Promise<ActionResult>;
  /** R8: accept; with `enter`, the provider also enters the meeting at once (Accept and Enter). */
  acceptRequest(requestId: string, options?: { enter?: boolean }): Promise<ActionResult<{ session: Session | null }>>;
  /** R9: decline, with a note where the account has notes enabled. */
  declineRequest(requestId: string, note?: string | null): Promise<ActionResult>;
  /** R4: clear a decline notice. */
  dismissNotice(requestId: string): Promise<ActionResult>;
  /** R6: the provider's availability; going unavailable declines what is pending. */
  setAvailability(available: boolean): Promise<ActionResult<{ declinedCount: number }>>;
  /** R3: the requester enters the waiting room; R10: the provider enters the meeting. */
  enterSession(sessionId: string): Promise<ActionResult>;
  leaveSession(sessionId: string): Promise<ActionResult>;
  /**
   * X5: relays a meeting signal to the other participant of an open session (they hear it as
   * `on('signal')`). No busy flag and no failure record: a call sends many, and handles its own.
   */
  sendSignal(sessionId: string, type: SignalType, payload: unknown): Promise<ActionResult>;
}

export interface ActionsDeps {
  transport: Transport;
  state: EntityState;
  /** The requester's pending requests (a second one to the same provider is refused at once). */
  $outgoingRequests: ReadableAtom<SessionRequest[]>;
  overlay: ReturnType<typeof createOverlay>;
  clock: Clock;
  /** Called after a conflict, so the stores catch up with what the server decided. */
  resync: () => void;
  /** The user acted on this session in this tab: camera and microphone may open here (issue 17.9). */
  enteredHere: (sessionId: string | undefined) => void;
  onSucceeded: (command: Command, changes: Changes) => void;
  onFailed: (failure: ActionFailure, command: Command) => void;
  options?: CommandRunnerOptions;
}

/** The domain outcome of an action (the accepted session …), read from its wire changes here, once. */
function withOutcome<O extends object>(run: Promise<ActionResult>, outcome: (changes: Changes) => O): Promise<ActionResult<O>> {
  return run.then((result) => (result.ok ? { ...result, ...outcome(result.changes) } : result));
}

export function createActions(deps: ActionsDeps) {
  const { transport, state, overlay, clock } = deps;
  const maxAttempts = deps.options?.maxAttempts ?? 3;
  const retryBackoff = deps.options?.retryBackoff ?? { baseMs: 300, capMs: 5_000 };
  const random = deps.options?.random ?? Math.random;
  const maxServerWaitMs = deps.options?.maxServerWaitMs ?? 10_000;
  /** Until when (local ms) the server said it is busy, for the "try again in N minutes" text. */
  const $busyUntil = atom<number | null>(null);

  /** Keys of the actions under way: the tags show a loading state for each. */
  const $busy = atom<Readonly<Record<string, true>>>({});
  const $lastFailure = atom<ActionFailure | null>(null);
  const inFlight = new Map<string, Promise<ActionResult>>();
  /** Grows at sign-out: an answer to a command sent before it must not refill the emptied stores. */
  let signedInAs = 0;

  const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  async function sendWithRetries(command: Command): Promise<Changes> {
    const idempotencyKey = newIdempotencyKey();
    const sentAs = signedInAs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await transport.send(command, { idempotencyKey });
      } catch (error) {
        const clinicError = isClinicError(error) ? error : new NetworkError('network', error);
        // No retry once the user signed out: it would go with the next user's token.
        if (!clinicError.retryable || attempt >= maxAttempts || sentAs !== signedInAs) throw clinicError;
        const serverAsked = clinicError.retryAfterSeconds !== undefined ? clinicError.retryAfterSeconds * 1000 : 0;
        if (serverAsked > maxServerWaitMs) {
          // "Wait an hour": not on a button that says Requesting… The user sees when to try again.
          $busyUntil.set(clock.now() + serverAsked);
          throw new ClinicError('service-busy', { status: clinicError.status, retryAfterSeconds: clinicError.retryAfterSeconds });
        }
        await wait(Math.max(serverAsked, backoffDelay(attempt, retryBackoff, random)));
      }
    }
  }

  function finish(key: string): void {
    inFlight.delete(key);
    overlay.remove(key);
    const { [key]: _done, ...rest } = $busy.get();
    $busy.set(rest);
  }

  /** Runs a command; a second call with the same action and target joins the first. */
  function run(command: Command, targetId: string, optimistic?: OverlayPatch): Promise<ActionResult> {
    const key = actionKey(command.type, targetId);
    const running = inFlight.get(key);
    if (running) return running;
    const sentAs = signedInAs;
    // Sent first: the request leaves before the busy flag and the optimistic change re-render
    // the screen (they show in the same frame either way; issue 15.5).
    const result = sendWithRetries(command).then(
      (changes): ActionResult => {
        finish(key);
        // Signed out meanwhile: the answer changes nothing here and tells no one (no audit, no tabs).
        if (sentAs !== signedInAs) return { ok: true, changes };
        state.merge(changes);
        const failure = $lastFailure.get();
        if (failure && actionKey(failure.action, failure.targetId) === key) $lastFailure.set(null);
        deps.onSucceeded(command, changes);
        return { ok: true, changes };
      },
      (error: ClinicError): ActionResult => {
        finish(key);
        if (sentAs !== signedInAs) return { ok: false, error };
        const failure: ActionFailure = { action: command.type, targetId, error, at: clock.now() };
        $lastFailure.set(failure);
        if (CONFLICTS.has(error.code)) deps.resync();
        deps.onFailed(failure, command);
        return { ok: false, error };
      },
    );
    inFlight.set(key, result);
    $busy.set({ ...$busy.get(), [key]: true });
    if (optimistic) overlay.add(key, optimistic);
    return result;
  }

  /** Fails at once, without a round trip, for input the client can already tell is wrong (a failure, whatever outcome the action would have had). */
  function reject<Outcome extends object = object>(command: Command, targetId: string, error: ClinicError): Promise<ActionResult<Outcome>> {
    const failure: ActionFailure = { action: command.type, targetId, error, at: clock.now() };
    $lastFailure.set(failure);
    deps.onFailed(failure, command);
    return Promise.resolve({ ok: false, error });
  }

  const me = () => state.$me.get();

  const actions: ClinicActions = {
    requestSession(providerId, serviceId = null) {
      const command: Command = { type: 'request-session', providerId, serviceId: serviceId || null };
      const account = me()?.account;
      if (account) {
        const services = account.services;
        if (services.length > 1 && !command.serviceId) return reject(command, providerId, new ClinicError('service-required'));
        if (command.serviceId && !services.some((s) => s.id === command.serviceId)) return reject(command, providerId, new ClinicError('unknown-service'));
        if (services.length === 1 && !command.serviceId) command.serviceId = services[0]!.id;
      }
      if (deps.$outgoingRequests.get().some((r) => r.providerId === providerId)) {
        return reject(command, providerId, new ClinicError('duplicate-pending'));
      }
      return withOutcome(run(command, providerId), (changes) => ({ request: changes.requests[0] ?? null }));
    },

    cancelRequest(requestId) {
      return run({ type: 'cancel-request', requestId }, requestId, { kind: 'request', id: requestId, patch: { status: 'cancelled' } });
    },

    acceptRequest(requestId, { enter = false } = {}) {
      // Accept and Accept and Enter share one action key: a click on each sends one command, not two.
      return withOutcome(run({ type: 'accept-request', requestId, enter }, requestId), (changes) => {
        const session = changes.sessions[0] ?? null;
        if (enter) deps.enteredHere(session?.id);
        return { session };
      });
    },

    declineRequest(requestId, note = null) {
      const text = note?.trim() ? note.trim() : null;
      const command: Command = { type: 'decline-request', requestId, note: text };
      if (text && text.length > MAX_NOTE_LENGTH) return reject(command, requestId, new ClinicError('invalid-input'));
      const request = state.$requestMap.get()[requestId];
      const provider = request ? state.$providerMap.get()[request.providerId] : undefined;
      if (text && provider && !provider.notesEnabled) return reject(command, requestId, new ClinicError('notes-disabled'));
      return run(command, requestId);
    },

    dismissNotice(requestId) {
      return run({ type: 'dismiss-request', requestId }, requestId, { kind: 'request', id: requestId, patch: { dismissed: true } });
    },

    setAvailability(available) {
      const self = me()?.user;
      const target = self?.id ?? 'me';
      const optimistic = self ? ({ kind: 'provider', id: self.id, patch: { available } } as const) : undefined;
      return withOutcome(run({ type: 'set-availability', available }, target, optimistic), (changes) => ({
        declinedCount: changes.requests.filter((r) => r.status === 'declined').length,
      }));
    },

    enterSession(sessionId) {
      // Marked at the click, before the answer: the devices open where the user acted.
      deps.enteredHere(sessionId);
      return run({ type: 'enter-session', sessionId }, sessionId);
    },

    leaveSession(sessionId) {
      return run({ type: 'leave-session', sessionId }, sessionId);
    },

    // Sent with the same key and retries as `run`, but no busy flag, overlay or failure record.
    async sendSignal(sessionId, type, payload) {
      try {
        const changes = await sendWithRetries({ type: 'send-signal', sessionId, signalType: type, payload });
        return { ok: true, changes };
      } catch (error) {
        return { ok: false, error: error as ClinicError };
      }
    },
  };

  return {
    actions,
    $busy,
    $lastFailure,
    $busyUntil,
    clearFailure: () => $lastFailure.set(null),
    /** Forgets what is under way (sign-out): late answers are no longer merged. */
    forgetInFlight: () => {
      signedInAs++;
    },
  };
}
