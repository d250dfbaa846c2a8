// docs/ stays true: the generated reference of theming.md matches the JSDoc headers, every code
// block marked `<!-- example: path -->` is that (tested) file verbatim, and every relative link
// points at a file that exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENTS_FILE, renderEvents, renderTheming, THEMING_FILE } from '../../scripts/build-docs.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path) => readFileSync(join(root, path), 'utf8');
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

test('the reference tables of docs/theming.md are those of the JSDoc headers (npm run docs)', () => {
  const current = read(THEMING_FILE);
  assert.ok(renderTheming(current) === current, `${THEMING_FILE} is out of date: run npm run docs`);
});

test('the event reference of docs/events.md is that of the JSDoc headers (npm run docs)', () => {
  const current = read(EVENTS_FILE);
  assert.ok(renderEvents(current) === current, `${EVENTS_FILE} is out of date: run npm run docs`);
});

test('every example quoted in the docs is the tested file, verbatim', () => {
  let quoted = 0;
  for (const page of pages) {
    for (const [, path, code] of read(page).matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g)) {
      quoted++;
      assert.ok(existsSync(join(root, path)), `${page} quotes ${path}, which does not exist`);
      assert.equal(code, read(path), `${page}: the block of ${path} differs from the file`);
    }
  }
  assert.ok(quoted >= 5, `only ${quoted} examples quoted`);
});

test('every relative link of README and docs/ points at a file that exists', () => {
  for (const page of pages) {
    for (const [, target] of read(page).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      assert.ok(existsSync(join(root, dirname(page), target)), `${page} links to ${target}, which does not exist`);
    }
  }
});
