// Shared by the server's Node tests: loading the server's TypeScript, one PostgreSQL cluster for
// the whole run (started by scripts/node-tests.mjs and named by VC_TEST_POSTGRES_URL, or started
// here when a file runs alone), and small waiting helpers that poll a condition, never a clock.
import { register } from 'tsx/esm/api';
import { randomUUID } from 'node:crypto';
import { startPostgres } from '../../scripts/postgres-cluster.mjs';

register();

/** Imports a module of server/src by its path (e.g. 'db/database.ts'). */
export function serverModule(path) {
  return import(new URL(`../../server/src/${path}`, import.meta.url).href);
}

let ownCluster = null;

/**
 * A fresh, empty PostgreSQL database for one test file.
 * @returns {Promise<{ url: string, stop(): void }>}
 */
export async function freshPostgresDatabase() {
  let base = process.env.VC_TEST_POSTGRES_URL;
  let stop = () => {};
  if (!base) {
    ownCluster ??= await startPostgres();
    base = ownCluster.url;
    stop = () => ownCluster?.stop();
  }
  const { default: pg } = await import('pg');
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.href, stop };
}

/** Polls `condition` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor(condition, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
