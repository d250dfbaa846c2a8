/** An answer with a contract error (`{ "error": { "code", "message" } }`, docs/http-contract.md). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** The contract's answer when the database is away: retry shortly, nothing was changed. */
export function unavailable(): ApiError {
  return new ApiError(503, 'server-error', 'The clinic database is unavailable; nothing was changed. Try again shortly.', { 'Retry-After': '2' });
}
