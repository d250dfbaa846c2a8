/**
 * `@virtual-clinic/sdk/waiting-room`: importing it registers `<vc-waiting-room>` alone, so that a
 * host's bundler ships only this tag's code (issue 15). It also registers `<vc-clinic>` which every page needs (its idle guard loads on
 * demand, when `idle-timeout` is set). Names another copy of the SDK took first are skipped with a
 * warning; for another prefix, import `VcWaitingRoom` from the package's main entry and call
 * `defineTags`.
 */
import { VcClinic } from '../elements/clinic/clinic.js';
import { VcWaitingRoom } from '../elements/waiting-room/waiting-room.js';
import { defineTags } from './define-tags.js';

export { VcWaitingRoom };

defineTags({
  'vc-waiting-room': VcWaitingRoom,
  'vc-clinic': VcClinic,
});
