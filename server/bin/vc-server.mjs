#!/usr/bin/env node
// The reference clinic server (docs/server.md). Runs its TypeScript through tsx's loader; in a
// checkout of the repository, on the SDK's sources (sdk-source.mjs).
import { register as registerHook } from 'node:module';
import { register } from 'tsx/esm/api';

registerHook('./sdk-source.mjs', import.meta.url);
register();
await import('../src/main.ts');
