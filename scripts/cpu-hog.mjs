// A CPU hog for checking that the suite passes on a busy machine (issue 16, case 13): one busy
// worker thread per core (or `--threads N`), until it is stopped (SIGINT/SIGTERM) or `--seconds N`
// have passed. Each worker spins on arithmetic with no I/O, as a compiler or another test run would.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { threads: { type: 'string' }, seconds: { type: 'string' } },
});
const threads = Number(values.threads ?? availableParallelism());
const seconds = values.seconds === undefined ? Infinity : Number(values.seconds);
if (!Number.isInteger(threads) || threads < 1) throw new Error(`--threads must be a whole number ≥ 1, got ${values.threads}`);
if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got ${values.seconds}`);

const spin = 'let x = 0; for (;;) { for (let i = 0; i < 1e7; i++) x = (x * 31 + i) % 1000003; }';
const workers = Array.from({ length: threads }, () => new Worker(spin, { eval: true }));
console.log(`cpu-hog: ${threads} busy thread(s)${seconds === Infinity ? '' : ` for ${seconds} s`}`);

function stop() {
  for (const worker of workers) void worker.terminate();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
if (seconds !== Infinity) setTimeout(stop, seconds * 1000);
