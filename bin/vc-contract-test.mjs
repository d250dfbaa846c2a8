#!/usr/bin/env node
// vc-contract-test: checks a live backend against the Virtual Clinic HTTP contract
// (docs/http-contract.md, docs/openapi.yaml) and prints which rules and endpoints pass.
//
//   npx vc-contract-test <base-url> --token <t>
//   npx vc-contract-test <base-url> --token-requester <t> --token-provider <t> [--allow-reset]
//
// With one token it checks authentication and the read endpoints; with a requester's and a
// provider's token (of the same account, the provider available) it runs the whole request flow.
// It creates and cleans up its own requests; --allow-reset first calls POST /reset (mock backends).
// Exits 1 when a check fails.
import { parseArgs } from 'node:util';
import { formatResults, runContractSuite } from './contract-suite.mjs';

const usage = `Usage: vc-contract-test <base-url> [--token <t>] [--token-requester <t> --token-provider <t>] [--allow-reset] [--timeout <ms>]`;

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      token: { type: 'string' },
      'token-requester': { type: 'string' },
      'token-provider': { type: 'string' },
      'allow-reset': { type: 'boolean', default: false },
      timeout: { type: 'string', default: '5000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const baseUrl = positionals[0];
if (values.help || !baseUrl || !(values.token || values['token-requester'] || values['token-provider'])) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const results = await runContractSuite({
  baseUrl,
  token: values.token,
  requesterToken: values['token-requester'],
  providerToken: values['token-provider'],
  allowReset: values['allow-reset'],
  timeoutMs: Number(values.timeout),
});
console.log(`Virtual Clinic HTTP contract — ${baseUrl}\n`);
console.log(formatResults(results));
process.exit(results.some((r) => r.status === 'fail') ? 1 : 0);
