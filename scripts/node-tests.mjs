// Runs the Node tests (node:test) and writes their counts to the file named by the first argument.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const files = readdirSync('test/node').filter((f) => f.endsWith('.test.mjs')).map((f) => join('test/node', f));
const totals = { passed: 0, failed: 0, skipped: 0 };
const stream = run({ files, concurrency: 1, timeout: 60_000 });
stream.on('test:pass', (event) => {
  if (event.details.type === 'suite') return;
  if (event.skip || event.todo) totals.skipped++;
  else totals.passed++;
});
stream.on('test:fail', (event) => {
  if (event.details.type !== 'suite') totals.failed++;
});
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(totals));
  process.exitCode = totals.failed ? 1 : 0;
});
