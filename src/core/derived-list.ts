/**
 * One of the lists the tags show (providers by name, requests newest first …), kept up to date by
 * edits in place instead of being filtered and sorted again from the whole state on each change:
 * one live event costs the core O(log n) comparisons at any size (issue 15).
 *
 * What the store hands out is still an array that never changes: a copy of the list, made when
 * someone first reads the store after a change (a plain memory copy, no comparisons), so that a
 * reader may keep it, compare it with the last one, or act while iterating over it.
 */
import { atom, type ReadableAtom } from 'nanostores';
import { indexOfSorted, insertSorted, removeSorted, type Compare } from './sorted-list.js';

/** One entity before and after a change; `undefined` where it did not exist (or no longer does). */
export interface Change<T> {
  before: T | undefined;
  after: T | undefined;
}

/** Past this many changes at once (and a quarter of the list), sorting everything again is cheaper. */
const REBUILD_FROM = 64;

export class DerivedList<T extends { id: string }> {
  /** The list, edited in place. */
  #items: T[] = [];
  /** The copy readers got since the last change (null: none yet). */
  #snapshot: readonly T[] | null = null;
  #changed = false;
  readonly #store = atom<T[]>([]);
  /** The list as readers see it: a new array after each change. */
  readonly $items: ReadableAtom<T[]> = this.#store;

  /**
   * @param source every candidate item, for a full derivation
   * @param belongs whether an item is in the list
   * @param compare the list's order; must be total (ties broken by id)
   */
  constructor(
    private readonly source: () => Iterable<T>,
    private readonly belongs: (item: T) => boolean,
    private readonly compare: Compare<T>,
  ) {
    // nanostores reads `value` for `get()` and for each listener call: the copy is made there.
    Object.defineProperty(this.#store, 'value', {
      get: () => (this.#snapshot ??= this.#items.slice()),
      set: () => {},
    });
  }

  /** Derives the list from scratch; notifies on `flush()`. */
  rebuild(): void {
    const items: T[] = [];
    for (const item of this.source()) if (this.belongs(item)) items.push(item);
    items.sort(this.compare);
    this.#items = items;
    this.#changed = true;
  }

  /** Takes these changes in, in place (or from scratch when there are many); notifies on `flush()`. */
  apply(changes: readonly Change<T>[]): void {
    if (changes.length > REBUILD_FROM && changes.length * 4 > this.#items.length) {
      this.rebuild();
      return;
    }
    for (const { before, after } of changes) if (this.#applyOne(before, after)) this.#changed = true;
  }

  /** Tells the listeners about the changes since the last flush. */
  flush(): void {
    if (!this.#changed) return;
    this.#changed = false;
    const previous = this.#snapshot ?? undefined;
    this.#snapshot = null;
    this.#store.notify(previous as T[] | undefined);
  }

  #applyOne(before: T | undefined, after: T | undefined): boolean {
    const items = this.#items;
    const was = before !== undefined && this.belongs(before);
    const is = after !== undefined && this.belongs(after);
    if (was && is && this.compare(before, after) === 0) {
      // Same place (the fields that order the list did not change): swap the item.
      const index = indexOfSorted(items, before, this.compare);
      if (index >= 0) {
        items[index] = after;
        return true;
      }
    }
    let changed = false;
    if (was) changed = removeSorted(items, before, this.compare);
    if (is) {
      insertSorted(items, after, this.compare);
      changed = true;
    }
    return changed;
  }
}
