/**
 * `@virtual-clinic/sdk/requester-dashboard`: importing it registers `<vc-requester-dashboard>`
 * alone, so that a host's bundler ships only this tag's code (issue 15). It also registers the
 * tags it renders (`<vc-connection-status>`, `<vc-decline-notices>`, `<vc-waiting-room>`, `<vc-
 * session-list>`, `<vc-provider-list>`) and `<vc-clinic>` which every page needs (its idle guard loads on
 * demand, when `idle-timeout` is set). Names another copy of the SDK took first are skipped with a warning; for another prefix,
 * import `VcRequesterDashboard` from the package's main entry and call `defineTags` (from the same entry).
 */
import { VcClinic } from '../elements/clinic/clinic.js';
import { VcConnectionStatus } from '../elements/connection-status/connection-status.js';
import { VcDeclineNotices } from '../elements/decline-notices/decline-notices.js';
import { VcProviderList } from '../elements/provider-list/provider-list.js';
import { VcRequesterDashboard } from '../elements/requester-dashboard/requester-dashboard.js';
import { VcSessionList } from '../elements/session-list/session-list.js';
import { VcWaitingRoom } from '../elements/waiting-room/waiting-room.js';
import { defineTags } from './define-tags.js';

export { VcRequesterDashboard };

defineTags({
  'vc-requester-dashboard': VcRequesterDashboard,
  'vc-connection-status': VcConnectionStatus,
  'vc-decline-notices': VcDeclineNotices,
  'vc-waiting-room': VcWaitingRoom,
  'vc-session-list': VcSessionList,
  'vc-provider-list': VcProviderList,
  'vc-clinic': VcClinic,
});
