/**
 * The event streams open on this node (`GET /events`). Each stream remembers the last `seq` it
 * wrote; waking a user reads their log after the lowest such seq (one query for all of that
 * user's streams) and writes each stream what it has not had yet. So a stream never skips,
 * repeats or reorders an event, whatever the notifications did, and a stream opened on any node
 * with `Last-Event-ID` continues exactly where the client left off.
 *
 * A heartbeat tick (every `heartbeatMs`) first checks every local user's stream position in one
 * query and catches up whoever is behind (a notification lost with a dropped LISTEN connection
 * costs at most one tick) and ends a stream that is ahead of its log (the log started over),
 * then writes `event: heartbeat` with the seq each stream has reached.
 */
import type { ServerResponse } from 'node:http';
import type { Database } from '../db/database.js';
import { readEvents } from '../db/events.js';

/** A client that does not read is cut off past this much unsent data; it resumes on reconnect. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const PAGE = 500;

export interface LiveStream {
  readonly userId: string;
  lastSeq: number;
  readonly res: ServerResponse;
  closed: boolean;
}

export interface StreamHooks {
  onCount?: (open: number) => void;
  onError?: (error: unknown) => void;
  /** The last stream of this user on this node closed (presence, issue 16.6). */
  onUserGone?: (userId: string) => void;
}

export class StreamHub {
  #byUser = new Map<string, Set<LiveStream>>();
  #pumping = new Map<string, boolean>();
  #timer: NodeJS.Timeout;
  #count = 0;

  constructor(
    private readonly db: Database,
    heartbeatMs: number,
    private readonly hooks: StreamHooks = {},
  ) {
    this.#timer = setInterval(() => void this.#heartbeat(), heartbeatMs);
    this.#timer.unref();
  }

  get size(): number {
    return this.#count;
  }

  /** The users with a stream open on this node. */
  userIds(): string[] {
    return [...this.#byUser.keys()];
  }

  countFor(userId: string): number {
    return this.#byUser.get(userId)?.size ?? 0;
  }

  /**
   * Registers an open response (headers and first chunk already written) that continues after
   * `fromSeq`, and sends it at once whatever the log holds beyond that.
   */
  add(userId: string, res: ServerResponse, fromSeq: number): LiveStream {
    const stream: LiveStream = { userId, lastSeq: fromSeq, res, closed: false };
    let set = this.#byUser.get(userId);
    if (!set) this.#byUser.set(userId, (set = new Set()));
    set.add(stream);
    this.#count++;
    this.hooks.onCount?.(this.#count);
    res.on('close', () => this.#remove(stream));
    this.wake([userId]);
    return stream;
  }

  /** Catches up the named users' streams (or every stream) from the log. */
  wake(userIds: readonly string[] | 'all'): void {
    for (const userId of userIds === 'all' ? [...this.#byUser.keys()] : userIds) {
      if (this.#byUser.has(userId)) void this.#pump(userId);
    }
  }

  /**
   * Graceful shutdown: tells every client to come back in a second (`retry:`) — the load balancer
   * sends it to another node — and ends the streams. The clients resume with Last-Event-ID.
   */
  closeAll(): void {
    clearInterval(this.#timer);
    this.endAll('this node is shutting down');
  }

  /** Ends every open stream with `retry: 1000` (`reason` goes in an SSE comment); clients resume. */
  endAll(reason: string): void {
    for (const set of this.#byUser.values()) {
      for (const stream of set) {
        if (stream.closed) continue;
        stream.res.end(`retry: 1000\n: ${reason}; reconnect\n\n`);
      }
    }
  }

  #remove(stream: LiveStream): void {
    if (stream.closed) return;
    stream.closed = true;
    const set = this.#byUser.get(stream.userId);
    set?.delete(stream);
    if (set && set.size === 0) {
      this.#byUser.delete(stream.userId);
      this.hooks.onUserGone?.(stream.userId);
    }
    this.#count--;
    this.hooks.onCount?.(this.#count);
  }

  #write(stream: LiveStream, text: string): void {
    if (stream.closed) return;
    stream.res.write(text);
    if (stream.res.writableLength > MAX_BUFFERED_BYTES) stream.res.destroy();
  }

  async #pump(userId: string): Promise<void> {
    if (this.#pumping.has(userId)) {
      this.#pumping.set(userId, true);
      return;
    }
    this.#pumping.set(userId, false);
    try {
      for (;;) {
        const streams = [...(this.#byUser.get(userId) ?? [])];
        if (streams.length === 0) break;
        const from = Math.min(...streams.map((s) => s.lastSeq));
        const events = await readEvents(this.db.pool, userId, from, PAGE);
        for (const stream of streams) {
          let text = '';
          for (const event of events) {
            if (event.seq <= stream.lastSeq) continue;
            text += `id: ${event.seq}\nevent: change\ndata: ${event.json}\n\n`;
            stream.lastSeq = event.seq;
          }
          if (text) this.#write(stream, text);
        }
        const again = this.#pumping.get(userId) === true;
        this.#pumping.set(userId, false);
        if (events.length < PAGE && !again) break;
      }
    } catch (error) {
      // The database is away: the next heartbeat tick (or notification) tries again.
      this.hooks.onError?.(error);
    } finally {
      this.#pumping.delete(userId);
    }
  }

  async #heartbeat(): Promise<void> {
    const userIds = [...this.#byUser.keys()];
    if (userIds.length > 0) {
      try {
        const { rows } = await this.db.pool.query<{ user_id: string; seq: string }>(
          'SELECT user_id, seq FROM event_streams WHERE user_id = ANY($1::text[])',
          [userIds],
        );
        // A stream past its log's end means the log started over (the demo's reset) and the
        // notification to end it was missed (LISTEN was down): it ends now, its client reconnects.
        for (const row of rows) {
          for (const stream of this.#byUser.get(row.user_id) ?? []) {
            if (stream.lastSeq > Number(row.seq) && !stream.closed) stream.res.end(`retry: 1000\n: the log started over; reconnect\n\n`);
          }
        }
        const behind = rows
          .filter((row) => [...(this.#byUser.get(row.user_id) ?? [])].some((s) => s.lastSeq < Number(row.seq)))
          .map((row) => row.user_id);
        await Promise.all(behind.map((userId) => this.#pump(userId)));
      } catch (error) {
        this.hooks.onError?.(error);
      }
    }
    // The server's clock rides along, so clients measure durations against it (issue 16.7).
    const serverTime = new Date().toISOString();
    for (const set of this.#byUser.values()) {
      for (const stream of set) this.#write(stream, `event: heartbeat\ndata: {"seq":${stream.lastSeq},"serverTime":"${serverTime}"}\n\n`);
    }
  }
}
