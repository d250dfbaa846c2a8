/**
 * `@virtual-clinic/sdk/provider-list`: importing it registers `<vc-provider-list>` alone, so that
 * a host's bundler ships only this tag's code (issue 15). It also registers `<vc-clinic>` which every page needs (its idle guard loads on
 * demand, when `idle-timeout` is set). Names another copy of the SDK took first are skipped with a
 * warning; for another prefix, import `VcProviderList` from the package's main entry and call
 * `defineTags`.
 */
import { VcClinic } from '../elements/clinic/clinic.js';
import { VcProviderList } from '../elements/provider-list/provider-list.js';
import { defineTags } from './define-tags.js';

export { VcProviderList };

defineTags({
  'vc-provider-list': VcProviderList,
  'vc-clinic': VcClinic,
});
