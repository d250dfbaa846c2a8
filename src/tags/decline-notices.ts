/**
 * `@virtual-clinic/sdk/decline-notices`: importing it registers `<vc-decline-notices>` alone, so
 * that a host's bundler ships only this tag's code (issue 15). It also registers `<vc-clinic>`
 * which every page needs (its idle guard loads on
 * demand, when `idle-timeout` is set). Names another copy of the SDK took first are
 * skipped with a warning; for another prefix, import `VcDeclineNotices` from the package's main
 * entry and call `defineTags` (from the same entry).
 */
import { VcClinic } from '../elements/clinic/clinic.js';
import { VcDeclineNotices } from '../elements/decline-notices/decline-notices.js';
import { defineTags } from './define-tags.js';

export { VcDeclineNotices };

defineTags({
  'vc-decline-notices': VcDeclineNotices,
  'vc-clinic': VcClinic,
});
