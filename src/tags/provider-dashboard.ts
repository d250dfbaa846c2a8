/**
 * `@virtual-clinic/sdk/provider-dashboard`: importing it registers `<vc-provider-dashboard>`
 * alone, so that a host's bundler ships only this tag's code (issue 15). It also registers the
 * tags it renders (`<vc-availability-toggle>`, `<vc-connection-status>`, `<vc-alerts>`, `<vc-
 * request-queue>`, `<vc-waiting-room>`, `<vc-session-list>`) and `<vc-clinic>` which every page needs (its idle guard loads on
 * demand, when `idle-timeout` is set). Names another copy of the SDK took first are skipped with a
 * warning; for another prefix, import `VcProviderDashboard` from the package's main entry and call
 * `defineTags`.
 */
import { VcAlerts } from '../elements/alerts/alerts.js';
import { VcAvailabilityToggle } from '../elements/availability-toggle/availability-toggle.js';
import { VcClinic } from '../elements/clinic/clinic.js';
import { VcConnectionStatus } from '../elements/connection-status/connection-status.js';
import { VcProviderDashboard } from '../elements/provider-dashboard/provider-dashboard.js';
import { VcRequestQueue } from '../elements/request-queue/request-queue.js';
import { VcSessionList } from '../elements/session-list/session-list.js';
import { VcWaitingRoom } from '../elements/waiting-room/waiting-room.js';
import { defineTags } from './define-tags.js';

export { VcProviderDashboard };

defineTags({
  'vc-provider-dashboard': VcProviderDashboard,
  'vc-availability-toggle': VcAvailabilityToggle,
  'vc-connection-status': VcConnectionStatus,
  'vc-alerts': VcAlerts,
  'vc-request-queue': VcRequestQueue,
  'vc-waiting-room': VcWaitingRoom,
  'vc-session-list': VcSessionList,
  'vc-clinic': VcClinic,
});
