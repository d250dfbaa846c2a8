#!/usr/bin/env node
// The reference clinic server (docs/server.md). Runs its TypeScript through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
