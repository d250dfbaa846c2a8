/**
 * Prometheus metrics (prom-client), served at `GET /metrics`: open streams, commands by outcome,
 * command latency, notification lag and the database pool. Labels carry command names and
 * error codes only — never ids, names, notes or tokens.
 */
import client from 'prom-client';
import type { Database } from './db/database.js';

export function createMetrics(db: Database) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'vc_' });
  const openStreams = new client.Gauge({ name: 'vc_open_streams', help: 'Event streams open on this node', registers: [registry] });
  const commands = new client.Counter({
    name: 'vc_commands_total',
    help: 'Commands answered, by command and outcome (ok, a contract error code, or replayed)',
    labelNames: ['command', 'outcome'],
    registers: [registry],
  });
  const commandSeconds = new client.Histogram({
    name: 'vc_command_duration_seconds',
    help: 'Time to answer a command',
    labelNames: ['command'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const notificationLag = new client.Histogram({
    name: 'vc_notification_lag_seconds',
    help: 'From a command\'s COMMIT to its NOTIFY reaching this node',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const expired = new client.Counter({ name: 'vc_requests_expired_total', help: 'Requests expired by this node\'s sweep', registers: [registry] });
  const listening = new client.Gauge({ name: 'vc_notify_listening', help: '1 while this node\'s LISTEN connection is up', registers: [registry] });
  new client.Gauge({
    name: 'vc_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, db.pool.totalCount);
      this.set({ state: 'idle' }, db.pool.idleCount);
      this.set({ state: 'waiting' }, db.pool.waitingCount);
    },
  });
  return { registry, openStreams, commands, commandSeconds, notificationLag, expired, listening };
}

export type Metrics = ReturnType<typeof createMetrics>;
