/**
 * Optimistic changes, kept apart from the server's truth: the selectors show the truth with the
 * overlay on top, and an action removes its overlay when it ends — so a refused action rolls back
 * visibly to exactly what the server last said.
 */
import { atom, batch } from 'nanostores';
import type { Provider, SessionRequest } from './model.js';

export type OverlayPatch =
  | { kind: 'provider'; id: string; patch: Partial<Pick<Provider, 'available'>> }
  | { kind: 'request'; id: string; patch: Partial<Pick<SessionRequest, 'status' | 'dismissed'>> };

export function createOverlay() {
  const $overlay = atom<Readonly<Record<string, OverlayPatch>>>({});
  const listeners: Array<(patches: readonly OverlayPatch[]) => void> = [];
  /** Sets the overlay and tells the views which entities it touched, in one batch. */
  const change = (next: Readonly<Record<string, OverlayPatch>>, touched: readonly OverlayPatch[]) =>
    batch(() => {
      $overlay.set(next);
      for (const listener of listeners) listener(touched);
    });
  return {
    $overlay,
    add(key: string, patch: OverlayPatch): void {
      const previous = $overlay.get()[key];
      change({ ...$overlay.get(), [key]: patch }, previous ? [previous, patch] : [patch]);
    },
    remove(key: string): void {
      const { [key]: removed, ...rest } = $overlay.get();
      if (removed) change(rest, [removed]);
    },
    clear(): void {
      const all = Object.values($overlay.get());
      if (all.length) change({}, all);
    },
    /** `listener` hears of the patches added or removed (the derived lists apply them, see clinic-state.ts). */
    onPatched(listener: (patches: readonly OverlayPatch[]) => void): void {
      listeners.push(listener);
    },
  };
}

export type Overlay = ReturnType<typeof createOverlay>;
