// `npm test`: type-check, lint, the Node tests of the mock backend, then every browser test in one
// Chromium, and last the line CI reads: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOrInstallBrowser } from './find-browser.mjs';
import { findOrInstallTurnServer } from './turn-server.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const work = mkdtempSync(join(tmpdir(), 'vc-test-'));
const extraArgs = process.argv.slice(2);

function step(name, command, args, env = {}) {
  console.log(`\n▶ ${name}`);
  // tsx lets Node load the TypeScript of src/rules and src/core/contract (the mock runs on them).
  const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim();
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: nodeOptions, ...env },
  });
  return result.status === 0;
}

function countCheck(name, ok) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    console.error(`✗ ${name} failed`);
  }
}

const bin = (name) => join('node_modules', '.bin', name);

if (extraArgs.length === 0) {
  countCheck('type-check', step('type-check (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']));
  countCheck('lint', step('lint', process.execPath, ['scripts/lint.mjs']));

  const nodeSummary = join(work, 'node.json');
  step('Node tests (mock backend over real HTTP)', process.execPath, ['scripts/node-tests.mjs', nodeSummary]);
  if (existsSync(nodeSummary)) {
    const node = JSON.parse(readFileSync(nodeSummary, 'utf8'));
    totals.passed += node.passed;
    totals.failed += node.failed;
    totals.skipped += node.skipped;
  } else totals.failed++;
}

/** A free port, so that a demo server or another test run on this machine does not collide. */
function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const chrome = findOrInstallBrowser();
// The call's tests run a real TURN server (test/meeting/call-turn.test.ts).
findOrInstallTurnServer();
const port = await freePort();
const browserSummary = join(work, 'browser.json');
step('Browser tests (Chromium)', bin('wtr'), ['--config', 'web-test-runner.config.mjs', '--port', String(port), ...extraArgs], {
  CHROME_PATH: chrome,
  VC_TEST_SUMMARY: browserSummary,
});
if (existsSync(browserSummary)) {
  const browser = JSON.parse(readFileSync(browserSummary, 'utf8'));
  totals.passed += browser.passed;
  totals.failed += browser.failed;
  totals.skipped += browser.skipped;
} else totals.failed++;

rmSync(work, { recursive: true, force: true });
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
