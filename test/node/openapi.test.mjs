// docs/openapi.yaml is generated from the contract's schemas (scripts/build-openapi.ts): the
// committed file must be what the generator writes now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OPENAPI_FILE, SUITE_SCHEMAS_FILE, renderOpenApi, renderSuiteSchemas } from '../../scripts/build-openapi.ts';

test('docs/openapi.yaml is up to date with src/core/contract/schemas.ts (else run `npm run openapi`)', () => {
  assert.ok(readFileSync(OPENAPI_FILE, 'utf8') === renderOpenApi(), 'docs/openapi.yaml is stale: run `npm run openapi`');
});

test('bin/contract-schemas.mjs (the contract suite\'s shape checks) is up to date with the schemas', () => {
  assert.ok(readFileSync(SUITE_SCHEMAS_FILE, 'utf8') === renderSuiteSchemas(), 'bin/contract-schemas.mjs is stale: run `npm run openapi`');
});
