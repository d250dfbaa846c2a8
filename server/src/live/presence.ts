/**
 * Presence (issue 16.6, docs/http-contract.md "Presence"): whether a user has a live stream open
 * on any node. Each node writes a `presence` row (user, node, seen_at) when a stream of a user
 * opens, refreshes the rows of its open streams every `refreshMs`, and writes the row once more
 * when the user's last stream on it closes. Every node sweeps: a user with a row but none fresher
 * than the grace period, still shown as connected, is gone; a stream that opens brings a gone
 * user back at once. Both go through the rules' `setPresence` in one transaction that locks the
 * provider row and the open sessions first and checks the rows again under those locks, so a
 * sweep and a reconnect on two nodes never leave a connected user shown as gone.
 */
import { setPresence, type ProviderRow, type SessionRow } from '@virtual-clinic/sdk/rules';
import type pg from 'pg';
import type { Database } from '../db/database.js';
import { accountMembers } from '../db/directory.js';
import { appendEvents } from '../db/events.js';
import { lockProvider, writeUpserts } from '../db/rows.js';
import type { Notifier } from './notifier.js';

type Tx = pg.PoolClient;

export interface PresenceOptions {
  nodeId: string;
  graceMs: number;
  onError?: (error: unknown) => void;
}

/** A user's open sessions as the presence rule reads them, `FOR UPDATE`, in id order. */
async function lockOpenSessions(tx: Tx, userId: string): Promise<SessionRow[]> {
  const { rows } = await tx.query<{ doc: SessionRow }>(
    `SELECT s.doc FROM sessions s JOIN participants p ON p.session_id = s.id
      WHERE p.user_id = $1 AND s.status = 'open' ORDER BY s.id FOR UPDATE OF s`,
    [userId],
  );
  return rows.map((row) => row.doc);
}

/** Shown as gone: the provider row, or their side of an open session, says `connected: false`. */
const SHOWN_GONE = `
  EXISTS (SELECT 1 FROM providers WHERE user_id = $1 AND doc->>'connected' = 'false')
  OR EXISTS (SELECT 1 FROM participants p JOIN sessions s ON s.id = p.session_id
              WHERE p.user_id = $1 AND s.status = 'open' AND s.doc->p.role->>'connected' = 'false')`;

/** Users `$1` seen on node `$2` now. */
const SEEN = `INSERT INTO presence (user_id, node_id, seen_at) SELECT unnest($1::text[]), $2, now()
  ON CONFLICT (user_id, node_id) DO UPDATE SET seen_at = EXCLUDED.seen_at`;

export class Presence {
  #timer: NodeJS.Timeout | null = null;
  #sweeping = false;

  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
    private readonly options: PresenceOptions,
  ) {}

  /** How often this node refreshes its rows: well inside the grace period. */
  get refreshMs(): number {
    return Math.max(50, Math.floor(this.options.graceMs / 3));
  }

  /** A first stream of `userId` opened on this node: seen now; back at once if shown as gone. */
  async opened(userId: string): Promise<void> {
    // One round trip on the hot path (every reconnect): seen now, and whether shown as gone.
    const { rows } = await this.db.pool.query<{ gone: boolean }>(
      `WITH seen AS (${SEEN.replace('unnest($1::text[])', '$1::text')}) SELECT (${SHOWN_GONE}) AS gone`,
      [userId, this.options.nodeId],
    );
    if (rows[0]?.gone) await this.#apply(userId, true);
  }

  /** The last stream of `userId` on this node closed: last seen now. */
  async closed(userId: string): Promise<void> {
    await this.#seen([userId]);
  }

  /**
   * The users with an open stream on this node are still here; any of them shown as gone (an
   * `opened` that failed while the database was away) comes back.
   */
  async refresh(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    try {
      await this.#seen(userIds);
      const { rows } = await this.db.pool.query<{ uid: string }>(
        `SELECT u.uid FROM unnest($1::text[]) AS u(uid) WHERE ${SHOWN_GONE.replaceAll('$1', 'u.uid')}`,
        [userIds],
      );
      for (const { uid } of rows) await this.#apply(uid, true);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /**
   * Starts sweeping after one grace period (a node that starts after an outage first lets the
   * clients come back), every `refreshMs`.
   */
  start(): void {
    const begin = setTimeout(() => {
      this.#timer = setInterval(() => void this.sweep(), this.refreshMs);
      this.#timer.unref();
      void this.sweep();
    }, this.options.graceMs);
    begin.unref();
    this.#timer = begin;
  }

  stop(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      clearInterval(this.#timer);
    }
    this.#timer = null;
  }

  /** Marks gone every user seen before but on no node within the grace period. @returns how many */
  async sweep(): Promise<number> {
    if (this.#sweeping) return 0;
    this.#sweeping = true;
    try {
      const { rows } = await this.db.pool.query<{ user_id: string }>(
        `WITH stale AS (
           SELECT user_id FROM presence GROUP BY user_id
           HAVING max(seen_at) <= now() - make_interval(secs => $1::double precision / 1000)
         )
         SELECT st.user_id FROM stale st
          WHERE EXISTS (SELECT 1 FROM providers pr WHERE pr.user_id = st.user_id AND coalesce(pr.doc->>'connected', 'true') <> 'false')
             OR EXISTS (SELECT 1 FROM participants p JOIN sessions s ON s.id = p.session_id
                         WHERE p.user_id = st.user_id AND s.status = 'open' AND coalesce(s.doc->p.role->>'connected', 'true') <> 'false')
          LIMIT 200`,
        [this.options.graceMs],
      );
      for (const { user_id: userId } of rows) await this.#apply(userId, false);
      return rows.length;
    } catch (error) {
      this.options.onError?.(error);
      return 0;
    } finally {
      this.#sweeping = false;
    }
  }

  async #seen(userIds: readonly string[]): Promise<void> {
    await this.db.pool.query(SEEN, [userIds, this.options.nodeId]);
  }

  /** One transaction: the user's rows locked, the truth checked again under the locks, the rule applied. */
  async #apply(userId: string, connected: boolean): Promise<void> {
    let woken: string[] = [];
    await this.db.transaction(async (tx) => {
      const provider: ProviderRow | null = await lockProvider(tx, userId);
      const sessions = await lockOpenSessions(tx, userId);
      const { rows } = await tx.query<{ fresh: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM presence WHERE user_id = $1 AND seen_at > now() - make_interval(secs => $2::double precision / 1000)) AS fresh`,
        [userId, this.options.graceMs],
      );
      if (rows[0]?.fresh !== connected) return;
      const audience = provider ? await accountMembers(tx, provider.accountId) : [];
      const decision = setPresence({ provider, sessions, audience }, userId, connected);
      await writeUpserts(tx, decision.upserts);
      woken = await appendEvents(tx, decision.events as never);
      await this.notifier.notifyInTransaction(tx, woken);
    });
    this.notifier.committed(woken);
  }
}
