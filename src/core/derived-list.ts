/**
 * One of the lists the tags show (providers by name, requests newest first …), kept up to date by
 * edits in place instead of being filtered and sorted again from the whole state on each change:
 * one live event costs O(log n) comparisons at any size (issue 15). The store's value is the same
 * array throughout, changed in place; each change notifies the store's listeners.
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
  readonly #items = atom<T[]>([]);
  /** The list; the array is edited in place (copy it to keep a moment's state). */
  readonly $items: ReadableAtom<T[]> = this.#items;
  #changed = false;

  /**
   * @param source every candidate item, for a full derivation
   * @param belongs whether an item is in the list
   * @param compare the list's order; must be total (ties broken by id)
   */
  constructor(
    private readonly source: () => Iterable<T>,
    private readonly belongs: (item: T) => boolean,
    private readonly compare: Compare<T>,
  ) {}

  /** Derives the list from scratch (a new array). */
  rebuild(): void {
    const items: T[] = [];
    for (const item of this.source()) if (this.belongs(item)) items.push(item);
    items.sort(this.compare);
    this.#items.set(items);
  }

  /** Takes these changes in, in place (or from scratch when there are many); notifies on `flush()`. */
  apply(changes: readonly Change<T>[]): void {
    const items = this.#items.value!;
    if (changes.length > REBUILD_FROM && changes.length * 4 > items.length) {
      this.rebuild();
      return;
    }
    for (const { before, after } of changes) if (this.#applyOne(items, before, after)) this.#changed = true;
  }

  /** Tells the listeners about the changes `apply` made in place. */
  flush(): void {
    if (!this.#changed) return;
    this.#changed = false;
    this.#items.notify();
  }

  #applyOne(items: T[], before: T | undefined, after: T | undefined): boolean {
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
