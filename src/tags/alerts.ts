/**
 * `@virtual-clinic/sdk/alerts`: importing it registers `<vc-alerts>` alone, so that a host's
 * bundler ships only this tag's code (issue 15). It also registers `<vc-clinic>` which every page needs (its idle guard loads on
 * demand, when `idle-timeout` is set). Names another copy of the SDK took first are skipped with a
 * warning; for another prefix, import `VcAlerts` from the package's main entry and call
 * `defineTags`.
 */
import { VcAlerts } from '../elements/alerts/alerts.js';
import { VcClinic } from '../elements/clinic/clinic.js';
import { defineTags } from './define-tags.js';

export { VcAlerts };

defineTags({
  'vc-alerts': VcAlerts,
  'vc-clinic': VcClinic,
});
