// Runs the Node tests (node:test) and writes their counts to the file named by the first argument.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// test/contract: the contract kit; test/package: the built package (it runs `npm run build`).
const files = ['test/node', 'test/contract', 'test/package']
  .filter((dir) => existsSync(dir))
  .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => join(dir, f)));
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
