/**
 * How the SDK's own tags fire a public event by name. Internal: not exported from the package
 * entry, so that no page gets a helper to forge the SDK's events (a page that builds an event
 * class itself only fools its own listeners).
 */
import { VC_EVENTS, type VcEventDetails, type VcEventName } from './events.js';

/** Fires the public event `name` from `target`; false when a host vetoed an intent. */
export function fireVcEvent<K extends VcEventName>(target: EventTarget, name: K, detail: VcEventDetails[K]): boolean {
  const EventClass = VC_EVENTS[name] as unknown as new (detail: VcEventDetails[K]) => Event;
  return target.dispatchEvent(new EventClass(detail));
}
