/**
 * `@virtual-clinic/sdk/request-queue`: importing it registers `<vc-request-queue>` alone, so that
 * a host's bundler ships only this tag's code (issue 15). It also registers `<vc-clinic>` which every page needs (its idle guard loads on
 * demand, when `idle-timeout` is set). Names another copy of the SDK took first are skipped with a
 * warning; for another prefix, import `VcRequestQueue` from the package's main entry and call
 * `defineTags`.
 */
import { VcClinic } from '../elements/clinic/clinic.js';
import { VcRequestQueue } from '../elements/request-queue/request-queue.js';
import { defineTags } from './define-tags.js';

export { VcRequestQueue };

defineTags({
  'vc-request-queue': VcRequestQueue,
  'vc-clinic': VcClinic,
});
