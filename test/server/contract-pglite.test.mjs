// The contract suite (bin/contract-suite.mjs, what `vc-contract-test` runs) against the reference
// server on its embedded default, PGlite, started as `npm run server -- --demo` would be: every
// check passes, and passes again on the same data (the suite cleans up after itself).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runContractSuite } from '../../bin/contract-suite.mjs';
import { startServerProcess } from './support.mjs';

describe('vc-contract-test against the reference server on PGlite', { timeout: 600_000 }, () => {
  const folder = mkdtempSync(join(tmpdir(), 'vc-server-pglite-'));
  let server;
  before(async () => {
    server = await startServerProcess({ env: { PGLITE_DIR: join(folder, 'data'), DATABASE_URL: '' } });
  }, { timeout: 600_000 });
  after(async () => {
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  for (const round of ['first run', 'second run on the same data']) {
    test(`every check passes (${round})`, { timeout: 300_000 }, async () => {
      const results = await runContractSuite({ baseUrl: server.baseUrl, requesterToken: 'demo-frontdesk', providerToken: 'demo-okafor', otherRequesterToken: 'demo-nursecart', otherProviderToken: 'demo-reyes', timeoutMs: 30_000 });
      const failed = results.filter((r) => r.status !== 'pass');
      assert.deepEqual(failed, [], failed.map((r) => `${r.rule} ${r.endpoint}: ${r.title} — ${r.reason}`).join('\n'));
      assert.ok(results.length >= 30, `only ${results.length} checks ran`);
    });
  }

  test('a clean stop: SIGTERM ends the process with code 0', async () => {
    const { code } = await server.stop();
    assert.equal(code, 0, server.output());
  });
});
