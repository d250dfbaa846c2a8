/**
 * Sends one command exactly once as far as the server is concerned: one idempotency key for all
 * its retries, one request in flight however often the user clicks, a busy flag while it runs, an
 * optimistic overlay that goes away when it ends, and a typed error when it fails.
 */
import { atom } from 'nanostores';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import type { Clock } from './clock.js';
import type { EntityState } from './entity-state.js';
import { ClinicError, isClinicError } from './errors/clinic-error.js';
import { NetworkError } from './errors/network-error.js';
import type { Changes, Command, CommandType } from './model.js';
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

/** `accept-request:req-7`: what the busy flags and failures are keyed by. */
export function actionKey(action: CommandType, targetId: string): string {
  return `${action}:${targetId}`;
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

export function createCommandRunner(deps: {
  transport: Transport;
  state: EntityState;
  overlay: ReturnType<typeof createOverlay>;
  clock: Clock;
  /** Called after a conflict, so the stores catch up with what the server decided. */
  resync: () => void;
  onSucceeded: (command: Command, changes: Changes) => void;
  onFailed: (failure: ActionFailure, command: Command) => void;
  options?: CommandRunnerOptions;
}) {
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
    $busy.set({ ...$busy.get(), [key]: true });
    if (optimistic) overlay.add(key, optimistic);
    const sentAs = signedInAs;
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
    return result;
  }

  /** Fails at once, without a round trip, for input the client can already tell is wrong. */
  /** A command refused before it was sent (a failure, whatever outcome the action would have had). */
  function reject<Outcome extends object = object>(command: Command, targetId: string, error: ClinicError): Promise<ActionResult<Outcome>> {
    const failure: ActionFailure = { action: command.type, targetId, error, at: clock.now() };
    $lastFailure.set(failure);
    deps.onFailed(failure, command);
    return Promise.resolve({ ok: false, error });
  }

  return {
    $busy,
    $lastFailure,
    $busyUntil,
    run,
    reject,
    /** Sends with the same key and retries as `run`, but no busy flag, overlay or failure record (relays such as signals). */
    send: sendWithRetries,
    clearFailure: () => $lastFailure.set(null),
    /** Forgets what is under way (sign-out): late answers are no longer merged. */
    forgetInFlight: () => {
      signedInAs++;
    },
  };
}
