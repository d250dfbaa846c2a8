/**
 * One event log per user, so that `seq` counts 1, 2, 3 … without gaps on each user's stream; the
 * latest MAX_LOGGED_EVENTS are kept for a replay after `Last-Event-ID`.
 */
import type { LiveEvent } from '../src/core/contract/types.js';
import type { AudienceEvent } from '../src/rules/index.js';

const MAX_LOGGED_EVENTS = 1000;

export type EventListener = (userId: string, event: LiveEvent) => void;

export function createEventLog() {
  let logs = new Map<string, { seq: number; events: LiveEvent[] }>();
  const listeners = new Set<EventListener>();

  return {
    /** Every log back to position 0 (a reset). */
    clear(userIds: Iterable<string>) {
      logs = new Map([...userIds].map((id) => [id, { seq: 0, events: [] }]));
    },
    /** Appends each event to its user's log with the next seq, then tells the listeners (open streams). */
    append(events: readonly AudienceEvent[]) {
      for (const { userId, event: body } of events) {
        const log = logs.get(userId);
        if (!log) continue;
        log.seq += 1;
        const event = { seq: log.seq, ...structuredClone(body) } as LiveEvent;
        log.events.push(event);
        if (log.events.length > MAX_LOGGED_EVENTS) log.events.shift();
        for (const listener of listeners) listener(userId, event);
      }
    },
    /** The user's stream position: the seq of their latest event. */
    position(userId: string): number {
      return logs.get(userId)?.seq ?? 0;
    },
    /** The logged events after `seq`, oldest first. */
    after(userId: string, seq: number): LiveEvent[] {
      return (logs.get(userId)?.events ?? []).filter((event) => event.seq > seq);
    },
    listen(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
