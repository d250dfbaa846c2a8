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

/** Adds the counts a step wrote to `file`; a step that wrote none failed. */
function countSummary(file) {
  if (!existsSync(file)) return void totals.failed++;
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

// Chromium for the browser tests, and for the examples' run before them.
const chrome = findOrInstallBrowser();

if (extraArgs.length === 0) {
  countCheck('type-check', step('type-check (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']));
  countCheck('lint', step('lint', process.execPath, ['scripts/lint.mjs']));

  const nodeSummary = join(work, 'node.json');
  step('Node tests (mock backend over real HTTP)', process.execPath, ['scripts/node-tests.mjs', nodeSummary]);
  countSummary(nodeSummary);

  // Issue 19: the plain, React, Vue and Angular examples from the packed package (the dist/ that
  // test/package built just before): type tests, builds, and a run of each in Chromium.
  const examplesSummary = join(work, 'examples.json');
  const examplesStarted = Date.now();
  step('Framework examples from the packed package', process.execPath, ['scripts/node-tests.mjs', examplesSummary, 'test/examples'], { CHROME_PATH: chrome });
  console.log(`  (${((Date.now() - examplesStarted) / 1000).toFixed(0)} s)`);
  countSummary(examplesSummary);
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

// The call's tests run a real TURN server (test/meeting/call-turn.test.ts).
findOrInstallTurnServer();
const port = await freePort();
const browserSummary = join(work, 'browser.json');
step('Browser tests (Chromium)', bin('wtr'), ['--config', 'web-test-runner.config.mjs', '--port', String(port), ...extraArgs], {
  CHROME_PATH: chrome,
  VC_TEST_SUMMARY: browserSummary,
});
countSummary(browserSummary);

rmSync(work, { recursive: true, force: true });
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
