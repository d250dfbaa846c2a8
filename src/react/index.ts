/**
 * The `@virtual-clinic/sdk/react` entry: a React component per tag (made with `@lit/react`), with
 * typed `onVc…` props for the `vc-*` events, and JSX types for the raw tags. Importing it
 * registers the `vc-*` tags. Needs `@lit/react` and `react` (17, 18 or 19) in the host app: both are
 * optional peer dependencies, so that a page without React installs nothing of it (issue 19.9).
 *
 *   <VcClinic baseUrl="/api" getToken={() => token}>
 *     <VcProviderDashboard onVcRequestAccepted={(e) => log(e.detail.sessionId)} />
 *   </VcClinic>
 */
import { createComponent, type EventName, type WebComponentProps } from '@lit/react';
import * as React from 'react';
import '../define.js';
import type { VcEvent, VcEventName } from '../events/events.js';
import { EVENTS_OF_TAG } from './events.js';
import type { VcTagName } from '../elements/tags.js';
import {
  VcAlerts as AlertsElement,
  VcAvailabilityToggle as AvailabilityToggleElement,
  VcClinic as ClinicElement,
  VcConnectionStatus as ConnectionStatusElement,
  VcDeclineNotices as DeclineNoticesElement,
  VcIdleGuard as IdleGuardElement,
  VcProviderDashboard as ProviderDashboardElement,
  VcProviderList as ProviderListElement,
  VcRequesterDashboard as RequesterDashboardElement,
  VcRequestQueue as RequestQueueElement,
  VcSessionList as SessionListElement,
  VcWaitingRoom as WaitingRoomElement,
} from '../index.js';

/** `vc-request-accepted` → `onVcRequestAccepted`. */
export type VcEventProp<K extends VcEventName> = K extends `vc-${infer Rest}` ? `onVc${PascalCase<Rest>}` : never;
type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

type EventProps<K extends VcEventName> = { [N in K as VcEventProp<N>]: EventName<VcEvent<N>> };

function eventProps<const K extends VcEventName>(names: readonly K[]): EventProps<K> {
  const props: Record<string, string> = {};
  for (const name of names) {
    const prop = `onVc${name.slice(3).replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}`;
    props[prop] = name;
  }
  return props as EventProps<K>;
}

export const VcClinic = createComponent({ react: React, tagName: 'vc-clinic', elementClass: ClinicElement, events: eventProps(EVENTS_OF_TAG['vc-clinic']) });
export const VcRequesterDashboard = createComponent({
  react: React,
  tagName: 'vc-requester-dashboard',
  elementClass: RequesterDashboardElement,
  events: eventProps(EVENTS_OF_TAG['vc-requester-dashboard']),
});
export const VcProviderDashboard = createComponent({
  react: React,
  tagName: 'vc-provider-dashboard',
  elementClass: ProviderDashboardElement,
  events: eventProps(EVENTS_OF_TAG['vc-provider-dashboard']),
});
export const VcProviderList = createComponent({
  react: React,
  tagName: 'vc-provider-list',
  elementClass: ProviderListElement,
  events: eventProps(EVENTS_OF_TAG['vc-provider-list']),
});
export const VcDeclineNotices = createComponent({
  react: React,
  tagName: 'vc-decline-notices',
  elementClass: DeclineNoticesElement,
  events: eventProps(EVENTS_OF_TAG['vc-decline-notices']),
});
export const VcRequestQueue = createComponent({
  react: React,
  tagName: 'vc-request-queue',
  elementClass: RequestQueueElement,
  events: eventProps(EVENTS_OF_TAG['vc-request-queue']),
});
export const VcAvailabilityToggle = createComponent({
  react: React,
  tagName: 'vc-availability-toggle',
  elementClass: AvailabilityToggleElement,
  events: eventProps(EVENTS_OF_TAG['vc-availability-toggle']),
});
export const VcAlerts = createComponent({
  react: React,
  tagName: 'vc-alerts',
  elementClass: AlertsElement,
  events: eventProps(EVENTS_OF_TAG['vc-alerts']),
});
export const VcSessionList = createComponent({
  react: React,
  tagName: 'vc-session-list',
  elementClass: SessionListElement,
  events: eventProps(EVENTS_OF_TAG['vc-session-list']),
});
export const VcWaitingRoom = createComponent({
  react: React,
  tagName: 'vc-waiting-room',
  elementClass: WaitingRoomElement,
  events: eventProps(EVENTS_OF_TAG['vc-waiting-room']),
});
export const VcConnectionStatus = createComponent({
  react: React,
  tagName: 'vc-connection-status',
  elementClass: ConnectionStatusElement,
  events: eventProps(EVENTS_OF_TAG['vc-connection-status']),
});
export const VcIdleGuard = createComponent({
  react: React,
  tagName: 'vc-idle-guard',
  elementClass: IdleGuardElement,
  events: eventProps(EVENTS_OF_TAG['vc-idle-guard']),
});

/** The wrapper of each tag, by tag name (what the tests check against the tag list). */
export const REACT_COMPONENTS = {
  'vc-clinic': VcClinic,
  'vc-requester-dashboard': VcRequesterDashboard,
  'vc-provider-dashboard': VcProviderDashboard,
  'vc-provider-list': VcProviderList,
  'vc-decline-notices': VcDeclineNotices,
  'vc-request-queue': VcRequestQueue,
  'vc-availability-toggle': VcAvailabilityToggle,
  'vc-session-list': VcSessionList,
  'vc-waiting-room': VcWaitingRoom,
  'vc-connection-status': VcConnectionStatus,
  'vc-idle-guard': VcIdleGuard,
  'vc-alerts': VcAlerts,
} satisfies Record<VcTagName, unknown>;

/** The raw tags in JSX (`<vc-provider-list heading="…" />`), typed from the element classes. */
export type VcIntrinsicElements = { [K in VcTagName]: WebComponentProps<HTMLElementTagNameMap[K]> };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-interface
    interface IntrinsicElements extends VcIntrinsicElements {}
  }
}
