import { ClinicError } from './clinic-error.js';

/** The server could not be reached, or did not answer in time. */
export class NetworkError extends ClinicError {
  constructor(code: 'network' | 'timeout' = 'network', cause?: unknown) {
    super(code, { retryable: true, cause });
    this.name = 'NetworkError';
  }
}
