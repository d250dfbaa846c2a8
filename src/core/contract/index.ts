/** The wire contract: constants, schemas, types and the client's payload checks (issue 13). */
export * from './constants.js';
export * from './schemas.js';
export type * from './types.js';
export * from './parse.js';
