/**
 * The moments a live connection is likely to have died unnoticed: the network came back, the tab
 * became visible again, or the machine slept (timers stall, so a late tick gives it away). Uses
 * only `globalThis` events, and does nothing where there is no such target (Node, workers).
 */
import type { Clock } from './clock.js';

const TICK_MS = 5_000;
/** A tick this late means the machine (or the tab) was suspended. */
const SLEEP_THRESHOLD_MS = 3 * TICK_MS;

export function watchWakeSignals(clock: Clock, handlers: { wake(): void; offline(): void }): () => void {
  const target = globalThis as unknown as Partial<EventTarget> & { document?: { visibilityState?: string } };
  if (typeof target.addEventListener !== 'function') return () => {};

  const onOnline = () => handlers.wake();
  const onOffline = () => handlers.offline();
  const onVisibility = () => {
    if (target.document?.visibilityState === 'visible') handlers.wake();
  };
  target.addEventListener('online', onOnline);
  target.addEventListener('offline', onOffline);
  target.document && (target.document as unknown as EventTarget).addEventListener('visibilitychange', onVisibility);

  let last = clock.now();
  let timer: unknown;
  const tick = () => {
    const now = clock.now();
    if (now - last > SLEEP_THRESHOLD_MS) handlers.wake();
    last = now;
    timer = clock.setTimeout(tick, TICK_MS);
  };
  timer = clock.setTimeout(tick, TICK_MS);

  return () => {
    target.removeEventListener!('online', onOnline);
    target.removeEventListener!('offline', onOffline);
    target.document && (target.document as unknown as EventTarget).removeEventListener('visibilitychange', onVisibility);
    clock.clearTimeout(timer);
  };
}
