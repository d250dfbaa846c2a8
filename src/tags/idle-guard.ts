/**
 * `@virtual-clinic/sdk/idle-guard`: importing it registers `<vc-idle-guard>` alone, so that a
 * host's bundler ships only this tag's code (issue 15). It also registers `<vc-clinic>`, which
 * every page needs. Names another copy of the SDK took first are skipped with a warning; for
 * another prefix, import `VcIdleGuard` from the package's main entry and call `defineTags` (from the same entry).
 */
import { VcClinic } from '../elements/clinic/clinic.js';
import { VcIdleGuard } from '../elements/idle-guard/idle-guard.js';
import { defineTags } from './define-tags.js';

export { VcIdleGuard };

defineTags({
  'vc-idle-guard': VcIdleGuard,
  'vc-clinic': VcClinic,
});
