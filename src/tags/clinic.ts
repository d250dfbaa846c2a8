/**
 * `@virtual-clinic/sdk/clinic`: importing it registers `<vc-clinic>` alone, so that a host's
 * bundler ships only this tag's code (issue 15). Its idle guard loads on demand, when `idle-timeout` is set.
 * Names another copy of the SDK took first are skipped with a warning; for another prefix, import
 * `VcClinic` from the package's main entry and call `defineTags` (from the same entry).
 */
import { VcClinic } from '../elements/clinic/clinic.js';
import { defineTags } from './define-tags.js';

export { VcClinic };

defineTags({
  'vc-clinic': VcClinic,
});
