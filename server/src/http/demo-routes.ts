/**
 * With `--demo` only: the SDK's demo page under `/demo/` (its `config.json` says `server`, so the
 * page talks to this server's `/api` with the demo tokens, not to a mock), and `POST /api/reset`
 * (docs/openapi.yaml `resetMockClinic`: only with the seed's reset token; 401 otherwise). A reset
 * empties requests, sessions, signals, idempotency keys and event logs, restarts every seq at 0,
 * puts availability back to the seed, starts a new snapshot epoch and ends the streams of every
 * node sharing the database (through the notifier, as live events travel; their clients reconnect
 * and read the new log).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database.js';
import { accountMembers, writeDirectory } from '../db/directory.js';
import { demoFileType, type Demo } from '../demo.js';
import type { Notifier } from '../live/notifier.js';
import { ApiError } from './api-error.js';
import { sendJson, type App } from './app.js';

const RESET_REASON = 'the demo clinic was reset';

export function registerDemo(app: App, demo: Demo, db: Database, notifier: Notifier): void {
  const toPage = (url: string) => `/demo/${url.includes('?') ? url.slice(url.indexOf('?')) : ''}`;
  for (const path of ['/', '/demo', '/index.html']) app.get(path, async (request, reply) => reply.redirect(toPage(request.url)));

  app.get('/demo/config.json', async (_request, reply) => sendJson(reply, 200, '{"backend":"server"}'));
  app.get('/demo/*', async (request, reply) => {
    const name = (request.params as { '*': string })['*'] || 'index.html';
    const type = demoFileType(name);
    if (!type) throw new ApiError(404, 'not-found', 'No such file of the demo page.');
    const body = await readFile(join(await demo.pageFolder(), name));
    return reply.code(200).headers({ 'Content-Type': type, 'Cache-Control': 'no-cache' }).send(body);
  });

  const resetToken = demo.resetToken;
  if (!resetToken) return;
  const expected = Buffer.from(`Bearer ${resetToken}`);
  app.post('/api/reset', { config: { signIn: false } }, async (request, reply) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ApiError(401, 'unauthorized', 'The reset token is required.');
    await db.transaction(async (tx) => {
      await tx.query('TRUNCATE signals, idempotency_keys, events, participants, request_answers, sessions, requests, providers');
      await tx.query('UPDATE event_streams SET seq = 0');
      await tx.query("UPDATE clinic_meta SET value = md5(random()::text || clock_timestamp()::text) WHERE key = 'epoch'");
      await writeDirectory(tx, demo.directory, (accountId) => accountMembers(tx, accountId));
      await notifier.endEverywhereInTransaction(tx, RESET_REASON);
    });
    notifier.endedEverywhere(RESET_REASON);
    return sendJson(reply, 200, '{"ok":true}');
  });
}
