// `npm run bench:server` (issue 14 item 8; not part of npm test): two server nodes and a
// throwaway PostgreSQL on this machine, 2,000 open event streams, a steady mix of commands
// (request → accept → enter → leave), then one node killed under load. Beside each figure: the
// in-memory mock (one process) under the same load. Writes bench/SERVER.md.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { startPostgres } from '../scripts/postgres-cluster.mjs';
import { command, startServerProcess, streamClient, waitFor } from '../test/server/support.mjs';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10);
const PROVIDERS_PER_ACCOUNT = 10;
const REQUESTERS_PER_ACCOUNT = Number(process.env.BENCH_REQUESTERS ?? 190);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 12);
const STEADY_MS = Number(process.env.BENCH_STEADY_MS ?? 30_000);
const FAILOVER_MS = Number(process.env.BENCH_FAILOVER_MS ?? 20_000);
const ADMIN_TOKEN = 'bench-admin-credential-0123456789abcdef';

function directory() {
  const accounts = [];
  const users = [];
  for (let a = 0; a < ACCOUNTS; a++) {
    accounts.push({ id: `acct-${a}`, name: `Clinic ${a}`, services: [], notesEnabled: true, requestTimeoutSeconds: 3600 });
    for (let p = 0; p < PROVIDERS_PER_ACCOUNT; p++) users.push({ id: `prov-${a}-${p}`, name: `Dr ${a}-${p}`, role: 'provider', accountId: `acct-${a}`, specialty: '', available: true });
    for (let r = 0; r < REQUESTERS_PER_ACCOUNT; r++) users.push({ id: `req-${a}-${r}`, name: `Desk ${a}-${r}`, role: 'requester', accountId: `acct-${a}` });
  }
  return { accounts, users };
}

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');

/**
 * Runs the load against a backend. `nodes`: { requesterStreams, requesterCommands,
 * providerStreams, providerCommands } base URLs; `kill`: optional, kills the node that the
 * requesters' streams are on and returns the URL to move them to.
 */
async function runLoad(label, nodes, tokens, dir, { kill, memory }) {
  const log = (line) => console.log(`[${label}] ${line}`);
  const requesterIds = dir.users.filter((u) => u.role === 'requester').map((u) => u.id);
  const providerIds = dir.users.filter((u) => u.role === 'provider').map((u) => u.id);
  const memoryBefore = await memory();
  const clients = new Map();
  const opened = Date.now();
  for (const [ids, base] of [[requesterIds, nodes.requesterStreams], [providerIds, nodes.providerStreams]]) {
    for (let i = 0; i < ids.length; i += 100) {
      await Promise.all(ids.slice(i, i + 100).map(async (id) => {
        const client = streamClient(base, tokens.get(id));
        clients.set(id, client);
        await client.open();
      }));
    }
  }
  log(`${clients.size} streams open in ${((Date.now() - opened) / 1000).toFixed(1)} s`);
  const memoryAfter = await memory();
  const perStream = Object.fromEntries(Object.keys(memoryAfter).map((k) => [k, (memoryAfter[k] - memoryBefore[k]) / clients.size]));

  const latencies = [];
  const acceptToEvent = [];
  let commands = 0;
  let failures = 0;
  let requesterCommandBase = nodes.requesterCommands;

  async function timed(base, userId, method, path, body) {
    const key = randomUUID();
    for (let attempt = 0; attempt < 6; attempt++) {
      const started = performance.now();
      try {
        const answer = await command(attempt === 0 ? base : nodes.fallback ?? base, tokens.get(userId), method, path, body, key);
        if (answer.status >= 500) throw new Error(String(answer.status));
        latencies.push(performance.now() - started);
        commands++;
        return answer;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    failures++;
    return null;
  }

  let running = true;
  async function worker(w) {
    let n = 0;
    while (running) {
      const account = (w + n) % ACCOUNTS;
      const requesterId = `req-${account}-${(w * 7 + n) % REQUESTERS_PER_ACCOUNT}`;
      const providerId = `prov-${account}-${(w + n) % PROVIDERS_PER_ACCOUNT}`;
      n++;
      const made = await timed(requesterCommandBase, requesterId, 'POST', '/requests', { providerId, serviceId: null });
      if (!made || made.status !== 201) continue;
      const request = made.json.requests[0];
      const requester = clients.get(requesterId);
      const seen = requester.received.length;
      const t0 = performance.now();
      const accepted = await timed(nodes.providerCommands, providerId, 'POST', `/requests/${request.id}/accept`, { enter: false });
      if (!accepted || accepted.status !== 200) continue;
      const sessionId = accepted.json.sessions[0].id;
      void waitFor(() => requester.received.slice(seen).some((e) => e.type === 'request' && e.request.id === request.id && e.request.status === 'accepted'), 'accept', 30_000)
        .then(() => acceptToEvent.push(performance.now() - t0))
        .catch(() => {});
      await timed(requesterCommandBase, requesterId, 'POST', `/sessions/${sessionId}/enter`);
      await timed(nodes.providerCommands, providerId, 'POST', `/sessions/${sessionId}/leave`);
    }
  }

  const startedAt = performance.now();
  const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
  await new Promise((resolve) => setTimeout(resolve, STEADY_MS));
  const steady = { commands, seconds: (performance.now() - startedAt) / 1000, latencies: [...latencies], acceptToEvent: [...acceptToEvent] };
  log(`steady: ${(steady.commands / steady.seconds).toFixed(1)} commands/s, p50 ${ms(percentile(steady.latencies, 50))}, p99 ${ms(percentile(steady.latencies, 99))}`);

  let recovery = null;
  if (kill) {
    const moved = [...clients.entries()].filter(([id]) => id.startsWith('req-')).map(([, c]) => c);
    const killedAt = performance.now();
    const survivor = await kill();
    requesterCommandBase = survivor;
    // The clients notice the broken connection and come back on the survivor from what they hold.
    await waitFor(() => moved.every((c) => c.ended), 'the streams of the killed node to break', 60_000);
    // As the SDK does: each client keeps trying (an overloaded survivor refuses some at first).
    const resume = async (c) => {
      for (;;) {
        try {
          return await c.moveTo(survivor);
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    };
    await Promise.all(moved.map(resume));
    recovery = performance.now() - killedAt;
    log(`node killed: its ${moved.length} clients back on the other node in ${ms(recovery)}`);
    await new Promise((resolve) => setTimeout(resolve, FAILOVER_MS));
  }
  running = false;
  await Promise.all(workers);
  return { steady, perStream, recovery, clients, failures, total: { commands, latencies, acceptToEvent } };
}

/** Lost and duplicated events of every client, against the log's own count. */
async function audit(clients, expectedSeqOf) {
  let lost = 0;
  let duplicated = 0;
  let behind = 0;
  for (const [userId, client] of clients) {
    const expected = await expectedSeqOf(userId);
    try {
      await waitFor(() => client.lastSeq >= expected, 'catch up', 30_000);
    } catch {
      behind++;
    }
    const seqs = client.received.map((e) => e.seq);
    // Owed: every event of its log after where it started, received or not (a client that received
    // nothing is not spared).
    const first = (client.startSeq ?? expected) + 1;
    const unique = new Set(seqs);
    duplicated += seqs.length - unique.size;
    for (let seq = first; seq <= expected; seq++) if (!unique.has(seq)) lost++;
    client.close();
  }
  return { lost, duplicated, behind };
}

let cleanup = () => {};

async function main() {
  const dir = directory();
  const keys = await generateKeyPair('ES256');
  const tokens = new Map();
  for (const user of dir.users) {
    tokens.set(user.id, await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject(user.id).setIssuer('https://idp.bench').setAudience('vc').setExpirationTime('4h').sign(keys.privateKey));
  }
  console.log(`${dir.users.length} users, ${WORKERS} command loops, ${STEADY_MS / 1000} s steady + ${FAILOVER_MS / 1000} s after a kill`);

  // --- The reference server: two nodes, one PostgreSQL.
  const postgres = await startPostgres();
  const env = {
    DATABASE_URL: postgres.url, ADMIN_TOKEN, JWT_PUBLIC_KEY: await exportSPKI(keys.publicKey), JWT_ISSUER: 'https://idp.bench', JWT_AUDIENCE: 'vc',
    LIMIT_COMMANDS_PER_MINUTE: '1000000', LIMIT_STREAMS_PER_USER: '10', LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '20',
  };
  const a = await startServerProcess({ args: [], env: { ...env, NODE_ID: 'bench-a', LOG_LEVEL: 'info' } });
  const b = await startServerProcess({ args: [], env: { ...env, NODE_ID: 'bench-b', LOG_LEVEL: 'info' } });
  // Whatever happens below, the nodes and the cluster go away with the bench.
  cleanup = () => {
    a.process.kill('SIGKILL');
    b.process.kill('SIGKILL');
    postgres.stop();
  };
  const imported = await fetch(`${a.url}/admin/directory`, { method: 'PUT', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify(dir) });
  if (imported.status !== 200) throw new Error(`directory import: ${imported.status} ${await imported.text()}`);
  const serverMemory = async () => {
    const text = await fetch(`${a.url}/metrics`).then((r) => r.text());
    const value = (name) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
    return { rss: value('vc_process_resident_memory_bytes'), heap: value('vc_nodejs_heap_size_used_bytes') };
  };
  const server = await runLoad('server', {
    requesterStreams: a.baseUrl, requesterCommands: a.baseUrl, providerStreams: b.baseUrl, providerCommands: b.baseUrl, fallback: b.baseUrl,
  }, tokens, dir, {
    // Memory on node A, which holds the requesters' streams (half of them).
    memory: serverMemory,
    kill: async () => {
      await a.kill();
      return b.baseUrl;
    },
  });
  const { default: pg } = await import('pg');
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  const seqs = new Map((await db.query('SELECT user_id, seq FROM event_streams')).rows.map((r) => [r.user_id, Number(r.seq)]));
  const serverAudit = await audit(server.clients, async (userId) => seqs.get(userId) ?? 0);
  await db.end();
  await b.stop();
  postgres.stop();

  // --- The in-memory mock, same load, one process.
  const folder = mkdtempSync(join(tmpdir(), 'vc-bench-'));
  const seedFile = join(folder, 'seed.json');
  writeFileSync(seedFile, JSON.stringify({ ...dir, tokens: Object.fromEntries([...tokens].map(([id, token]) => [token, id])) }));
  const mock = spawn(process.execPath, [new URL('./server-mock-node.mjs', import.meta.url).pathname, seedFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => mock.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)).port)));
  const mockBase = `http://127.0.0.1:${port}/api`;
  const mockResult = await runLoad('mock', { requesterStreams: mockBase, requesterCommands: mockBase, providerStreams: mockBase, providerCommands: mockBase }, tokens, dir, {
    memory: async () => {
      const m = await fetch(`http://127.0.0.1:${port}/__memory`).then((r) => r.json());
      return { rss: m.rss, heap: m.heapUsed };
    },
  });
  const mockSeqs = new Map();
  for (const [userId, client] of mockResult.clients) {
    // The mock's own count: its heartbeat carries the stream's seq; a snapshot says it too.
    const snapshot = await fetch(`${mockBase}/snapshot`, { headers: { Authorization: `Bearer ${tokens.get(userId)}` } }).then((r) => r.json());
    mockSeqs.set(userId, snapshot.seq);
    void client;
  }
  const mockAudit = await audit(mockResult.clients, async (userId) => mockSeqs.get(userId) ?? 0);
  mock.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });

  const rate = (r) => (r.steady.commands / r.steady.seconds).toFixed(1);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const rows = [
    ['sustained commands/s (steady mix, p99 below)', rate(server), rate(mockResult)],
    ['command latency p50', ms(percentile(server.steady.latencies, 50)), ms(percentile(mockResult.steady.latencies, 50))],
    ['command latency p99 (goal < 100 ms)', ms(percentile(server.steady.latencies, 99)), ms(percentile(mockResult.steady.latencies, 99))],
    ['Accept → requester\'s event p50 (server: across nodes)', ms(percentile(server.steady.acceptToEvent, 50)), ms(percentile(mockResult.steady.acceptToEvent, 50))],
    ['Accept → requester\'s event p99', ms(percentile(server.steady.acceptToEvent, 99)), ms(percentile(mockResult.steady.acceptToEvent, 99))],
    ['memory per open stream, RSS (budget 32 KB)', kb(server.perStream.rss), kb(mockResult.perStream.rss)],
    ['memory per open stream, JS heap', kb(server.perStream.heap), kb(mockResult.perStream.heap)],
    ['audit before the kill + after: lost / duplicated / behind', `${serverAudit.lost} / ${serverAudit.duplicated} / ${serverAudit.behind}`, `${mockAudit.lost} / ${mockAudit.duplicated} / ${mockAudit.behind}`],
    ['one node killed under load: its clients back in', ms(server.recovery), 'n/a (one process: a kill loses everything)'],
    ['commands that failed for good (after retries)', String(server.failures), String(mockResult.failures)],
    ['commands in all (steady + after the kill)', String(server.total.commands), String(mockResult.total.commands)],
  ];
  const table = ['| figure | server (2 nodes + PostgreSQL) | in-memory mock (1 process) |', '| --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const report = `# Server bench (npm run bench:server)\n\nMeasured ${new Date().toISOString()} on this machine (2 cores shared with other work; load average at start ${(await import('node:os')).loadavg()[0].toFixed(1)}): ${dir.users.length} users each with one open event stream (requesters on node A, providers on node B), ${WORKERS} loops of request → accept (on node B) → enter → leave, ${STEADY_MS / 1000} s steady, then node A killed with SIGKILL and ${FAILOVER_MS / 1000} s more. The audit compares every client's received seqs with its log.\n\n${table}\n`;
  console.log(`\n${report}`);
  writeFileSync(new URL('./SERVER.md', import.meta.url), report);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  cleanup();
  process.exit(1);
});
