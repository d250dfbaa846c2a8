// Runs the Node tests (node:test) and writes their counts to the file named by the first argument;
// further arguments name the folders to run instead of the default ones.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from './postgres-cluster.mjs';

// test/contract: the contract kit; test/package: the built package (it runs `npm run build`);
// test/server: the reference server (issue 14), on PGlite and on one throwaway PostgreSQL cluster
// started here for the whole run (scripts/postgres-cluster.mjs) and stopped at the end.
// Other folders may be named after the summary file (scripts/test.mjs runs test/examples alone).
const folders = process.argv.length > 3 ? process.argv.slice(3) : ['test/node', 'test/contract', 'test/package', 'test/server'];
const files = folders
  .filter((dir) => existsSync(dir))
  .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => join(dir, f)));
const totals = { passed: 0, failed: 0, skipped: 0 };
let postgres = null;
if (files.some((file) => file.startsWith(join('test', 'server')))) {
  try {
    postgres = await startPostgres();
    process.env.VC_TEST_POSTGRES_URL = postgres.url;
  } catch (error) {
    // The server's tests then start (or fail to start) their own and say why.
    console.error(`Could not start PostgreSQL for the server's tests: ${error.message}`);
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    postgres?.stop();
    process.exit(130);
  });
}
// The server's files (test/server) open PGlite — over a minute on a busy machine — and start
// server processes, so they run after the others with a longer per-file limit.
const isServerFile = (file) => file.startsWith(join('test', 'server'));

function runFiles(group, timeout) {
  return new Promise((resolve) => {
    if (group.length === 0) return resolve();
    const stream = run({ files: group, concurrency: 1, timeout });
    stream.on('test:pass', (event) => {
      if (event.details.type === 'suite') return;
      if (event.skip || event.todo) totals.skipped++;
      else totals.passed++;
    });
    stream.on('test:fail', (event) => {
      if (event.details.type !== 'suite') totals.failed++;
    });
    const output = stream.compose(spec);
    output.pipe(process.stdout, { end: false });
    output.on('end', resolve);
  });
}

try {
  // A per-file limit is a safety net against a hang, not a timing goal: the contract kit and the
  // package build take minutes on a loaded two-core machine (issue 16, case 13).
  await runFiles(files.filter((file) => !isServerFile(file)), 10 * 60_000);
  await runFiles(files.filter(isServerFile), 15 * 60_000);
} finally {
  postgres?.stop();
}
if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(totals));
process.exitCode = totals.failed ? 1 : 0;
