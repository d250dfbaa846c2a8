/** The mock's answers in the Fetch API: JSON bodies, the contract's error body, checked input. */
import * as v from 'valibot';
import { STATUS_OF_ERROR, type ServerErrorCode } from '../src/core/contract/constants.js';
import { issuePath } from '../src/core/contract/parse.js';

const NO_STORE = 'no-store';

/** An answer with an error status and a code of the contract. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ServerErrorCode;
  readonly headers: Record<string, string>;
  constructor(code: ServerErrorCode, message: string, headers: Record<string, string> = {}, status: number = STATUS_OF_ERROR[code]) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export function jsonResponse(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': NO_STORE, ...headers },
  });
}

export function errorBody(code: ServerErrorCode, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** The body checked against a command's schema (src/core/contract/schemas.ts), or a 400 naming the field. */
export function parseBody<S extends v.GenericSchema>(schema: S, text: string): v.InferOutput<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('invalid-input', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError('invalid-input', 'The body must be a JSON object.');
  }
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (!result.success) {
    const field = issuePath('', result.issues).replace(/^\./, '');
    throw new ApiError('invalid-input', `The field "${field}" is missing or not valid.`);
  }
  return result.output;
}

export { NO_STORE };
