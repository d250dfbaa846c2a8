/**
 * Checks that a payload from the network has the shape of the contract (schemas.ts) before it can
 * reach a store. A mismatch throws a PayloadError naming the field (`snapshot.providers[0].name`);
 * the value itself is never quoted, since it may hold patient data.
 */
import * as v from 'valibot';
import { PayloadError } from '../errors/payload-error.js';
import {
  ChangesSchema,
  HeartbeatSchema,
  IceServersSchema,
  LiveEventSchema,
  MeSchema,
  ProviderSchema,
  SessionRequestSchema,
  SessionSchema,
  SignalSchema,
  SnapshotSchema,
} from './schemas.js';
import type { Changes, Heartbeat, IceServers, LiveEvent, Me, Provider, Session, SessionRequest, Signal, Snapshot } from './types.js';

type Schema = v.GenericSchema;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where the first problem of a failed check is, as `root.key[0].key`. */
export function issuePath(root: string, issues: readonly v.BaseIssue<unknown>[]): string {
  let path = root;
  for (const item of issues[0]?.path ?? []) {
    const key = item.key;
    path += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  }
  return path;
}

/** The value checked against `schema`, or a PayloadError naming the first field that is wrong. */
export function parseWith<S extends Schema>(schema: S, value: unknown, path: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return result.output;
  throw new PayloadError(issuePath(path, result.issues));
}

export const parseMe = (value: unknown, path = 'me'): Me => parseWith(MeSchema, value, path);
export const parseProvider = (value: unknown, path = 'provider'): Provider => parseWith(ProviderSchema, value, path);
export const parseRequest = (value: unknown, path = 'request'): SessionRequest => parseWith(SessionRequestSchema, value, path);
export const parseSession = (value: unknown, path = 'session'): Session => parseWith(SessionSchema, value, path);
export const parseSignal = (value: unknown, path = 'signal'): Signal => parseWith(SignalSchema, value, path);
/** Lenient where the contract is strict: a list a backend leaves out counts as empty. */
export const parseChanges = (value: unknown, path = 'changes'): Changes =>
  parseWith(ChangesSchema, isObject(value) ? { providers: [], requests: [], sessions: [], ...value } : value, path);
/** Where one bad record was left out, as `snapshot.providers[3].name` (never the value). */
export type ContractViolation = { path: string };

/** The snapshot's envelope: its lists are checked record by record (parseSnapshot). */
const SnapshotEnvelopeSchema = v.object({
  ...SnapshotSchema.entries,
  providers: v.array(v.unknown()),
  requests: v.array(v.unknown()),
  sessions: v.array(v.unknown()),
});

/** The records of `list` that match `schema`; each one that does not is left out and reported. */
function keepValid<S extends Schema>(schema: S, list: unknown[], path: string, report: (violation: ContractViolation) => void): v.InferOutput<S>[] {
  const kept: v.InferOutput<S>[] = [];
  list.forEach((item, i) => {
    const result = v.safeParse(schema, item, { abortEarly: true });
    if (result.success) kept.push(result.output);
    else report({ path: issuePath(`${path}[${i}]`, result.issues) });
  });
  return kept;
}

/**
 * A snapshot, with one bad record left out rather than all lost (issue 17.4): the envelope (seq,
 * me …) must match, each provider, request and session is checked alone, and `report` hears of
 * each one left out. Where one id comes twice, the higher version stays.
 */
export function parseSnapshot(value: unknown, path = 'snapshot', report: (violation: ContractViolation) => void = () => {}): Snapshot {
  const envelope = parseWith(SnapshotEnvelopeSchema, value, path);
  return {
    ...envelope,
    providers: newestById(keepValid(ProviderSchema, envelope.providers, `${path}.providers`, report)),
    requests: newestById(keepValid(SessionRequestSchema, envelope.requests, `${path}.requests`, report)),
    sessions: newestById(keepValid(SessionSchema, envelope.sessions, `${path}.sessions`, report)),
  };
}

/** One record per id, the one with the higher version, in the order they came. */
function newestById<T extends { id: string; version: number }>(records: T[]): T[] {
  const newest = new Map<string, T>();
  for (const record of records) {
    const held = newest.get(record.id);
    if (!held || record.version > held.version) newest.set(record.id, record);
  }
  return records.filter((record) => newest.get(record.id) === record);
}
export const parseLiveEvent = (value: unknown, path = 'event'): LiveEvent => parseWith(LiveEventSchema, value, path);
export const parseHeartbeat = (value: unknown, path = 'heartbeat'): Heartbeat => parseWith(HeartbeatSchema, value, path);
export const parseIceServers = (value: unknown, path = 'iceServers'): IceServers => parseWith(IceServersSchema, value, path);
