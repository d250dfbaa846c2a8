// One suite, two backends (issue 14.7): the contract suite (bin/contract-suite.mjs, what
// `vc-contract-test` runs) and the tenancy cases run against the Node mock and against the
// reference server on its embedded default, PGlite, started as `npm run server -- --demo` would
// be. Both must pass the same checks with the same demo tokens; the server also serves the demo page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runContractSuite } from '../../bin/contract-suite.mjs';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import { createNodeHandler } from '../../mock-server/node-server.mjs';
import { SEED } from '../../mock-server/seed.ts';
import { mayReachProvider, maySeeProvider } from '../../src/rules/index.ts';
import { assertReachChangeIsHeard, command, startServerProcess } from './support.mjs';

/** The Node mock over real HTTP on a free port. */
async function startMock() {
  const backend = createClinicBackend({ presenceGraceMs: PRESENCE_GRACE });
  const handle = createNodeHandler(backend);
  const server = createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    baseUrl: `${url}/api`,
    async stop() {
      backend.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const ADMIN_TOKEN = 'backends-admin-credential-0123456789ab';
/** Presence (issue 16.6) on both, with a short grace period the suite is told of. */
const PRESENCE_GRACE = 1000;

/** The server as `npm run server -- --demo` starts it (with the admin API), on PGlite in a folder of its own. */
async function startReferenceServer() {
  const folder = mkdtempSync(join(tmpdir(), 'vc-server-pglite-'));
  const server = await startServerProcess({ env: { PGLITE_DIR: join(folder, 'data'), DATABASE_URL: '', ADMIN_TOKEN, PRESENCE_GRACE_MS: String(PRESENCE_GRACE) } });
  return {
    ...server,
    async stop() {
      const exit = await server.stop();
      rmSync(folder, { recursive: true, force: true });
      return exit;
    },
  };
}

const BACKENDS = [
  { name: 'the Node mock', start: startMock, server: false },
  { name: 'the reference server on PGlite', start: startReferenceServer, server: true },
];

// Tokens of the demo seed: the other requester and provider are of Northgate, out of Riverside's reach.
const SUITE_TOKENS = { requesterToken: 'demo-frontdesk', providerToken: 'demo-okafor', otherRequesterToken: 'demo-northgate', otherProviderToken: 'demo-natarajan', resetToken: SEED.resetToken, presenceGraceMs: PRESENCE_GRACE };
const tokenOf = (userId) => Object.keys(SEED.tokens).find((token) => SEED.tokens[token] === userId);
const reachOf = (accountId) => SEED.reach?.[accountId] ?? [];
const providers = SEED.users.filter((u) => u.role === 'provider');
const requesters = SEED.users.filter((u) => u.role === 'requester');

for (const backend of BACKENDS) {
  describe(`one suite on ${backend.name}`, { timeout: 900_000 }, () => {
    let running;
    before(async () => {
      running = await backend.start();
    }, { timeout: 600_000 });
    after(async () => {
      await running?.stop();
    });

    for (const round of ['first run, from a reset', 'second run on the same data']) {
      test(`vc-contract-test: every check passes (${round})`, { timeout: 300_000 }, async () => {
        const results = await runContractSuite({ baseUrl: running.baseUrl, ...SUITE_TOKENS, allowReset: round.includes('reset'), timeoutMs: 30_000 });
        const failed = results.filter((r) => r.status !== 'pass');
        assert.deepEqual(failed, [], failed.map((r) => `${r.rule} ${r.endpoint}: ${r.title} — ${r.reason}`).join('\n'));
        assert.ok(results.length >= 30, `only ${results.length} checks ran`);
      });
    }

    test('tenancy (the contract\'s rule, src/rules/visibility.ts): every demo user sees, and every requester reaches, exactly the providers the rule allows', { timeout: 300_000 }, async () => {
      // Spelled out for two accounts, so that the rule itself is pinned too: Northgate is on its own,
      // Hillcrest reaches both partners.
      const seen = {};
      for (const user of SEED.users) {
        const response = await fetch(`${running.baseUrl}/snapshot`, { headers: { Authorization: `Bearer ${tokenOf(user.id)}` } });
        assert.equal(response.status, 200, user.id);
        seen[user.id] = (await response.json()).providers.map((p) => p.id).sort();
        const expected = providers.filter((p) => maySeeProvider(user, p, reachOf(user.accountId))).map((p) => p.id).sort();
        assert.deepEqual(seen[user.id], expected, `${user.id} sees`);
      }
      assert.deepEqual(seen['req-northgate'], ['prov-natarajan']);
      assert.deepEqual(seen['req-kiosk'], ['prov-lindqvist', 'prov-okafor', 'prov-reyes']);
      for (const requester of requesters) {
        const account = SEED.accounts.find((a) => a.id === requester.accountId);
        for (const provider of providers) {
          const answer = await command(running.baseUrl, tokenOf(requester.id), 'POST', '/requests', { providerId: provider.id, serviceId: account.services[0]?.id ?? null });
          const allowed = mayReachProvider(requester, provider, reachOf(requester.accountId));
          assert.deepEqual([answer.status, answer.json.error?.code], allowed ? [201, undefined] : [404, 'not-found'], `${requester.id} → ${provider.id}`);
          const made = answer.json.requests?.[0];
          if (made?.status === 'pending') assert.equal((await command(running.baseUrl, tokenOf(requester.id), 'POST', `/requests/${made.id}/cancel`)).status, 200);
        }
      }
    });

    if (backend.server) {
      test('--demo serves the demo page, set to talk to this server, and the reset it needs', async () => {
        const page = await fetch(`${running.url}/`, { redirect: 'follow' });
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-type'), /^text\/html/);
        assert.match(await page.text(), /<title>Virtual Clinic SDK — demo<\/title>/);
        assert.deepEqual(await (await fetch(`${running.url}/demo/config.json`)).json(), { backend: 'server' });
        assert.equal((await fetch(`${running.url}/demo/demo.js`)).status, 200);
        assert.equal((await fetch(`${running.url}/demo/..%2fpackage.json`)).status, 404);
        const refused = await fetch(`${running.baseUrl}/reset`, { method: 'POST', headers: { Authorization: 'Bearer demo-frontdesk' } });
        assert.equal(refused.status, 401);
      });

      test('a reach rule changed through the admin API: the account\'s users hear of the providers now in sight', async () => {
        await assertReachChangeIsHeard({ adminUrl: running.url, adminToken: ADMIN_TOKEN, streamBaseUrl: running.baseUrl });
      });

      test('a clean stop: SIGTERM ends the process with code 0', async () => {
        const { code } = await running.stop();
        running = null;
        assert.equal(code, 0);
      });
    }
  });
}
