/**
 * Reading and writing the rules' rows (src/rules/types.ts): each table keeps the row whole in
 * `doc` beside the columns its constraints and indexes need. Reads that feed a command lock
 * what they read (`FOR UPDATE`), always in one order — provider, then their queue, then the
 * request — so that racing commands queue up instead of deadlocking.
 */
import type pg from 'pg';
import type { ProviderRow, RequestRow, SessionRow, Upserts } from '@virtual-clinic/sdk/rules';

type Queryable = Pick<pg.PoolClient, 'query'>;
type Doc<T> = { doc: T };

export async function lockProvider(tx: Queryable, providerId: string): Promise<ProviderRow | null> {
  const { rows } = await tx.query<Doc<ProviderRow>>('SELECT doc FROM providers WHERE user_id = $1 FOR UPDATE', [providerId]);
  return rows[0]?.doc ?? null;
}

/** The provider's pending requests, oldest first, locked. */
export async function lockQueue(tx: Queryable, providerId: string): Promise<RequestRow[]> {
  const { rows } = await tx.query<Doc<RequestRow>>(
    "SELECT doc FROM requests WHERE provider_id = $1 AND status = 'pending' ORDER BY created_at, id FOR UPDATE",
    [providerId],
  );
  return rows.map((r) => r.doc);
}

/** Where a request is (its provider), without a lock: the caller then locks in order. */
export async function providerOfRequest(tx: Queryable, requestId: string): Promise<string | null> {
  const { rows } = await tx.query<{ provider_id: string }>('SELECT provider_id FROM requests WHERE id = $1', [requestId]);
  return rows[0]?.provider_id ?? null;
}

export async function lockRequest(tx: Queryable, requestId: string): Promise<RequestRow | null> {
  const { rows } = await tx.query<Doc<RequestRow>>('SELECT doc FROM requests WHERE id = $1 FOR UPDATE', [requestId]);
  return rows[0]?.doc ?? null;
}

export async function lockSession(tx: Queryable, sessionId: string): Promise<SessionRow | null> {
  const { rows } = await tx.query<Doc<SessionRow>>('SELECT doc FROM sessions WHERE id = $1 FOR UPDATE', [sessionId]);
  return rows[0]?.doc ?? null;
}

/** Providers that have a pending request due at `now` (for the expiry sweep), skipping locked ones. */
export async function providersWithDueRequests(tx: Queryable, now: number, limit: number): Promise<string[]> {
  const { rows } = await tx.query<{ provider_id: string }>(
    `SELECT DISTINCT provider_id FROM requests WHERE status = 'pending' AND expires_at <= to_timestamp($1::double precision / 1000) LIMIT $2`,
    [now, limit],
  );
  return rows.map((r) => r.provider_id);
}

/**
 * Writes whole rows at their new versions (insert or update by id). A row handed back at the
 * version stored is the stored row (a rule that changed nothing) and is left alone; the guards of
 * migration 2 refuse a lower version and a second answer to a request.
 */
export async function writeUpserts(tx: Queryable, upserts: Upserts): Promise<void> {
  for (const row of upserts.providers) {
    await tx.query(
      `INSERT INTO providers (user_id, account_id, available, version, doc) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET available = EXCLUDED.available, version = EXCLUDED.version, doc = EXCLUDED.doc
         WHERE providers.version <> EXCLUDED.version`,
      [row.id, row.accountId, row.available, row.version, JSON.stringify(row)],
    );
  }
  for (const row of upserts.requests) {
    await tx.query(
      `INSERT INTO requests (id, requester_id, provider_id, status, created_at, expires_at, visible_to_provider, version, doc)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, visible_to_provider = EXCLUDED.visible_to_provider,
         version = EXCLUDED.version, doc = EXCLUDED.doc
         WHERE requests.version <> EXCLUDED.version`,
      [row.id, row.requesterId, row.providerId, row.status, row.createdAt, row.expiresAt, row.visibleToProvider, row.version, JSON.stringify(row)],
    );
  }
  for (const row of upserts.sessions) {
    await tx.query(
      `INSERT INTO sessions (id, request_id, status, version, doc) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, doc = EXCLUDED.doc
         WHERE sessions.version <> EXCLUDED.version`,
      [row.id, row.requestId, row.status, row.version, JSON.stringify(row)],
    );
    for (const role of ['requester', 'provider'] as const) {
      const participant = row[role];
      await tx.query(
        `INSERT INTO participants (session_id, role, user_id, status) VALUES ($1, $2, $3, $4)
         ON CONFLICT (session_id, role) DO UPDATE SET status = EXCLUDED.status`,
        [row.id, role, participant.userId, participant.status],
      );
    }
  }
}
