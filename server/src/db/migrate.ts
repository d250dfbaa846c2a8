/**
 * Applies the numbered SQL migrations of `server/migrations/` with node-pg-migrate, at start and
 * by `vc-server migrate`. Its advisory lock lets several nodes start at once: one migrates, the
 * others wait and then find nothing left to do.
 */
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** @returns the names of the migrations this call applied (empty when the schema was current) */
export async function migrate(db: Database): Promise<string[]> {
  const client = await db.pool.connect();
  try {
    const applied = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      count: Infinity,
      checkOrder: true,
      log: () => {},
    });
    return applied.map((m) => m.name);
  } finally {
    client.release();
  }
}
