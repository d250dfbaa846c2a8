/**
 * Lists that stay fast at clinic scale. Below `VIRTUALIZE_FROM` rows a tag renders every row; from
 * there on only the rows near the viewport (@lit-labs/virtualizer), loaded on first need so that
 * the common short list never downloads it. Until it has loaded, the first rows show.
 * A tag has one such list (in its shadow root, with the class `virtual` while virtualized).
 *
 * A virtualized list is still a list to a screen reader: each rendered row carries `aria-setsize`
 * and `aria-posinset` (`rowAttributes`). Arrow keys, Home and End move between rows (`onKeydown`),
 * rendering the row they go to, so every row is reachable from the keyboard as well as by scrolling.
 */
import { nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { loadOnDemand } from '../../core/load-on-demand.js';

/** From this many rows on, a list renders only what is near the viewport. */
export const VIRTUALIZE_FROM = 100;
/** Rows shown while the virtualizer loads: more than a screenful. */
const FIRST_ROWS = 30;

export type ListMode = 'all' | 'first' | 'virtual';
type VirtualRows = typeof import('./virtual-rows.js');

let virtual: VirtualRows | undefined;
let loading: Promise<VirtualRows> | undefined;
/**
 * The virtualizer could not be loaded (offline, blocked): lists render every row instead (slower
 * at thousands of rows, but complete and usable), and it is asked for again when the browser is
 * back online.
 */
let unavailable = false;
function loadVirtualRows(): Promise<VirtualRows> {
  loading ??= loadOnDemand('elements/internal/virtual-rows', () => import('./virtual-rows.js')).then(
    (module) => (virtual = module),
    (error: unknown) => {
      unavailable = true;
      console.error('[virtual-clinic] could not load the list virtualizer; every row is rendered instead', error);
      window.addEventListener(
        'online',
        () => {
          unavailable = false;
          loading = undefined;
        },
        { once: true },
      );
      throw error;
    },
  );
  return loading;
}

const NAVIGATION_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);
/** Keys in these keep their own meaning (a select's choice, a caret). */
const EDITABLE = new Set(['SELECT', 'INPUT', 'TEXTAREA']);

export class LongListController implements ReactiveController {
  readonly #host: ReactiveElement;
  #connected = false;
  /** The virtualized lists that were in the page when their rows were first asked for. */
  readonly #ready = new WeakSet<Element>();

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostDisconnected(): void {
    this.#connected = false;
  }

  /**
   * The virtualizer finds the box the list scrolls in when it starts, so it must start in a list
   * that is in the page: a new virtualized list renders empty once, and its rows from the next
   * update on (before the browser paints).
   */
  hostUpdated(): void {
    const list = this.#host.renderRoot.querySelector('.virtual');
    if (!list || this.#ready.has(list)) return;
    this.#ready.add(list);
    this.#host.requestUpdate();
  }

  /** How `count` rows render now: every one, the first ones while the virtualizer loads, or virtualized. */
  mode(count: number): ListMode {
    if (count < VIRTUALIZE_FROM) return 'all';
    if (virtual) return 'virtual';
    if (unavailable) return 'all';
    // Meanwhile the first rows show; once loaded (or failed: every row) the list renders again.
    void loadVirtualRows().then(
      () => this.#connected && this.#host.requestUpdate(),
      () => this.#connected && this.#host.requestUpdate(),
    );
    return 'first';
  }

  /** The rows for the list's child part, as `mode` says. `render` gets each item's index in `items`. */
  rows<T>(mode: ListMode, items: readonly T[], key: (item: T) => string, render: (item: T, index: number) => TemplateResult): unknown {
    if (mode === 'virtual' && virtual) {
      const list = this.#host.renderRoot.querySelector('.virtual');
      return list && this.#ready.has(list) ? virtual.virtualRows(items, key, render) : nothing;
    }
    return repeat(mode === 'first' ? items.slice(0, FIRST_ROWS) : items, key, render);
  }

  /**
   * Arrow Down/Up, Home and End on a row (or a button in it) move focus to another row of `list`,
   * rendering it first where the list is virtualized. Rows are the list's children with `data-index`
   * and `tabindex="-1"`.
   */
  onKeydown(event: KeyboardEvent, list: HTMLElement, count: number): void {
    if (!NAVIGATION_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const origin = event.composedPath()[0] as HTMLElement | undefined;
    if (!origin || EDITABLE.has(origin.tagName)) return;
    const row = origin.closest<HTMLElement>('[data-index]');
    if (!row || row.parentElement !== list) return;
    const index = Number(row.dataset['index']);
    const target = event.key === 'Home' ? 0 : event.key === 'End' ? count - 1 : index + (event.key === 'ArrowDown' ? 1 : -1);
    if (target < 0 || target >= count || target === index) return;
    event.preventDefault();
    void this.focusRow(list, target, count);
  }

  /** Renders row `index` (of `count`) of `list` if needed, scrolls it into view and focuses it. */
  async focusRow(list: HTMLElement, index: number, count: number): Promise<HTMLElement | null> {
    const find = () => list.querySelector<HTMLElement>(`:scope > [data-index="${index}"]`);
    let row = find();
    // A virtualized list renders the rows near what is on screen: scroll towards the row until the
    // virtualizer has rendered it (a layout or two), and give up after a second.
    for (let tries = 0; !row && tries < 100; tries++) {
      if (tries % 10 === 0) scrollTowards(list, index, count);
      await new Promise((resolve) => setTimeout(resolve, 10));
      row = find();
    }
    row?.focus();
    return row;
  }
}

/**
 * Scrolls whatever the list scrolls in (a host's box, the page) towards row `index`: to the list's
 * start or end for the first or last row, otherwise past the rendered row nearest to it. (The
 * virtualizer's own `scrollIntoView` of an unrendered row misplaces it inside a scrolled box.)
 */
function scrollTowards(list: HTMLElement, index: number, count: number): void {
  const rows = [...list.children].filter((child): child is HTMLElement => child instanceof HTMLElement && child.dataset['index'] !== undefined);
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (index === 0 || !first || !last) list.scrollIntoView({ block: 'start' });
  else if (index === count - 1) list.scrollIntoView({ block: 'end' });
  else if (index < Number(first.dataset['index'])) first.scrollIntoView({ block: 'end' });
  else last.scrollIntoView({ block: 'start' });
}

/** What a virtualized row tells assistive technology about its place in the whole list. */
export function rowAttributes(mode: ListMode, index: number, count: number): { setsize: number | undefined; posinset: number | undefined } {
  return mode === 'all' ? { setsize: undefined, posinset: undefined } : { setsize: count, posinset: index + 1 };
}
