/**
 * The `@virtual-clinic/sdk/transports/http` entry: the HTTP transport of docs/openapi.yaml. Its
 * own entry so that a host with its own transport never loads it (nor the stream's SSE parser); `<vc-clinic
 * base-url>` loads this module on demand.
 */
export { HttpTransport, type HttpTransportOptions } from './http-transport.js';
