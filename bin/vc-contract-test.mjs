#!/usr/bin/env node
// vc-contract-test: checks a live backend against the Virtual Clinic HTTP contract
// (docs/http-contract.md, docs/openapi.yaml) and prints which rules and endpoints pass.
//
//   npx vc-contract-test <base-url> --token <t>
//   npx vc-contract-test <base-url> --token-requester <t> --token-provider <t> [--allow-reset]
//
// With one token it checks authentication and the read endpoints; with a requester's and a
// provider's token (of the same account, the provider available) it runs the whole request flow.
// It creates and cleans up its own requests; --reset-token <t> first calls POST /reset with that
// token (mock backends). With a requester's and a provider's token of ANOTHER account (one the first
// account may not reach), it checks tenancy: neither side sees or reaches the other.
// Exits 1 when a check fails.
import { parseArgs } from 'node:util';
import { formatResults, runContractSuite } from './contract-suite.mjs';

const usage = `Usage: vc-contract-test <base-url> [--token <t>] [--token-requester <t> --token-provider <t>] [--reset-token <t>] [--token-other-requester <t> --token-other-provider <t>] [--timeout <ms>] [--presence-grace <ms>]`;

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      token: { type: 'string' },
      'token-requester': { type: 'string' },
      'token-provider': { type: 'string' },
      'allow-reset': { type: 'boolean', default: false },
      'reset-token': { type: 'string' },
      'token-other-requester': { type: 'string' },
      'token-other-provider': { type: 'string' },
      timeout: { type: 'string', default: '5000' },
      'presence-grace': { type: 'string' },
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
  allowReset: values['allow-reset'] || values['reset-token'] !== undefined,
  resetToken: values['reset-token'],
  otherRequesterToken: values['token-other-requester'],
  otherProviderToken: values['token-other-provider'],
  timeoutMs: Number(values.timeout),
  presenceGraceMs: values['presence-grace'] === undefined ? undefined : Number(values['presence-grace']),
});
console.log(`Virtual Clinic HTTP contract — ${baseUrl}\n`);
console.log(formatResults(results));
process.exit(results.some((r) => r.status === 'fail') ? 1 : 0);
