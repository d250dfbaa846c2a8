/**
 * Routes beyond the reads of app.ts: the commands (with the per-user rate limit), and the admin
 * API behind its own credential (ADMIN_TOKEN): `PUT /admin/directory` takes the directory file of
 * `vc-server import-directory` (docs/server.md), `GET /admin/directory` gives it back.
 */
import rateLimit from '@fastify/rate-limit';
import { timingSafeEqual } from 'node:crypto';
import { COMMANDS, checkIdempotencyKey, type RunCommand } from '../commands.js';
import type { ServerConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { accountMembers, checkDirectory, writeDirectory, type DirectoryFile } from '../db/directory.js';
import type { Notifier } from '../live/notifier.js';
import type { Metrics } from '../metrics.js';
import { ApiError } from './api-error.js';
import { member, sendError, sendJson, type App } from './app.js';

export function registerCommands(app: App, config: ServerConfig, runCommand: RunCommand, metrics: Metrics): void {
  void app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      hook: 'preHandler',
      max: config.limits.commandsPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => request.member?.id ?? request.ip,
      errorResponseBuilder: (_request, context) =>
        new ApiError(429, 'rate-limited', `At most ${context.max} commands per minute; try again shortly.`, { 'Retry-After': String(Math.max(1, Math.ceil(context.ttl / 1000))) }),
    });
    for (const spec of COMMANDS) {
      scope.route({
        method: spec.method,
        url: spec.url,
        config: { rateLimit: {} },
        handler: async (request, reply) => {
          const started = process.hrtime.bigint();
          const key = checkIdempotencyKey(request.headers['idempotency-key']);
          const bodyText = typeof request.body === 'string' ? request.body : '';
          try {
            const answer = await runCommand(spec, member(request), request.params as Record<string, string>, bodyText, key);
            metrics.commands.inc({ command: spec.name, outcome: answer.outcome });
            return sendJson(reply, answer.status, answer.body, answer.replayed ? { 'Idempotent-Replayed': 'true' } : {});
          } catch (error) {
            metrics.commands.inc({ command: spec.name, outcome: error instanceof ApiError ? error.code : 'unavailable' });
            throw error;
          } finally {
            metrics.commandSeconds.observe({ command: spec.name }, Number(process.hrtime.bigint() - started) / 1e9);
          }
        },
      });
    }
  });
}

export function registerAdmin(app: App, config: ServerConfig, db: Database, notifier: Notifier): void {
  const adminToken = config.adminToken;
  if (!adminToken) return;
  const expected = Buffer.from(`Bearer ${adminToken}`);
  const authorize = (header: string | undefined) => {
    const given = Buffer.from(header ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ApiError(401, 'unauthorized', 'The admin credential is required.');
  };

  // A whole clinic's directory is larger than any command.
  app.put('/admin/directory', { bodyLimit: 50 * 1024 * 1024 }, async (request, reply) => {
    authorize(request.headers.authorization);
    let directory: unknown;
    try {
      directory = JSON.parse(typeof request.body === 'string' ? request.body : '');
    } catch {
      throw new ApiError(400, 'invalid-input', 'The body is not valid JSON.');
    }
    const problems = checkDirectory(directory);
    if (problems.length > 0) throw new ApiError(400, 'invalid-input', `The directory has problems: ${problems.slice(0, 20).join('; ')}`);
    let woken: string[] = [];
    try {
      const result = await db.transaction(async (tx) => {
        const written = await writeDirectory(tx, directory as DirectoryFile, (accountId) => accountMembers(tx, accountId));
        woken = written.changedUsers;
        await notifier.notifyInTransaction(tx, woken);
        return written;
      });
      notifier.committed(woken);
      return sendJson(reply, 200, JSON.stringify({ accounts: result.accounts, users: result.users }));
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('users:')) throw new ApiError(400, 'invalid-input', error.message);
      throw error;
    }
  });

  app.get('/admin/directory', async (request, reply) => {
    authorize(request.headers.authorization);
    const accounts = await db.pool.query(
      `SELECT a.id, a.name, a.notes_enabled AS "notesEnabled", a.request_timeout_seconds AS "requestTimeoutSeconds",
              coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.position) FROM account_services s WHERE s.account_id = a.id), '[]'::json) AS services
         FROM accounts a ORDER BY a.id`,
    );
    const users = await db.pool.query(
      `SELECT id, name, role, account_id AS "accountId", specialty, active FROM users ORDER BY id`,
    );
    const reach: Record<string, string[]> = {};
    for (const row of (await db.pool.query<{ account_id: string; reaches: string }>('SELECT account_id, reaches FROM account_reach ORDER BY account_id, reaches')).rows) {
      (reach[row.account_id] ??= []).push(row.reaches);
    }
    return sendJson(reply, 200, JSON.stringify({ accounts: accounts.rows, users: users.rows, reach }));
  });
  void sendError;
}
