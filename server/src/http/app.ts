/**
 * The HTTP side (Fastify): the contract's endpoints under `/api`, the stream, health, metrics,
 * the admin API and, with `--demo`, the demo page. Every failure answers the contract's error
 * shape; nothing that fails changes anything.
 *
 * Fastify because it is well kept, fast, and gives us body limits, hooks and a raw response for
 * the event stream without a framework of our own.
 */
import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.js';
import { isDatabaseUnavailable, type Database } from '../db/database.js';
import { findAccount, type Member } from '../db/directory.js';
import { currentSeq } from '../db/events.js';
import { readSnapshot } from '../db/reads.js';
import { turnCredentials } from '@virtual-clinic/sdk/rules';
import type { Presence } from '../live/presence.js';
import type { StreamHub } from '../live/streams.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { ApiError, errorBody, unavailable } from './api-error.js';
import type { Authenticate } from './auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    member?: Member;
  }
  interface FastifyContextConfig {
    /** false: an `/api` route that checks its own credential (the demo's reset), not a user's token. */
    signIn?: boolean;
  }
}

export interface AppParts {
  config: ServerConfig;
  db: Database;
  logger: Logger;
  metrics: Metrics;
  hub: StreamHub;
  /** Presence (issue 16.6): told of a user's first stream on this node before it opens. */
  presence: Presence;
  authenticate: Authenticate;
  /** Whether this node takes traffic (false while starting and while shutting down). */
  ready: () => boolean;
  /** Extra routes (commands, admin, demo), registered by their own modules. */
  extend?: (app: App) => void;
}

export type App = FastifyInstance;

const NO_STORE = 'no-store';

export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply
    .code(error.status)
    .headers({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': NO_STORE, ...error.headers })
    .send(errorBody(error.code, error.message));
}

export function sendJson(reply: FastifyReply, status: number, body: string, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(status).headers({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': NO_STORE, ...headers }).send(body);
}

export function buildApp(parts: AppParts): App {
  const { config, db, hub, metrics } = parts;
  const app = Fastify({
    loggerInstance: parts.logger as unknown as FastifyBaseLogger,
    bodyLimit: config.limits.bodyBytes,
    trustProxy: config.trustProxy,
    // Request ids are ours (not the client's), so a log line can be followed without any PII.
    genReqId: () => Math.random().toString(36).slice(2, 12),
    return503OnClosing: true,
  });

  // Bodies arrive as text whatever their Content-Type; the routes parse and validate them, so
  // malformed JSON gets the contract's `invalid-input`, not a framework's own answer.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  void app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    methods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
    exposedHeaders: ['Retry-After', 'Idempotent-Replayed'],
    maxAge: 600,
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) return sendError(reply, error);
    if (isDatabaseUnavailable(error)) return sendError(reply, unavailable());
    const fastifyCode = (error as { code?: string }).code ?? '';
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, new ApiError(400, 'invalid-input', `The body is larger than ${config.limits.bodyBytes} bytes.`));
    }
    if (fastifyCode.startsWith('FST_ERR_CTP') || (error as { statusCode?: number }).statusCode === 400) {
      return sendError(reply, new ApiError(400, 'invalid-input', 'The request could not be read.'));
    }
    request.log.error({ err: { type: (error as Error).name, code: fastifyCode, message: (error as Error).message } }, 'unexpected error');
    return sendError(reply, new ApiError(500, 'server-error', 'The clinic server failed unexpectedly; nothing was changed.'));
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, new ApiError(404, 'not-found', `No endpoint ${request.method} ${request.url.split('?')[0]}.`)));

  app.get('/healthz', async (_request, reply) => sendJson(reply, 200, '{"ok":true}'));
  app.get('/readyz', async (_request, reply) => {
    if (!parts.ready()) return sendJson(reply, 503, '{"ready":false,"reason":"starting or shutting down"}');
    try {
      await db.pool.query('SELECT 1');
    } catch {
      return sendJson(reply, 503, '{"ready":false,"reason":"database unavailable"}');
    }
    return sendJson(reply, 200, '{"ready":true}');
  });
  app.get('/metrics', async (_request, reply) => reply.header('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics()));

  /** Signs the caller in (401 otherwise) before any `/api` route but the preflight. */
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/') || request.method === 'OPTIONS' || request.routeOptions.config.signIn === false) return;
    request.member = await parts.authenticate(request.headers.authorization);
  });

  app.get('/api/me', async (request, reply) => {
    const user = member(request);
    const account = await findAccount(db.pool, user.accountId);
    return sendJson(reply, 200, JSON.stringify({ user: { id: user.id, name: user.name, role: user.role, accountId: user.accountId }, account }));
  });

  app.get('/api/snapshot', async (request, reply) => {
    const snapshot = await readSnapshot(db, member(request));
    return sendJson(reply, 200, JSON.stringify(snapshot));
  });

  // Issue 18 §3: ICE servers with short-lived TURN credentials, by the shared rule.
  app.get('/api/ice-servers', async (request, reply) => {
    const user = member(request);
    const now = Date.now();
    const turn = config.turn;
    const answer = turn
      ? await turnCredentials(
          { secret: turn.secret, urls: turn.urls.filter((u) => !u.startsWith('stun:')), stunUrls: turn.urls.filter((u) => u.startsWith('stun:')), ttlSeconds: turn.ttlSeconds },
          user.id,
          now,
        )
      : { iceServers: [], expiresAt: new Date(now + 3600_000).toISOString() };
    return sendJson(reply, 200, JSON.stringify(answer));
  });

  app.get('/api/events', async (request, reply) => {
    const user = member(request);
    const lastEventId = parseLastEventId(request.headers['last-event-id']);
    if (hub.countFor(user.id) >= config.limits.streamsPerUser) {
      throw new ApiError(429, 'rate-limited', `At most ${config.limits.streamsPerUser} open event streams per user.`, { 'Retry-After': '10' });
    }
    // Connected before the stream answers: whoever sees this user hears of it first (issue 16.6).
    if (hub.countFor(user.id) === 0) await parts.presence.opened(user.id);
    const latest = await currentSeq(db.pool, user.id);
    // Without Last-Event-ID the stream starts now; a resume never starts past the log's end.
    const from = lastEventId === null ? latest : Math.min(lastEventId, latest);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': NO_STORE,
      Connection: 'keep-alive',
      // Asks buffering reverse proxies (nginx) to pass each event on at once.
      'X-Accel-Buffering': 'no',
    });
    request.raw.socket.setNoDelay(true);
    // The first bytes at once: proxies and gateways pass a response on only once it has a body.
    res.write(': open\n\n');
    hub.add(user.id, res, from);
  });

  parts.extend?.(app);
  return app;
}

export function member(request: FastifyRequest): Member {
  if (!request.member) throw new ApiError(401, 'unauthorized', 'A valid bearer token is required.');
  return request.member;
}

function parseLastEventId(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return null;
  if (!/^\d{1,15}$/.test(value.trim())) throw new ApiError(400, 'invalid-input', 'Last-Event-ID must be a sequence number.');
  return Number(value.trim());
}
