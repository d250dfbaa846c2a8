/**
 * The virtualizer's side of `LongListController`, in a module of its own so that it loads only
 * when a list grows long (@lit-labs/virtualizer weighs about 8 KB gzip).
 */
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { TemplateResult } from 'lit';

/** One layout object for every render: a new one each time would make the virtualizer reflow. */
const LAYOUT = flow();

/** Renders only the rows near the viewport; the closest scrolling ancestor (or the page) scrolls. */
export function virtualRows<T>(items: readonly T[], key: (item: T) => string, render: (item: T, index: number) => TemplateResult): unknown {
  return virtualize<T>({ items: items as T[], keyFunction: key, renderItem: render, layout: LAYOUT });
}

