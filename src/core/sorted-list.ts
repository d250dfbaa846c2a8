/**
 * A list kept in order by in-place edits: finding an item's place is a binary search (O(log n)
 * comparisons), so one live event never re-sorts a list of 10,000 (issue 15). The comparison must
 * be total (ties broken by id) so that each item has exactly one place.
 */

export type Compare<T> = (a: T, b: T) => number;

/** The first index whose item is not before `item`. */
function lowerBound<T>(list: readonly T[], item: T, compare: Compare<T>): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle]!, item) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Where `item` (matched by id) sits in `list`, or -1. */
export function indexOfSorted<T extends { id: string }>(list: readonly T[], item: T, compare: Compare<T>): number {
  const index = lowerBound(list, item, compare);
  if (list[index]?.id === item.id) return index;
  // Only if the list was ordered by values that have changed since: look everywhere.
  return list.findIndex((other) => other.id === item.id);
}

export function insertSorted<T>(list: T[], item: T, compare: Compare<T>): void {
  list.splice(lowerBound(list, item, compare), 0, item);
}

/** Removes `item` (matched by id); false when it was not there. */
export function removeSorted<T extends { id: string }>(list: T[], item: T, compare: Compare<T>): boolean {
  const index = indexOfSorted(list, item, compare);
  if (index < 0) return false;
  list.splice(index, 1);
  return true;
}

/** `a` before `b` by id: the tie-break that makes an order total. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
