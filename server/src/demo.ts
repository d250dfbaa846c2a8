/**
 * `--demo`: the demo directory and its bearer tokens (the mock's seed, the README's demo accounts),
 * the demo page of the SDK served under `/demo/` talking to this server's own `/api`, and the demo's
 * `POST /api/reset`. None of it exists without `--demo`: a production node signs in with JWTs alone.
 *
 * Where they come from: in a checkout of the repository they are read from `mock-server/seed.ts`
 * and the page is built from `demo/` by the repository's `scripts/build-demo.mjs` on its first
 * request, into a temporary folder removed at stop; a packed server (`npm pack -w server`) carries
 * them prebuilt in `demo-page/` (written by `server/scripts/build-demo-page.mjs` at `prepack`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DirectoryFile } from './db/directory.js';

/** The part of the mock's seed (mock-server/seed.ts, or demo-page/seed.json) the server uses. */
export interface DemoSeed {
  accounts: DirectoryFile['accounts'];
  users: DirectoryFile['users'];
  /** Account id → the other accounts whose providers its requesters may reach (tenancy). */
  reach?: Record<string, string[]>;
  /** Bearer token → user id. */
  tokens: Record<string, string>;
  resetToken?: string;
}

export interface Demo {
  directory: DirectoryFile;
  /** Bearer token → user id. */
  tokens: Record<string, string>;
  /** The bearer token of `POST /api/reset` (null: no reset). */
  resetToken: string | null;
  /** The folder holding the built page (index.html, demo.js …); built on the first call. */
  pageFolder(): Promise<string>;
  /** Removes a page built into a temporary folder. */
  dispose(): void;
}

const PACKED = fileURLToPath(new URL('../demo-page/', import.meta.url));
const REPOSITORY = new URL('../../', import.meta.url);

export async function loadDemo(): Promise<Demo> {
  const builder = new URL('scripts/build-demo.mjs', REPOSITORY);
  // A checkout builds the page of its own demo/ (a demo-page/ left by `npm pack` may be older).
  if (!existsSync(fileURLToPath(builder))) {
    if (!existsSync(join(PACKED, 'seed.json'))) throw new Error('--demo: the demo page is not packed with this server (demo-page/seed.json is missing).');
    const seed = JSON.parse(readFileSync(join(PACKED, 'seed.json'), 'utf8')) as DemoSeed;
    return demoOf(seed, async () => PACKED, () => {});
  }
  const { SEED } = (await import(new URL('mock-server/seed.ts', REPOSITORY).href)) as { SEED: DemoSeed };
  let built: Promise<string> | null = null;
  let folder: string | null = null;
  return demoOf(
    SEED,
    () =>
      (built ??= (async () => {
        const { buildDemo } = (await import(builder.href)) as { buildDemo(out: string): Promise<string> };
        folder = mkdtempSync(join(tmpdir(), 'vc-server-demo-'));
        return buildDemo(folder);
      })()),
    () => {
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  );
}

function demoOf(seed: DemoSeed, pageFolder: () => Promise<string>, dispose: () => void): Demo {
  return {
    directory: { accounts: structuredClone(seed.accounts), users: structuredClone(seed.users), reach: structuredClone(seed.reach ?? {}) },
    tokens: { ...seed.tokens },
    resetToken: seed.resetToken ?? null,
    pageFolder,
    dispose,
  };
}

/** The page's files (a fixed list, nothing else of the folder is served) and their types. */
export const DEMO_FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'demo.js': 'text/javascript; charset=utf-8',
  'demo.js.map': 'application/json; charset=utf-8',
  'demo.css': 'text/css; charset=utf-8',
  'themes.css': 'text/css; charset=utf-8',
};

/** The content type of a demo file, or null when it is not one. */
export function demoFileType(name: string): string | null {
  return Object.hasOwn(DEMO_FILES, name) ? DEMO_FILES[name]! : null;
}
