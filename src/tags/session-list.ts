/**
 * `@virtual-clinic/sdk/session-list`: importing it registers `<vc-session-list>` alone, so that a
 * host's bundler ships only this tag's code (issue 15). It also registers `<vc-clinic>` which every page needs (its idle guard loads on
 * demand, when `idle-timeout` is set). Names another copy of the SDK took first are skipped with a
 * warning; for another prefix, import `VcSessionList` from the package's main entry and call
 * `defineTags`.
 */
import { VcClinic } from '../elements/clinic/clinic.js';
import { VcSessionList } from '../elements/session-list/session-list.js';
import { defineTags } from './define-tags.js';

export { VcSessionList };

defineTags({
  'vc-session-list': VcSessionList,
  'vc-clinic': VcClinic,
});
