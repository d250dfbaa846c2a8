import { createContext } from '@lit/context';
import type { Clinic } from '../../core/clinic.js';

/**
 * The clinic every tag inside a <vc-clinic> reads. The key is global (Symbol.for), so that tags of
 * a second copy of the SDK on the page still find their root.
 */
export const clinicContext = createContext<Clinic | undefined>(Symbol.for('virtual-clinic.clinic.v1'));
