/**
 * `@virtual-clinic/sdk/waiting-room`: importing it registers `<vc-waiting-room>` alone, so that a
 * host's bundler ships only this tag's code (issue 15). It also registers `<vc-clinic>` with its
 * idle guard, which every page needs. Names another copy of the SDK took first are skipped with a
 * warning; for another prefix, import `VcWaitingRoom` from the package's main entry and call
 * `defineTags`.
 */
import { VcClinic } from '../elements/clinic/clinic.js';
import { VcIdleGuard } from '../elements/idle-guard/idle-guard.js';
import { VcWaitingRoom } from '../elements/waiting-room/waiting-room.js';
import { defineTags } from './define-tags.js';

export { VcWaitingRoom };

defineTags({
  'vc-waiting-room': VcWaitingRoom,
  'vc-clinic': VcClinic,
  'vc-idle-guard': VcIdleGuard,
});
