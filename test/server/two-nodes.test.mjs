// Two server nodes on one real PostgreSQL (issue 14 item 7): racing commands split across the
// nodes have one winner each and every stream agrees; when one node is killed (SIGKILL) mid-flow
// its clients resume on the other with every event exactly once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { command, freshPostgresDatabase, startServerProcess, streamClient, waitFor } from './support.mjs';

const ADMIN_TOKEN = 'race-admin-credential-0123456789abcdef';
const RACES = 100;
const PROVIDER = 'race-provider';

/** One account with one provider and a requester per race. */
function raceDirectory() {
  const users = [{ id: PROVIDER, name: 'Dr. Race', role: 'provider', accountId: 'acct-race', available: true }];
  for (let i = 0; i < RACES; i++) users.push({ id: `race-requester-${i}`, name: `Desk ${i}`, role: 'requester', accountId: 'acct-race' });
  return { accounts: [{ id: 'acct-race', name: 'Race Clinic', services: [], notesEnabled: true, requestTimeoutSeconds: 20 }], users };
}

// The host's identity provider: an ES256 key; every node verifies with its public key.
const keys = await generateKeyPair('ES256');
const publicKey = await exportSPKI(keys.publicKey);
const tokens = new Map();
await Promise.all(
  raceDirectory().users.map(async (user) =>
    tokens.set(user.id, await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject(user.id).setIssuer('https://idp.test').setAudience('virtual-clinic').setExpirationTime('2h').sign(keys.privateKey)),
  ),
);
const token = (userId) => tokens.get(userId);
describe('two nodes on one PostgreSQL', { timeout: 900_000 }, () => {
  let database;
  const nodes = [];
  const env = () => ({ DATABASE_URL: database.url, ADMIN_TOKEN, JWT_PUBLIC_KEY: publicKey, JWT_ISSUER: 'https://idp.test', JWT_AUDIENCE: 'virtual-clinic', EXPIRY_SWEEP_MS: '100', LIMIT_COMMANDS_PER_MINUTE: '100000', HEARTBEAT_SECONDS: '2', LOG_LEVEL: 'warn' });

  before(async () => {
    database = await freshPostgresDatabase();
    // One after the other: the first applies the migrations, the second finds them done.
    nodes.push(await startServerProcess({ args: [], env: { ...env(), NODE_ID: 'node-a', LOG_LEVEL: 'info' } }));
    nodes.push(await startServerProcess({ args: [], env: { ...env(), NODE_ID: 'node-b', LOG_LEVEL: 'info' } }));
    const response = await fetch(`${nodes[0].url}/admin/directory`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(raceDirectory()),
    });
    assert.equal(response.status, 200, await response.text());
  }, { timeout: 600_000 });

  after(async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    database?.stop();
  });

  test('100 accept / cancel / expire races split across the nodes: one winner each, every stream agrees', { timeout: 600_000 }, async (t) => {
    const [a, b] = nodes;
    // The provider listens on node A, each requester on node B.
    const snapshot = await fetch(`${a.baseUrl}/snapshot`, { headers: { Authorization: `Bearer ${token(PROVIDER)}` } });
    assert.equal(snapshot.status, 200, 'the provider signs in with a JWT');
    const provider = streamClient(a.baseUrl, token(PROVIDER));
    await provider.open();
    const requesters = Array.from({ length: RACES }, (_, i) => streamClient(b.baseUrl, token(`race-requester-${i}`)));
    await Promise.all(requesters.map((client) => client.open()));

    // Each requester asks through alternating nodes.
    const made = await Promise.all(
      requesters.map((_, i) => command(i % 2 ? a.baseUrl : b.baseUrl, token(`race-requester-${i}`), 'POST', '/requests', { providerId: PROVIDER, serviceId: null })),
    );
    for (const answer of made) assert.equal(answer.status, 201, JSON.stringify(answer.json));
    const requests = made.map((answer) => answer.json.requests[0]);

    // At each request's deadline: the provider accepts on one node, the requester cancels on the
    // other, and the sweeps of both nodes expire it — all at once.
    const outcomes = await Promise.all(
      requests.map(async (request, i) => {
        const due = Date.parse(request.expiresAt) - Date.now() + ((i % 10) - 8) * 200;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due)));
        const [accept, cancel] = await Promise.all([
          command(i % 2 ? a.baseUrl : b.baseUrl, token(PROVIDER), 'POST', `/requests/${request.id}/accept`, { enter: false }),
          command(i % 2 ? b.baseUrl : a.baseUrl, token(`race-requester-${i}`), 'POST', `/requests/${request.id}/cancel`),
        ]);
        return { accept, cancel };
      }),
    );

    // The truth, from a snapshot of the provider after every race settled.
    const final = await waitFor(async () => {
      const answer = await fetch(`${b.baseUrl}/snapshot`, { headers: { Authorization: `Bearer ${token(PROVIDER)}` } }).then((r) => r.json());
      const ours = answer.requests.filter((r) => requests.some((q) => q.id === r.id));
      return ours.every((r) => r.status !== 'pending') ? new Map(ours.map((r) => [r.id, r])) : null;
    }, 'every race to settle');

    const counts = { accepted: 0, cancelled: 0, expired: 0 };
    requests.forEach((request, i) => {
      const truth = final.get(request.id);
      const { accept, cancel } = outcomes[i];
      const winners = [accept.status === 200, cancel.status === 200].filter(Boolean).length;
      assert.ok(winners <= 1, `race ${i}: both accept and cancel succeeded`);
      counts[truth.status]++;
      if (truth.status === 'accepted') assert.equal(accept.status, 200, `race ${i}: accepted, but accept answered ${accept.status}`);
      if (truth.status === 'cancelled') assert.equal(cancel.status, 200, `race ${i}: cancelled, but cancel answered ${cancel.status}`);
      if (truth.status === 'expired') assert.equal(winners, 0, `race ${i}: expired, yet a command won`);
      // The losers were told what happened instead.
      for (const loser of [accept, cancel].filter((answer) => answer.status !== 200)) {
        assert.equal(loser.status, 409, `race ${i}: ${JSON.stringify(loser.json)}`);
      }
    });
    assert.equal(counts.accepted + counts.cancelled + counts.expired, RACES);

    // Every stream ends on the truth: the provider's (node A) and each requester's (node B).
    await waitFor(
      () =>
        requests.every((request, i) => {
          const truth = final.get(request.id);
          const last = (client) => client.received.filter((e) => e.type === 'request' && e.request.id === request.id).at(-1)?.request;
          const seen = [last(provider), last(requesters[i])];
          return seen.every((r) => r && r.status === truth.status && r.version === truth.version);
        }),
      'every stream to show each outcome',
    );
    for (const client of [provider, ...requesters]) {
      const seqs = client.received.map((e) => e.seq);
      assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, k) => seqs[0] + k), 'gap-free, in order, no duplicates');
      client.close();
    }
    t.diagnostic(`winners: ${JSON.stringify(counts)}`);
  });

  test('kill -9 one node mid-flow: its clients resume on the other with every event exactly once', { timeout: 600_000 }, async () => {
    const [a, b] = nodes;
    const requesterIds = Array.from({ length: 20 }, (_, i) => `race-requester-${i}`);
    // No expiry in this flow: every request waits for its answer.
    const slow = raceDirectory();
    slow.accounts[0].requestTimeoutSeconds = 3600;
    const updated = await fetch(`${b.url}/admin/directory`, { method: 'PUT', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify(slow) });
    assert.equal(updated.status, 200);
    // Every client listens on node A, the one about to die.
    // LATE receives nothing on node A: its first events are logged while its stream is down
    // (bench/SERVER.md's 'behind: 2' clients); it resumes from the snapshot's seq all the same.
    const LATE = 'race-requester-99';
    const clients = [PROVIDER, ...requesterIds, LATE].map((userId) => ({ userId, stream: streamClient(a.baseUrl, token(userId)) }));
    await Promise.all(clients.map(({ stream }) => stream.open()));
    const { default: pg } = await import('pg');
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    // A stream opened without Last-Event-ID starts at its user's position at that moment.
    const positions = await db.query('SELECT user_id, seq FROM event_streams');
    const start = new Map(positions.rows.map((row) => [row.user_id, Number(row.seq)]));

    /** A command as the SDK retries it: same key, the other node when one fails. */
    async function send(userId, method, path, body) {
      const key = randomUUID();
      for (const node of [a, b, b, b]) {
        try {
          const answer = await command(node.baseUrl, token(userId), method, path, body, key);
          if (answer.status < 500) return answer;
        } catch {
          // the node is gone: the same command, same key, to the other one
        }
      }
      throw new Error(`${method} ${path} failed on both nodes`);
    }

    let killed = false;
    const flows = requesterIds.map(async (userId, i) => {
      for (let round = 0; round < 3; round++) {
        const made = await send(userId, 'POST', '/requests', { providerId: PROVIDER, serviceId: null });
        assert.equal(made.status, 201, JSON.stringify(made.json));
        const id = made.json.requests[0].id;
        if (i === 5 && round === 1 && !killed) {
          killed = true;
          await a.kill();
          // Clients notice the dead connection and resume on node B from what they hold.
          await waitFor(() => clients.every(({ stream }) => stream.ended), 'the streams on node A to break');
          const late = await send(LATE, 'POST', '/requests', { providerId: PROVIDER, serviceId: null });
          assert.equal(late.status, 201, JSON.stringify(late.json));
          await Promise.all(clients.map(({ stream }) => stream.moveTo(b.baseUrl)));
        }
        const answer = round % 2 ? await send(PROVIDER, 'POST', `/requests/${id}/decline`, { note: null }) : await send(userId, 'POST', `/requests/${id}/cancel`);
        assert.equal(answer.status, 200, JSON.stringify(answer.json));
        await send(userId, 'POST', `/requests/${id}/dismiss`);
      }
    });
    await Promise.all(flows);
    assert.ok(killed);

    // Each client holds exactly its log from where it started: no event lost, none twice.
    try {
      for (const { userId, stream } of clients) {
        const { rows } = await db.query('SELECT seq FROM event_streams WHERE user_id = $1', [userId]);
        const latest = Number(rows[0].seq);
        await waitFor(() => stream.lastSeq === latest, `${userId}'s stream to reach seq ${latest}`);
        const seqs = stream.received.filter((e) => e.seq > start.get(userId)).map((e) => e.seq);
        const expected = Array.from({ length: latest - start.get(userId) }, (_, k) => start.get(userId) + k + 1);
        assert.deepEqual(seqs, expected, `${userId}: every event exactly once, in order`);
        stream.close();
      }
    } finally {
      await db.end();
    }
  });
});
