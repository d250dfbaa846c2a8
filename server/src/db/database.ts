/**
 * The database: PostgreSQL through `pg`, or — with no DATABASE_URL — the embedded PGlite served to
 * the same `pg` driver over a private Unix socket by `@electric-sql/pglite-socket`. One driver,
 * one SQL, one migration runner for both; only where the bytes go differs.
 *
 * PGlite is a single-connection database: the pool holds one connection to it, so statements and
 * transactions take turns (fine for one node). LISTEN/NOTIFY does not cross its connections, which is why notifications on PGlite stay
 * inside the process (src/live/notifier.ts); PGlite runs one node by nature.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  readonly kind: DatabaseKind;
  readonly pool: pg.Pool;
  /** Connection settings for a dedicated client (the LISTEN connection). */
  readonly clientConfig: pg.ClientConfig;
  /**
   * Runs `work` inside BEGIN … COMMIT on one connection; ROLLBACK when it throws (and rethrows).
   * A serialization failure or deadlock (40001, 40P01) is retried a few times.
   */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const RETRYABLE = new Set(['40001', '40P01']);

/** Error codes and messages that mean "the database is not there right now" (answer 503, retry). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'ENOENT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', '53300'].includes(e.code)) return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(e.message ?? '');
}

function withTransactions(kind: DatabaseKind, pool: pg.Pool, clientConfig: pg.ClientConfig, close: () => Promise<void>): Database {
  // An idle client that loses its server emits 'error' on the pool; without a listener Node would crash.
  pool.on('error', () => {});
  return {
    kind,
    pool,
    clientConfig,
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query('BEGIN');
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true;
          }
          const code = (error as { code?: string }).code;
          if (code && RETRYABLE.has(code) && attempt < 5) continue;
          throw error;
        } finally {
          client.release(broken);
        }
      }
    },
    close,
  };
}

export async function openPostgres(url: string, poolMax: number): Promise<Database> {
  const clientConfig: pg.ClientConfig = { connectionString: url, connectionTimeoutMillis: 5000 };
  // The pool's wait covers queueing behind busy connections too (commands on one provider's queue
  // take turns), so it is longer; a database that is down still fails at once (ECONNREFUSED).
  const pool = new pg.Pool({ ...clientConfig, connectionTimeoutMillis: 30_000, max: poolMax, idleTimeoutMillis: 30_000 });
  return withTransactions('postgres', pool, clientConfig, () => pool.end());
}

/**
 * Opens (creating on first use) the PGlite data folder `dataDir` and serves it on a private
 * Unix socket. A lock file stops a second process from opening the same folder.
 */
export async function openPglite(dataDir: string, poolMax: number): Promise<Database> {
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
  ]);
  mkdirSync(dirname(dataDir), { recursive: true });
  const lockFile = `${dataDir}.lock`;
  takeLock(lockFile);
  const db = await PGlite.create(dataDir);
  // A short path: Unix socket paths are limited to ~100 bytes.
  const socketDir = mkdtempSync(join(tmpdir(), 'vc-pglite-'));
  const port = 5432;
  const server = new PGLiteSocketServer({ db, path: join(socketDir, `.s.PGSQL.${port}`), maxConnections: poolMax + 4 });
  await server.start();
  const clientConfig: pg.ClientConfig = { host: socketDir, port, user: 'postgres', database: 'postgres' };
  // One connection: pglite-socket interleaves the extended-protocol messages (Parse/Bind/Execute)
  // of concurrent connections outside a transaction, so two statements at once could swap or
  // lose their results (electric-sql/pglite#1046; seen as a wrong user → 401 under the presence
  // refresh of issue 16.6). PGlite runs one statement at a time anyway; the pool queues them.
  const pool = new pg.Pool({ ...clientConfig, max: 1 });
  return withTransactions('pglite', pool, clientConfig, async () => {
    await pool.end();
    await server.stop();
    await db.close();
    rmSync(socketDir, { recursive: true, force: true });
    rmSync(lockFile, { force: true });
  });
}

function takeLock(lockFile: string): void {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return;
  } catch {
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
      throw new Error(`The PGlite folder is in use by process ${holder} (${lockFile}). PGlite serves one process; use DATABASE_URL for several nodes.`);
    }
    writeFileSync(lockFile, String(process.pid));
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

export function openDatabase(config: { databaseUrl: string | null; dataDir: string; poolMax: number }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.poolMax) : openPglite(config.dataDir, config.poolMax);
}
