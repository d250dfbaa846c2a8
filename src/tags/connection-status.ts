/**
 * `@virtual-clinic/sdk/connection-status`: importing it registers `<vc-connection-status>` alone,
 * so that a host's bundler ships only this tag's code (issue 15). It also registers `<vc-clinic>`
 * which every page needs (its idle guard loads on
 * demand, when `idle-timeout` is set). Names another copy of the SDK took first are
 * skipped with a warning; for another prefix, import `VcConnectionStatus` from the package's main
 * entry and call `defineTags` (from the same entry).
 */
import { VcClinic } from '../elements/clinic/clinic.js';
import { VcConnectionStatus } from '../elements/connection-status/connection-status.js';
import { defineTags } from './define-tags.js';

export { VcConnectionStatus };

defineTags({
  'vc-connection-status': VcConnectionStatus,
  'vc-clinic': VcClinic,
});
