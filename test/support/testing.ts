/**
 * `@open-wc/testing` as the tests see it: everything it exports, with a `waitUntil` whose timeout
 * suits a busy two-core CI machine. The test runner maps every test file's
 * `import … from '@open-wc/testing'` to this file (`patientTestingPlugin` in
 * scripts/dev-plugins.mjs), so tests keep the familiar import.
 *
 * Why: open-wc's `waitUntil` gives up after 1 s by default, which is a fixed time in disguise: on a
 * loaded machine a condition that holds after 1.2 s fails the test. Tests wait for conditions; how
 * long they may wait is a safety net, not an assertion (timing goals live in `npm run bench`).
 * A passing condition still resolves at once, so this costs nothing when the machine is idle.
 */
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

export * from '@open-wc/testing';

/** How long `waitUntil` may wait for its condition, in ms, at the least (issue 16, case 13). */
export const WAIT_TIMEOUT_MS = 20_000;

type Predicate = () => unknown | Promise<unknown>;

/**
 * Resolves once `predicate` returns a truthy value; rejects with `message` after
 * `max(options.timeout, WAIT_TIMEOUT_MS)` ms. `options.interval` (ms) is kept as given.
 */
export function waitUntil(predicate: Predicate, message?: string, options: { interval?: number; timeout?: number } = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { ...options, timeout: Math.max(options.timeout ?? 0, WAIT_TIMEOUT_MS) });
}

/**
 * A failed assertion whose `actual` or `expected` is a DOM node (or anything else the browser
 * cannot `structuredClone`) would never reach the runner: it sends each error over a WebSocket,
 * cloning fails, and the whole file hangs until `testsFinishTimeout` (modernweb-dev/web#2967,
 * open-wc/open-wc#2880). Before results are sent, every failed test's values are replaced by a
 * readable text that can be cloned: the failure is reported in seconds, with its diff.
 */
function cloneable(value: unknown): unknown {
  try {
    structuredClone(value);
    return value;
  } catch {
    return readable(value);
  }
}

function readable(value: unknown): string {
  if (value instanceof Element) return value.outerHTML.length > 400 ? `${value.outerHTML.slice(0, 400)}…` : value.outerHTML;
  if (value instanceof Node) return `${value.nodeName}: ${(value.textContent ?? '').slice(0, 200)}`;
  try {
    return JSON.stringify(value, (_key, inner) => (inner instanceof Node ? readable(inner) : inner), 2) ?? String(value);
  } catch {
    return String(value);
  }
}

afterEach(function makeFailureReportable(this: Mocha.Context) {
  const error = this.currentTest?.err as (Error & { actual?: unknown; expected?: unknown }) | undefined;
  if (!error) return;
  if ('actual' in error) error.actual = cloneable(error.actual);
  if ('expected' in error) error.expected = cloneable(error.expected);
});
