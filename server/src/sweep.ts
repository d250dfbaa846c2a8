/**
 * The expiry sweep (X3): every node runs it; requests expire on time even if no node was up at
 * their deadline (the first sweep after a start catches up). Two nodes never double-expire: each
 * provider's queue is taken with `FOR UPDATE SKIP LOCKED` (a node skips a provider another node or
 * a command holds), the rule expires only what is still pending, and request_answers' primary
 * key refuses a second answer in any case. Housekeeping rides along once a minute: expired
 * idempotency keys and events past their retention are deleted.
 */
import { expireRequests } from '@virtual-clinic/sdk/rules';
import type { Database } from './db/database.js';
import { appendEvents, pruneEvents } from './db/events.js';
import { lockQueue, providersWithDueRequests, writeUpserts } from './db/rows.js';
import type { Notifier } from './live/notifier.js';

export interface SweepOptions {
  intervalMs: number;
  nodeId: string;
  eventRetentionHours: number;
  onExpired?: (count: number) => void;
  onError?: (error: unknown) => void;
}

export function startSweep(db: Database, notifier: Notifier, options: SweepOptions): { stop(): void; runOnce(): Promise<number> } {
  let lastHousekeeping = 0;
  let running = false;

  async function expireFor(providerId: string, now: number): Promise<number> {
    let woken: string[] = [];
    const count = await db.transaction(async (tx) => {
      const { rows } = await tx.query('SELECT 1 FROM providers WHERE user_id = $1 FOR UPDATE SKIP LOCKED', [providerId]);
      if (rows.length === 0) return 0;
      const decision = expireRequests({ pending: await lockQueue(tx, providerId) }, now);
      if (!decision.ok || decision.answer.requests.length === 0) return 0;
      await writeUpserts(tx, decision.upserts);
      woken = await appendEvents(tx, decision.events as never);
      await notifier.notifyInTransaction(tx, woken);
      for (const request of decision.answer.requests) {
        await tx.query("INSERT INTO audit (user_id, command, target_id, status, outcome, node) VALUES (NULL, 'expire', $1, 200, 'ok', $2)", [request.id, options.nodeId]);
      }
      return decision.answer.requests.length;
    });
    notifier.committed(woken);
    return count;
  }

  async function runOnce(): Promise<number> {
    if (running) return 0;
    running = true;
    try {
      const now = Date.now();
      let expired = 0;
      for (const providerId of await providersWithDueRequests(db.pool, now, 100)) expired += await expireFor(providerId, now);
      if (expired > 0) options.onExpired?.(expired);
      if (now - lastHousekeeping > 60_000) {
        lastHousekeeping = now;
        await db.pool.query('DELETE FROM idempotency_keys WHERE expires_at <= now()');
        await pruneEvents(db.pool, options.eventRetentionHours);
      }
      return expired;
    } catch (error) {
      options.onError?.(error);
      return 0;
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void runOnce(), options.intervalMs);
  timer.unref();
  void runOnce();
  return { stop: () => clearInterval(timer), runOnce };
}
