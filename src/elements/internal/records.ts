/**
 * A tag's state per item (errors, drafts, choices by id) is a record replaced, never changed in
 * place, so that Lit sees the change by identity. These give the same record back when nothing
 * changes, so that a click that clears no error asks for no render.
 */

/** `record` without `keys`; the same record when it has none of them. */
export function without<V>(record: Readonly<Record<string, V>>, ...keys: string[]): Readonly<Record<string, V>> {
  if (!keys.some((key) => Object.hasOwn(record, key))) return record;
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** `record` with `key` set to `value`, or without it for `null`; the same record when that is what it holds. */
export function withEntry<V>(record: Readonly<Record<string, V>>, key: string, value: V | null): Readonly<Record<string, V>> {
  if (value === null) return without(record, key);
  if (Object.hasOwn(record, key) && record[key] === value) return record;
  return { ...record, [key]: value };
}
