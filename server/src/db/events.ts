/**
 * The per-user event log: each user's stream is numbered 1, 2, 3 … without gaps, whichever node
 * appends (the user's `event_streams` row is locked by the append), and is read back by every
 * node for live delivery and `Last-Event-ID` replay.
 */
import type pg from 'pg';

/** One event for one user, before its log gives it a `seq` (the rules' AudienceEvent). */
export interface PendingEvent {
  userId: string;
  event: { type: string } & Record<string, unknown>;
}

export interface StoredEvent {
  seq: number;
  /** The wire event, `seq` included, as JSON text ready for an SSE `data:` line. */
  json: string;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * Appends events in order inside the caller's transaction. Users are locked in sorted order, so
 * two transactions appending for overlapping users never deadlock.
 * @returns the ids of the users whose logs grew
 */
export async function appendEvents(tx: Queryable, events: readonly PendingEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const byUser = new Map<string, PendingEvent['event'][]>();
  for (const { userId, event } of events) {
    const list = byUser.get(userId) ?? [];
    list.push(event);
    byUser.set(userId, list);
  }
  const userIds = [...byUser.keys()].sort();
  const reserved = await tx.query<{ user_id: string; seq: string }>(
    `UPDATE event_streams AS s SET seq = s.seq + n.count
       FROM (SELECT unnest($1::text[]) AS user_id, unnest($2::int[]) AS count) AS n
      WHERE s.user_id = n.user_id
      RETURNING s.user_id, s.seq`,
    [userIds, userIds.map((id) => byUser.get(id)!.length)],
  );
  const users: string[] = [];
  const seqs: number[] = [];
  const types: string[] = [];
  const bodies: string[] = [];
  for (const row of reserved.rows) {
    const list = byUser.get(row.user_id)!;
    const first = Number(row.seq) - list.length + 1;
    list.forEach((event, index) => {
      const seq = first + index;
      users.push(row.user_id);
      seqs.push(seq);
      types.push(event.type);
      bodies.push(JSON.stringify({ seq, ...event }));
    });
  }
  await tx.query(
    `INSERT INTO events (user_id, seq, type, body)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::jsonb[])`,
    [users, seqs, types, bodies],
  );
  return reserved.rows.map((row) => row.user_id);
}

/** The events of `userId` after `afterSeq`, oldest first, at most `limit`. */
export async function readEvents(db: Queryable, userId: string, afterSeq: number, limit = 500): Promise<StoredEvent[]> {
  const { rows } = await db.query<{ seq: string; body: string }>(
    'SELECT seq, body::text AS body FROM events WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [userId, afterSeq, limit],
  );
  return rows.map((row) => ({ seq: Number(row.seq), json: row.body }));
}

/** The user's stream position (the seq of their latest event; 0 before any). */
export async function currentSeq(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ seq: string }>('SELECT seq FROM event_streams WHERE user_id = $1', [userId]);
  return rows[0] ? Number(rows[0].seq) : 0;
}

/** The oldest seq still held for the user (replay from before it is impossible), or null. */
export async function oldestHeldSeq(db: Queryable, userId: string): Promise<number | null> {
  const { rows } = await db.query<{ seq: string | null }>('SELECT min(seq) AS seq FROM events WHERE user_id = $1', [userId]);
  return rows[0]?.seq == null ? null : Number(rows[0].seq);
}

/** Drops events older than the retention, always keeping each user's latest. */
export async function pruneEvents(db: Queryable, retentionHours: number): Promise<number> {
  const result = await db.query(
    `DELETE FROM events e USING event_streams s
      WHERE e.user_id = s.user_id AND e.seq < s.seq AND e.created_at < now() - make_interval(hours => $1)`,
    [retentionHours],
  );
  return result.rowCount ?? 0;
}
