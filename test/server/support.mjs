// Shared by the server's Node tests: loading the server's TypeScript, one PostgreSQL cluster for
// the whole run (started by scripts/node-tests.mjs and named by VC_TEST_POSTGRES_URL, or started
// here when a file runs alone), and small waiting helpers that poll a condition, never a clock.
import { register } from 'tsx/esm/api';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { register as registerHook } from 'node:module';
import { startPostgres } from '../../scripts/postgres-cluster.mjs';

// As server/bin/vc-server.mjs: the server's `@virtual-clinic/sdk/…` imports resolve to the sources.
registerHook(new URL('../../server/bin/sdk-source.mjs', import.meta.url));
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
    const timer = setTimeout(() => {
      // Not left behind: a server that never said it listens is stopped.
      child.kill('SIGKILL');
      reject(new Error(`vc-server did not start in time:\n${output}`));
    }, timeoutMs);
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

/**
 * A live-stream client as the SDK behaves: reads `GET /events`, keeps every change it receives
 * (`received`: seq and event, in arrival order), and on `moveTo(baseUrl)` resumes on another node
 * with `Last-Event-ID` = the last seq it holds.
 */
export function streamClient(baseUrl, token) {
  const client = {
    received: [],
    /** The seq it holds: a snapshot's at the first open (as the SDK), then the last event's. */
    lastSeq: null,
    /** Where it started (the first snapshot's seq): every later event of its log is owed to it. */
    startSeq: null,
    baseUrl,
    ended: false,
    controller: null,
    opened: null,
    /** Opens (or reopens) the stream; resolves once its headers are in. */
    open(url = client.baseUrl) {
      client.baseUrl = url;
      client.controller?.abort();
      const controller = new AbortController();
      client.controller = controller;
      const headers = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
      // Always from a position it knows, even with no event received yet: a stream opened without
      // Last-Event-ID starts "now" and would skip what was logged while the client was away.
      const position = client.lastSeq !== null ? Promise.resolve(client.lastSeq) : fetch(`${url}/snapshot`, { headers: { Authorization: headers.Authorization }, signal: controller.signal }).then(async (r) => {
        if (!r.ok) throw new Error(`GET /snapshot answered ${r.status}`);
        return (await r.json()).seq;
      });
      client.opened = position.then((seq) => {
        client.startSeq ??= seq;
        client.lastSeq ??= seq;
        headers['Last-Event-ID'] = String(client.lastSeq);
        return fetch(`${url}/events`, { headers, signal: controller.signal });
      }).then((response) => {
        if (!response.ok) throw new Error(`GET /events answered ${response.status}`);
        client.ended = false;
        void client.read(response.body, controller);
        return response;
      });
      return client.opened;
    },
    async read(body, controller) {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of body) {
          buffer += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = Object.fromEntries(block.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]));
            if (fields.event === 'change') {
              const event = JSON.parse(fields.data);
              client.received.push(event);
              client.lastSeq = Math.max(client.lastSeq, event.seq);
            }
          }
        }
      } catch {
        // aborted or the node died: the test moves the client on
      }
      if (client.controller === controller) client.ended = true;
    },
    moveTo(url) {
      return client.open(url);
    },
    close() {
      client.controller?.abort();
    },
  };
  return client;
}

/** A command as the SDK sends it: JSON body, a fresh (or given) Idempotency-Key. */
export async function command(baseUrl, token, method, path, body, key = randomUUID()) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

/**
 * Issue 14: on a `--demo` server with the admin API, a directory rule that reaches further
 * (Northgate → Riverside) reaches Northgate's stream on `streamBaseUrl` as `provider` events of
 * Riverside's providers, in agreement with the next snapshot; the demo's rule put back takes
 * them out of sight again with `provider-removed` events, in agreement with the snapshot too.
 */
export async function assertReachChangeIsHeard({ adminUrl, adminToken, streamBaseUrl }) {
  const northgate = streamClient(streamBaseUrl, 'demo-northgate');
  await northgate.open();
  const putReach = (reach) =>
    fetch(`${adminUrl}/admin/directory`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ accounts: [], users: [], reach }),
    });
  try {
    const changed = await putReach({ 'acct-northgate': ['acct-riverside'] });
    assert.equal(changed.status, 200, await changed.text());
    const seen = () => northgate.received.filter((e) => e.type === 'provider').map((e) => e.provider.id).sort();
    await waitFor(() => seen().length >= 2, "the providers of Riverside on Northgate's stream");
    assert.deepEqual(seen(), ['prov-lindqvist', 'prov-okafor']);
    const snapshot = await fetch(`${streamBaseUrl}/snapshot`, { headers: { Authorization: 'Bearer demo-northgate' } }).then((r) => r.json());
    assert.deepEqual(snapshot.providers.map((p) => p.id).sort(), ['prov-lindqvist', 'prov-natarajan', 'prov-okafor'], 'the stream agrees with the snapshot');

    const restored = await putReach({ 'acct-northgate': [] });
    assert.equal(restored.status, 200, await restored.text());
    const removed = () => northgate.received.filter((e) => e.type === 'provider-removed').map((e) => e.providerId).sort();
    await waitFor(() => removed().length >= 2, "Riverside's providers taken out of Northgate's sight");
    assert.deepEqual(removed(), ['prov-lindqvist', 'prov-okafor']);
    const after = await fetch(`${streamBaseUrl}/snapshot`, { headers: { Authorization: 'Bearer demo-northgate' } }).then((r) => r.json());
    assert.deepEqual(after.providers.map((p) => p.id), ['prov-natarajan'], 'the stream agrees with the snapshot');
  } finally {
    northgate.close();
    await putReach({ 'acct-northgate': [] });
  }
}
