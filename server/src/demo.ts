/**
 * `--demo`: the mock's demo directory (mock-server/seed.js — the README's demo accounts) and its
 * bearer tokens. They exist only in demo mode; a production node signs in with JWTs alone.
 */
import { SEED } from '../../mock-server/seed.js';
import type { DirectoryFile } from './db/directory.js';

export function demoDirectory(): { directory: DirectoryFile; tokens: Record<string, string> } {
  return {
    directory: { accounts: structuredClone(SEED.accounts), users: structuredClone(SEED.users) },
    tokens: { ...SEED.tokens },
  };
}
