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

/**
 * Starts `vc-server` as its own process (so a test can kill -9 it) on a free port. Resolves once
 * it listens, with its URLs; `stop()` sends SIGTERM and waits, `kill()` sends SIGKILL.
 * @param {{ env?: Record<string, string>, args?: string[], timeoutMs?: number }} options
 */
export async function startServerProcess({ env = {}, args = ['--demo'], timeoutMs = 300_000 } = {}) {
  const { spawn } = await import('node:child_process');
  const bin = new URL('../../server/bin/vc-server.mjs', import.meta.url).pathname;
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vc-server did not start in time:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      for (const line of output.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening' && entry.port) {
            clearTimeout(timer);
            resolve(entry.port);
          }
        } catch {
          // a partial line; the rest comes with the next chunk
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`vc-server exited (${code}) before listening:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: `${url}/api`,
    process: child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}
