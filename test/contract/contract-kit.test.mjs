// The contract kit (`vc-contract-test`) against the Node mock backend over real HTTP: every rule
// passes; against a backend that breaks one rule, the kit names that rule and exits 1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import { createNodeHandler } from '../../mock-server/node-server.mjs';

const cli = fileURLToPath(new URL('../../bin/vc-contract-test.mjs', import.meta.url));
const run = promisify(execFile);

/** Runs the CLI; resolves with its exit code and output whatever the code. */
async function contractTest(args) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

/** A Node server on an ephemeral port serving `backend`; resolves with its /api base URL. */
async function serve(backend) {
  const handle = createNodeHandler(backend);
  const server = createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${server.address().port}/api` };
}

function rowsOf(stdout) {
  return stdout.split('\n').filter((line) => / (PASS|FAIL|SKIP) /.test(line));
}

// The mocks track presence (issue 16.6) with a short grace period, which the suite is told.
const PRESENCE_GRACE = 500;
const FULL = ['--token-requester', 'demo-frontdesk', '--token-provider', 'demo-okafor', '--token-other-requester', 'demo-northgate', '--token-other-provider', 'demo-natarajan', '--presence-grace', String(PRESENCE_GRACE)];

describe('vc-contract-test against the Node mock backend', () => {
  // With a TURN server configured, so that the credentials' shape is checked too (issue 18 §3).
  const backend = createClinicBackend({ presenceGraceMs: PRESENCE_GRACE, turn: { secret: 'contract-test-secret', urls: ['turn:127.0.0.1:3478'], stunUrls: ['stun:127.0.0.1:3478'] } });
  let mock;
  before(async () => {
    mock = await serve(backend);
  });
  after(() => {
    backend.close();
    mock.server.close();
  });

  test('every rule and endpoint passes, and the table says so', async () => {
    const { code, stdout } = await contractTest([mock.baseUrl, ...FULL, '--reset-token', 'demo-reset']);
    const rows = rowsOf(stdout);
    assert.equal(code, 0, stdout);
    assert.ok(rows.length >= 30, `only ${rows.length} checks ran:\n${stdout}`);
    assert.deepEqual(rows.filter((row) => !/ PASS /.test(row)), []);
    for (const rule of ['R2', 'R3', 'R4', 'R5', 'R6', 'R8', 'R9', 'R10', 'X3', 'idempotency', 'live', 'presence']) {
      assert.ok(rows.some((row) => row.startsWith(rule) || row.includes(`, ${rule}`) || row.startsWith(`${rule},`)), `no check of ${rule}`);
    }
    for (const endpoint of ['GET /me', 'GET /snapshot', 'GET /events', 'GET /ice-servers', 'POST /requests ', 'POST /requests/{id}/cancel', 'POST /requests/{id}/accept', 'POST /requests/{id}/decline', 'POST /requests/{id}/dismiss', 'PUT /availability', 'POST /sessions/{id}/enter', 'POST /sessions/{id}/leave']) {
      assert.ok(rows.some((row) => row.includes(endpoint)), `no check of ${endpoint}`);
    }
  });

  test('it cleans up after itself: a second run (no reset) passes too and leaves nothing pending', async () => {
    const { code, stdout } = await contractTest([mock.baseUrl, ...FULL]);
    assert.equal(code, 0, stdout);
    const state = backend.state();
    assert.deepEqual(state.requests.filter((r) => r.status === 'pending'), []);
    assert.deepEqual(state.sessions.filter((s) => s.status === 'open'), []);
    assert.equal(state.providers.find((p) => p.id === 'prov-okafor')?.available, true);
  });

  test('with one token it checks the read endpoints and says what it skipped', async () => {
    const { code, stdout } = await contractTest([mock.baseUrl, '--token', 'demo-kiosk']);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /GET \/snapshot +PASS/);
    assert.match(stdout, /SKIP .*needs --token-requester and --token-provider/);
  });
});

describe('vc-contract-test on a backend holding data it did not create (issue 19.7)', () => {
  const backend = createClinicBackend({ presenceGraceMs: PRESENCE_GRACE });
  let mock;
  /** A command as another client of the backend would send it. */
  async function send(token, method, path, body) {
    const response = await fetch(`${mock.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(response.ok, `${method} ${path} answered ${response.status}`);
    return response.json();
  }
  let leftover;
  before(async () => {
    mock = await serve(backend);
    // Left from before by people using the backend: an open session, a decline notice not yet
    // dismissed, and a pending request of the same requester to the same provider.
    const first = await send('demo-frontdesk', 'POST', '/requests', { providerId: 'prov-okafor', serviceId: 'svc-urgent' });
    await send('demo-okafor', 'POST', `/requests/${first.requests[0].id}/accept`, { enter: false });
    const second = await send('demo-frontdesk', 'POST', '/requests', { providerId: 'prov-okafor', serviceId: 'svc-urgent' });
    await send('demo-okafor', 'POST', `/requests/${second.requests[0].id}/decline`, { note: 'Left from before' });
    leftover = (await send('demo-frontdesk', 'POST', '/requests', { providerId: 'prov-okafor', serviceId: 'svc-behavioral' })).requests[0];
  });
  after(() => {
    backend.close();
    mock.server.close();
  });

  test('fails nothing, says which checks it skipped and why, and leaves that data as it was', async () => {
    const before = JSON.stringify(backend.state().requests.filter((r) => r.id !== undefined && r.requesterId === 'req-frontdesk'));
    const { code, stdout } = await contractTest([mock.baseUrl, ...FULL]);
    assert.equal(code, 0, stdout);
    const rows = rowsOf(stdout);
    assert.deepEqual(rows.filter((row) => / FAIL /.test(row)), []);
    const skipped = rows.filter((row) => / SKIP /.test(row));
    assert.ok(skipped.length > 0, stdout);
    for (const row of skipped) assert.match(row, new RegExp(`pending request ${leftover.id} .*not made by this run`), row);
    const theirs = backend.state().requests.filter((r) => r.requesterId === 'req-frontdesk' && JSON.parse(before).some((b) => b.id === r.id));
    assert.equal(JSON.stringify(theirs), before, 'the data the suite did not make changed');
  });
});

describe('vc-contract-test against a backend that breaks a rule', () => {
  // R9 broken: the backend drops the provider's decline note.
  const backend = createClinicBackend({ presenceGraceMs: PRESENCE_GRACE });
  const handle = backend.handle;
  backend.handle = async (request) => {
    if (request.method === 'POST' && request.url.endsWith('/decline')) {
      const headers = new Headers(request.headers);
      return handle(new Request(request.url, { method: 'POST', headers, body: JSON.stringify({ note: null }) }));
    }
    return handle(request);
  };
  let mock;
  before(async () => {
    mock = await serve(backend);
  });
  after(() => {
    backend.close();
    mock.server.close();
  });

  test('reports the broken rule with its reason, and exits 1', async () => {
    const { code, stdout } = await contractTest([mock.baseUrl, ...FULL]);
    assert.equal(code, 1, stdout);
    const failed = rowsOf(stdout).filter((row) => / FAIL /.test(row));
    // Both R9 checks of the decline fail (the note is lost, so an over-long one is not refused); nothing else.
    assert.equal(failed.length, 2, stdout);
    for (const row of failed) assert.match(row, /^R9 +POST \/requests\/\{id\}\/decline +FAIL /);
    assert.match(failed[0], /a decline carries the note to the requester — the requester sees declineNote null/);
    assert.match(failed[1], /a note over 500 characters → 400 invalid-input — .*answered 200, expected 400/);
  });

  test('a backend that is not there fails every check instead of passing', async () => {
    const { code, stdout } = await contractTest(['http://127.0.0.1:9/api', '--token', 'demo-kiosk', '--timeout', '1000']);
    assert.equal(code, 1, stdout);
    assert.ok(!/ PASS /.test(stdout), stdout);
  });
});
