import { ClinicError } from './clinic-error.js';

/**
 * A payload from the network did not match the contract. `path` names the field (never its value,
 * which may hold patient data).
 */
export class PayloadError extends ClinicError {
  readonly path: string;
  constructor(path: string) {
    super('bad-payload');
    this.name = 'PayloadError';
    this.path = path;
  }
}
