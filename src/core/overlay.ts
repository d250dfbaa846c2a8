/**
 * Optimistic changes, kept apart from the server's truth: the selectors show the truth with the
 * overlay on top, and an action removes its overlay when it ends — so a refused action rolls back
 * visibly to exactly what the server last said.
 */
import { atom } from 'nanostores';
import type { Provider, SessionRequest } from './model.js';

export type OverlayPatch =
  | { kind: 'provider'; id: string; patch: Partial<Pick<Provider, 'available'>> }
  | { kind: 'request'; id: string; patch: Partial<Pick<SessionRequest, 'status' | 'dismissed'>> };

export function createOverlay() {
  const $overlay = atom<Readonly<Record<string, OverlayPatch>>>({});
  return {
    $overlay,
    add(key: string, patch: OverlayPatch): void {
      $overlay.set({ ...$overlay.get(), [key]: patch });
    },
    remove(key: string): void {
      if (!(key in $overlay.get())) return;
      const { [key]: _removed, ...rest } = $overlay.get();
      $overlay.set(rest);
    },
    clear(): void {
      $overlay.set({});
    },
  };
}

export function applyOverlay<T extends { id: string }>(kind: OverlayPatch['kind'], items: Readonly<Record<string, T>>, overlay: Readonly<Record<string, OverlayPatch>>): Readonly<Record<string, T>> {
  let result: Record<string, T> | null = null;
  for (const entry of Object.values(overlay)) {
    if (entry.kind !== kind) continue;
    const item = (result ?? items)[entry.id];
    if (!item) continue;
    result ??= { ...items };
    result[entry.id] = { ...item, ...entry.patch };
  }
  return result ?? items;
}
