/**
 * The virtualizer's side of `LongListController`, in a module of its own so that it loads only
 * when a list grows long (@lit-labs/virtualizer weighs about 8 KB gzip).
 */
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { provideResizeObserver } from '@lit-labs/virtualizer/polyfillLoaders/ResizeObserver.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { TemplateResult } from 'lit';

/**
 * The virtualizer measures rows with a ResizeObserver and moves them in the same callback; the
 * browser then reports "ResizeObserver loop completed with undelivered notifications" to the
 * page's `window.onerror`, which is the host's (68 reports with 303 providers; issue 16 case 8).
 * Through the library's own hook, its observers hand their entries over in the next animation
 * frame instead: the rows move before the next paint, outside the observation step, and nothing
 * reaches the host's error handler.
 */
class NextFrameResizeObserver extends ResizeObserver {
  constructor(callback: ResizeObserverCallback) {
    let pending: ResizeObserverEntry[] = [];
    let frame = 0;
    super((entries, observer) => {
      pending.push(...entries);
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const batch = pending;
        pending = [];
        callback(batch, observer);
      });
    });
  }
}
provideResizeObserver(NextFrameResizeObserver);

/** One layout object for every render: a new one each time would make the virtualizer reflow. */
const LAYOUT = flow();

/** Renders only the rows near the viewport; the closest scrolling ancestor (or the page) scrolls. */
export function virtualRows<T>(items: readonly T[], key: (item: T) => string, render: (item: T, index: number) => TemplateResult): unknown {
  return virtualize<T>({ items: items as T[], keyFunction: key, renderItem: render, layout: LAYOUT });
}

