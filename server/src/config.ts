/**
 * The server's configuration, read once from environment variables and validated at start.
 * Every problem is reported at once, each with the variable's name, so an operator fixes them in
 * one go (docs/server.md lists every variable). Nothing here is a secret written to a log.
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { PRESENCE_GRACE_MS } from '@virtual-clinic/sdk/contract';

export interface JwtConfig {
  issuer: string;
  audience: string;
  /** Exactly one of these two: a JWKS URL (keys fetched and cached) or a PEM public key (SPKI). */
  jwksUrl: string | null;
  publicKey: string | null;
  algorithms: ('RS256' | 'ES256')[];
  /** The claim that carries the directory's user id (default `sub`). */
  userClaim: string;
  clockToleranceSeconds: number;
}

export interface Limits {
  /** Largest request body, in bytes (a signal's SDP fits with room). */
  bodyBytes: number;
  /** Commands (POST/PUT) one user may send per minute before `rate-limited`. */
  commandsPerMinute: number;
  /** Event streams one user may hold open at once, on one node. */
  streamsPerUser: number;
}

export interface TurnConfig {
  secret: string;
  urls: string[];
  ttlSeconds: number;
}

export interface ServerConfig {
  host: string;
  port: number;
  /** A PostgreSQL URL; null means the embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  poolMax: number;
  /** With `--demo`: demo tokens, the demo directory and the demo page. */
  demo: boolean;
  jwt: JwtConfig | null;
  /** The admin API's bearer credential; null turns the admin API off. */
  adminToken: string | null;
  corsOrigins: string[];
  trustProxy: boolean;
  limits: Limits;
  heartbeatMs: number;
  expirySweepMs: number;
  /** Presence (issue 16.6): how long a user with no open stream stays shown as connected, in ms. */
  presenceGraceMs: number;
  eventRetentionHours: number;
  idempotencyTtlHours: number;
  shutdownGraceMs: number;
  logLevel: string;
  nodeId: string;
  turn: TurnConfig | null;
}

/** Thrown with every problem found; `main` prints them and exits 2. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * @param env usually `process.env`
 * @param flags command-line switches (`--demo`)
 * @throws {ConfigError} listing every invalid or missing variable
 */
export function loadConfig(env: NodeJS.ProcessEnv, flags: { demo?: boolean } = {}): ServerConfig {
  const problems: string[] = [];

  const text = (name: string, fallback: string | null = null): string | null => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? fallback : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === null) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = text(name);
    if (raw === null) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const list = (name: string): string[] =>
    (text(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);

  const demo = flags.demo === true || bool('VC_DEMO', false);

  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const jwt = loadJwt();
  if (jwt === null && !demo) {
    problems.push('JWT_JWKS_URL or JWT_PUBLIC_KEY (with JWT_ISSUER and JWT_AUDIENCE) is required, unless the server runs with --demo');
  }

  const adminToken = text('ADMIN_TOKEN');
  if (adminToken !== null && adminToken.length < 32) problems.push('ADMIN_TOKEN must be at least 32 characters (or unset to turn the admin API off)');

  const corsOrigins = list('CORS_ORIGINS');
  for (const origin of corsOrigins) {
    if (origin === '*') problems.push('CORS_ORIGINS must name origins; "*" would let any site call the clinic');
    else if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`CORS_ORIGINS: "${origin}" is not an origin like https://ehr.example.com`);
  }

  const logLevel = text('LOG_LEVEL', 'info') as string;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const turnSecret = text('TURN_SECRET');
  const turnUrls = list('TURN_URLS');
  if ((turnSecret === null) !== (turnUrls.length === 0)) problems.push('TURN_SECRET and TURN_URLS go together: set both or neither');
  for (const url of turnUrls) if (!/^(turns?|stun):/.test(url)) problems.push(`TURN_URLS: "${url}" is not a turn:, turns: or stun: URL`);

  const config: ServerConfig = {
    host: text('HOST', '0.0.0.0') as string,
    port: integer('PORT', 8790, 0, 65535),
    databaseUrl,
    dataDir: resolve(text('PGLITE_DIR', '.vc-server-data') as string),
    poolMax: integer('DATABASE_POOL_MAX', 10, 1, 200),
    demo,
    jwt,
    adminToken,
    corsOrigins,
    trustProxy: bool('TRUST_PROXY', false),
    limits: {
      bodyBytes: integer('LIMIT_BODY_BYTES', 96 * 1024, 1024, 10 * 1024 * 1024),
      commandsPerMinute: integer('LIMIT_COMMANDS_PER_MINUTE', 120, 1, 1_000_000),
      streamsPerUser: integer('LIMIT_STREAMS_PER_USER', 8, 1, 1000),
    },
    heartbeatMs: integer('HEARTBEAT_SECONDS', 10, 1, 60) * 1000,
    expirySweepMs: integer('EXPIRY_SWEEP_MS', 1000, 50, 60_000),
    presenceGraceMs: integer('PRESENCE_GRACE_MS', PRESENCE_GRACE_MS, 100, 3_600_000),
    eventRetentionHours: integer('EVENT_RETENTION_HOURS', 72, 1, 24 * 365),
    idempotencyTtlHours: integer('IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
    shutdownGraceMs: integer('SHUTDOWN_GRACE_SECONDS', 10, 0, 600) * 1000,
    logLevel,
    nodeId: text('NODE_ID', `${hostname()}-${process.pid}`) as string,
    turn: turnSecret === null ? null : { secret: turnSecret, urls: turnUrls, ttlSeconds: integer('TURN_TTL_SECONDS', 3600, 60, 86400) },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;

  function loadJwt(): JwtConfig | null {
    const jwksUrl = text('JWT_JWKS_URL');
    const publicKey = text('JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n') ?? null;
    if (jwksUrl === null && publicKey === null) {
      for (const name of ['JWT_ISSUER', 'JWT_AUDIENCE']) {
        if (text(name) !== null) problems.push(`${name} is set but neither JWT_JWKS_URL nor JWT_PUBLIC_KEY is`);
      }
      return null;
    }
    if (jwksUrl !== null && publicKey !== null) problems.push('set JWT_JWKS_URL or JWT_PUBLIC_KEY, not both');
    if (jwksUrl !== null && !/^https?:\/\//.test(jwksUrl)) problems.push('JWT_JWKS_URL must be an http(s) URL');
    if (publicKey !== null && !publicKey.includes('-----BEGIN PUBLIC KEY-----')) {
      problems.push('JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----)');
    }
    const issuer = text('JWT_ISSUER');
    const audience = text('JWT_AUDIENCE');
    if (issuer === null) problems.push('JWT_ISSUER is required with JWT_JWKS_URL or JWT_PUBLIC_KEY');
    if (audience === null) problems.push('JWT_AUDIENCE is required with JWT_JWKS_URL or JWT_PUBLIC_KEY');
    const algorithms = list('JWT_ALGORITHMS');
    const chosen = (algorithms.length === 0 ? ['RS256', 'ES256'] : algorithms) as JwtConfig['algorithms'];
    for (const alg of chosen) if (alg !== 'RS256' && alg !== 'ES256') problems.push(`JWT_ALGORITHMS: "${alg}" is not RS256 or ES256`);
    return {
      issuer: issuer ?? '',
      audience: audience ?? '',
      jwksUrl,
      publicKey,
      algorithms: chosen,
      userClaim: text('JWT_USER_CLAIM', 'sub') as string,
      clockToleranceSeconds: integer('JWT_CLOCK_TOLERANCE_SECONDS', 30, 0, 600),
    };
  }
}
