/**
 * One clinic node: opens the database, applies the migrations, starts the notifier, the stream
 * hub, the expiry sweep and the HTTP server; `stop()` shuts it down gracefully (not ready, no new
 * connections, streams told to reconnect elsewhere, in-flight commands finished, then the pool).
 */
import type { AddressInfo } from 'node:net';
import type { ServerConfig } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { accountMembers, writeDirectory } from './db/directory.js';
import type { Demo } from './demo.js';
import { registerDemo } from './http/demo-routes.js';
import { migrate } from './db/migrate.js';
import { createCommandRunner } from './commands.js';
import { buildApp, type App } from './http/app.js';
import { registerAdmin, registerCommands } from './http/routes.js';
import { startSweep } from './sweep.js';
import { createAuthenticator } from './http/auth.js';
import { Notifier } from './live/notifier.js';
import { Presence } from './live/presence.js';
import { StreamHub } from './live/streams.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';

export interface ClinicNode {
  readonly url: string;
  readonly db: Database;
  readonly app: App;
  stop(): Promise<void>;
}

export interface NodeOptions {
  /** With `--demo`: the demo directory, its bearer tokens, its page and its reset (demo.ts). */
  demo?: Demo | null;
  logger?: Logger;
}

export async function startNode(config: ServerConfig, options: NodeOptions = {}): Promise<ClinicNode> {
  const logger = options.logger ?? createLogger(config.logLevel, config.nodeId);
  const db = await openDatabase(config);
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  if (options.demo) {
    await db.transaction((tx) => writeDirectory(tx, options.demo!.directory, (accountId) => accountMembers(tx, accountId)));
  }

  const metrics = createMetrics(db);
  const notifier = new Notifier(db, config.nodeId, {
    onLag: (ms) => metrics.notificationLag.observe(ms / 1000),
    onListening: (up) => {
      metrics.listening.set(up ? 1 : 0);
      logger.warn({ listening: up }, up ? 'LISTEN connection up' : 'LISTEN connection lost; reconnecting');
    },
    onError: (error) => logger.warn({ err: { message: (error as Error).message } }, 'notifier error'),
  });
  const presence = new Presence(db, notifier, {
    nodeId: config.nodeId,
    graceMs: config.presenceGraceMs,
    onError: (error) => logger.debug({ err: { message: (error as Error).message } }, 'presence failed; retrying'),
  });
  const hub = new StreamHub(db, config.heartbeatMs, {
    onCount: (open) => metrics.openStreams.set(open),
    onUserGone: (userId) => void presence.closed(userId).catch(() => {}),
    onError: (error) => logger.debug({ err: { message: (error as Error).message } }, 'stream catch-up failed; retrying at the next heartbeat'),
  });
  notifier.onWake((userIds) => hub.wake(userIds));
  notifier.onEndAll((reason) => hub.endAll(reason));
  await notifier.start();

  let ready = false;
  const app = buildApp({
    config,
    db,
    logger,
    metrics,
    hub,
    presence,
    authenticate: createAuthenticator(db, config.jwt, options.demo?.tokens ?? null),
    ready: () => ready,
    extend: (scope) => {
      registerCommands(scope, config, createCommandRunner(db, notifier, config), metrics);
      registerAdmin(scope, config, db, notifier);
      if (options.demo) registerDemo(scope, options.demo, db, notifier);
    },
  });
  const sweep = startSweep(db, notifier, {
    intervalMs: config.expirySweepMs,
    nodeId: config.nodeId,
    eventRetentionHours: config.eventRetentionHours,
    onExpired: (count) => metrics.expired.inc(count),
    onError: (error) => logger.debug({ err: { message: (error as Error).message } }, 'expiry sweep failed; retrying'),
  });
  presence.start();
  const presenceRefresh = setInterval(() => void presence.refresh(hub.userIds()), presence.refreshMs);
  presenceRefresh.unref();
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${address.port}`;
  ready = true;
  logger.info({ port: address.port, database: db.kind, demo: config.demo }, 'listening');

  let stopping: Promise<void> | null = null;
  return {
    url,
    db,
    app,
    stop() {
      stopping ??= (async () => {
        ready = false;
        sweep.stop();
        presence.stop();
        clearInterval(presenceRefresh);
        hub.closeAll();
        await app.close();
        await notifier.stop();
        await db.close();
        options.demo?.dispose();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
