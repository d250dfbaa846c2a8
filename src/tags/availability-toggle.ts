/**
 * `@virtual-clinic/sdk/availability-toggle`: importing it registers `<vc-availability-toggle>`
 * alone, so that a host's bundler ships only this tag's code (issue 15). It also registers `<vc-
 * clinic>` which every page needs (its idle guard loads on
 * demand, when `idle-timeout` is set). Names another copy of the SDK took first
 * are skipped with a warning; for another prefix, import `VcAvailabilityToggle` from the package's
 * main entry and call `defineTags` (from the same entry).
 */
import { VcAvailabilityToggle } from '../elements/availability-toggle/availability-toggle.js';
import { VcClinic } from '../elements/clinic/clinic.js';
import { defineTags } from './define-tags.js';

export { VcAvailabilityToggle };

defineTags({
  'vc-availability-toggle': VcAvailabilityToggle,
  'vc-clinic': VcClinic,
});
