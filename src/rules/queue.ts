/** A provider's queue: their pending requests, oldest first, each knowing its place (issue 6). */
import type { AudienceEvent, Now, RequestRow } from './types.js';
import { requestEvents } from './decision.js';
import { iso } from './wire.js';

/** Every change of a request goes through here: the version grows by one, so a stale copy never wins. */
export function touched(row: RequestRow, change: Partial<RequestRow>, now: Now): RequestRow {
  const next: RequestRow = { ...row, ...change, version: row.version + 1, updatedAt: iso(now) };
  if (next.status !== 'pending') next.queuePosition = null;
  return next;
}

function byAge(a: RequestRow, b: RequestRow): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * After requests leave a queue, those behind move up. `queue` is the provider's requests still
 * pending after the command (any order); the answer is those whose place changed, touched, with
 * their events (each requester learns their new place).
 */
export function renumber(queue: readonly RequestRow[], now: Now): { rows: RequestRow[]; events: AudienceEvent[] } {
  const rows: RequestRow[] = [];
  const events: AudienceEvent[] = [];
  [...queue]
    .filter((row) => row.status === 'pending')
    .sort(byAge)
    .forEach((row, index) => {
      if (row.queuePosition === index + 1) return;
      const moved = touched(row, { queuePosition: index + 1 }, now);
      rows.push(moved);
      events.push(...requestEvents(moved));
    });
  return { rows, events };
}
