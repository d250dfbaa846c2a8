/** From stored rows to what the wire carries: the server's own facts stay behind. */
import type { Provider, SessionRequest } from '../core/contract/types.js';
import type { ProviderRow, RequestRow } from './types.js';

export function toWireProvider(row: ProviderRow): Provider {
  const { accountId: _accountId, ...provider } = row;
  return { ...provider };
}

export function toWireRequest(row: RequestRow): SessionRequest {
  const { visibleToProvider: _visible, ...request } = row;
  return { ...request };
}

export function iso(now: number): string {
  return new Date(now).toISOString();
}
