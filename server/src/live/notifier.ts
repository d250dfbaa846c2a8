/**
 * Wakes the streams of users whose logs grew. A notification carries user ids only; the events
 * themselves are read from the log (src/db/events.ts), so a lost, doubled or late notification
 * can delay an event but never lose, duplicate or reorder it.
 *
 * - On PostgreSQL, a command's transaction runs `pg_notify('vc_events', …)`; PostgreSQL delivers
 *   it at COMMIT to every node's LISTEN connection (this node's too). The LISTEN connection
 *   reconnects on its own and, once back, wakes every local stream to catch up from the log.
 * - On PGlite (one node by nature), the commit wakes local streams directly.
 *
 * The same path carries "end every stream" (`endEverywhere`, the demo's reset): each other node
 * ends its streams when the notification arrives; the node that sent it ends its own at once.
 */
import pg from 'pg';
import type { Database } from '../db/database.js';

export const CHANNEL = 'vc_events';
/** PostgreSQL caps a payload at 8000 bytes; ids are batched below that. */
const MAX_PAYLOAD = 7000;

export type Wake = (userIds: readonly string[] | 'all') => void;
/** Ends every stream of this node (`reason` goes to the clients in an SSE comment). */
export type EndAll = (reason: string) => void;

/** A notification: from node `n`, sent at `t` (ms); either users `u` whose logs grew, or `end`. */
interface Payload {
  n: string;
  t: number;
  u?: string[];
  end?: string;
}

export interface NotifierHooks {
  /** Milliseconds from the commit that sent a notification to its arrival here. */
  onLag?: (ms: number) => void;
  onListening?: (listening: boolean) => void;
  onError?: (error: unknown) => void;
}

export class Notifier {
  #listeners = new Set<Wake>();
  #enders = new Set<EndAll>();
  #client: pg.Client | null = null;
  #stopped = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #listening = false;

  constructor(
    private readonly db: Database,
    private readonly nodeId: string,
    private readonly hooks: NotifierHooks = {},
  ) {}

  get listening(): boolean {
    return this.db.kind === 'pglite' || this.#listening;
  }

  onWake(listener: Wake): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onEndAll(listener: EndAll): () => void {
    this.#enders.add(listener);
    return () => this.#enders.delete(listener);
  }

  async start(): Promise<void> {
    if (this.db.kind === 'postgres') await this.#connect();
  }

  /** Inside the command's transaction: tells every node (at COMMIT) whose logs grew. */
  async notifyInTransaction(tx: Pick<pg.PoolClient, 'query'>, userIds: readonly string[]): Promise<void> {
    if (this.db.kind !== 'postgres' || userIds.length === 0) return;
    for (const batch of batches(userIds)) {
      const payload: Payload = { n: this.nodeId, t: Date.now(), u: batch };
      await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(payload)]);
    }
  }

  /** After COMMIT: on PGlite, wakes this process's streams (PostgreSQL's NOTIFY does it otherwise). */
  committed(userIds: readonly string[]): void {
    if (this.db.kind === 'pglite' && userIds.length > 0) this.#emit(userIds);
  }

  /**
   * Inside a transaction that started the logs over (the demo's reset): at COMMIT, every other
   * node ends its streams, so that their clients reconnect and read the new log.
   */
  async endEverywhereInTransaction(tx: Pick<pg.PoolClient, 'query'>, reason: string): Promise<void> {
    if (this.db.kind !== 'postgres') return;
    const payload: Payload = { n: this.nodeId, t: Date.now(), end: reason };
    await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(payload)]);
  }

  /** After that COMMIT: ends this node's streams (the others hear it from PostgreSQL). */
  endedEverywhere(reason: string): void {
    for (const listener of this.#enders) listener(reason);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  #emit(userIds: readonly string[] | 'all'): void {
    for (const listener of this.#listeners) listener(userIds);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client(this.db.clientConfig);
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        const { n, t, u, end } = JSON.parse(message.payload) as Payload;
        this.hooks.onLag?.(Math.max(0, Date.now() - t));
        if (end !== undefined) {
          // The sender ended its own streams at its COMMIT; ending them again here would only
          // send the clients that already came back away once more.
          if (n !== this.nodeId) this.endedEverywhere(end);
        } else if (u) this.#emit(u);
      } catch (error) {
        this.hooks.onError?.(error);
      }
    });
    const lost = (error?: unknown) => {
      if (this.#client !== client) return;
      this.#client = null;
      this.#setListening(false);
      if (error) this.hooks.onError?.(error);
      client.end().catch(() => {});
      this.#scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      client.end().catch(() => {});
      this.hooks.onError?.(error);
      this.#scheduleReconnect();
      return;
    }
    if (this.#stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
    this.#setListening(true);
    // Whatever was committed while we were not listening is in the log: every stream catches up.
    this.#emit('all');
  }

  #scheduleReconnect(): void {
    if (this.#stopped || this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#connect();
    }, 500);
    this.#retryTimer.unref();
  }

  #setListening(listening: boolean): void {
    this.#listening = listening;
    this.hooks.onListening?.(listening);
  }
}

function* batches(userIds: readonly string[]): Generator<string[]> {
  let batch: string[] = [];
  let size = 0;
  for (const id of userIds) {
    if (size + id.length + 3 > MAX_PAYLOAD && batch.length > 0) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(id);
    size += id.length + 3;
  }
  if (batch.length > 0) yield batch;
}
