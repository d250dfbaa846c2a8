/** The mock's fault switches, for the client's resilience tests. */

export interface Faults {
  failure: { status: number; remaining: number; retryAfterSeconds?: number } | null;
  losesNext: number;
  delayMs: number;
  duplicateEvents: boolean;
  reorderEvents: boolean;
  blockStream: boolean;
  /** The next `count` commands (POST/PUT) answer `status` without being applied; 429 always carries Retry-After (default 1 s). */
  failNext(status: number, count?: number, options?: { retryAfterSeconds?: number }): void;
  /** The next command is applied, but its answer is lost: `handle` throws as fetch would. */
  loseResponseNext(): void;
  /** Errors out every open event stream at once, as a dropped connection would. */
  dropStreams(): void;
  clear(): void;
}

export function createFaults(dropStreams: () => void): Faults {
  const switches: Faults = {
    failure: null,
    losesNext: 0,
    delayMs: 0,
    duplicateEvents: false,
    reorderEvents: false,
    blockStream: false,
    failNext(status, count = 1, options = {}) {
      switches.failure = { status, remaining: count, retryAfterSeconds: options.retryAfterSeconds };
    },
    loseResponseNext() {
      switches.losesNext += 1;
    },
    dropStreams,
    clear() {
      switches.failure = null;
      switches.losesNext = 0;
      switches.delayMs = 0;
      switches.duplicateEvents = false;
      switches.reorderEvents = false;
      switches.blockStream = false;
    },
  };
  return switches;
}

/** The failure injected for this command, if one is due (and counts it down). */
export function takeInjectedFailure(faults: Faults): { status: number; retryAfterSeconds?: number } | null {
  const failure = faults.failure;
  if (!failure || failure.remaining <= 0) return null;
  failure.remaining -= 1;
  if (failure.remaining === 0) faults.failure = null;
  const retryAfterSeconds = failure.retryAfterSeconds ?? (failure.status === 429 ? 1 : undefined);
  return { status: failure.status, retryAfterSeconds };
}
