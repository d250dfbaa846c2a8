/**
 * Checks that a payload from the network has the shape of the contract (schemas.ts) before it can
 * reach a store. A mismatch throws a PayloadError naming the field (`snapshot.providers[0].name`);
 * the value itself is never quoted, since it may hold patient data.
 */
import * as v from 'valibot';
import { PayloadError } from '../errors/payload-error.js';
import { LIVE_EVENT_TYPES } from './constants.js';
import {
  ChangesSchema,
  IdSchema,
  HeartbeatSchema,
  IceServersSchema,
  LiveEventSchema,
  MeSchema,
  ProviderSchema,
  SessionRequestSchema,
  SessionSchema,
  SignalSchema,
  SnapshotSchema,
  VersionSchema,
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
/** Where a payload came from: a snapshot, a live event, or a command's answer. */
export type ContractSource = 'snapshot' | 'event' | 'command';
/** What kind of record broke the contract (`event`: a live event's envelope, its seq or type). */
export type ContractRecordKind = 'provider' | 'request' | 'session' | 'signal' | 'event';

/**
 * One record that broke the contract (issue 17.4), told without its value (it may hold a name or
 * a note): where it came from, its kind and id (null where the id itself is bad), the bad field
 * inside it (`name`, `requester.name`), its full path (`snapshot.providers[3].name`), and whether
 * the record was left out or kept without that field (a nullable field, such as a decline note,
 * is set to null).
 */
export type ContractViolation = {
  source: ContractSource;
  kind: ContractRecordKind;
  id: string | null;
  field: string;
  path: string;
  dropped: 'record' | 'field';
};
export type ReportViolation = (violation: ContractViolation) => void;

/** The snapshot's envelope: its lists are checked record by record (parseSnapshot). */
const SnapshotEnvelopeSchema = v.object({
  ...SnapshotSchema.entries,
  providers: v.array(v.unknown()),
  requests: v.array(v.unknown()),
  sessions: v.array(v.unknown()),
});

/** A command's answer: the same lists, checked record by record (parseChangesKeepingValid). */
const ChangesEnvelopeSchema = v.object({
  providers: v.array(v.unknown()),
  requests: v.array(v.unknown()),
  sessions: v.array(v.unknown()),
});

/** A live event before its record is checked: `seq` and a known `type`. */
const LiveEventEnvelopeSchema = v.object({ seq: VersionSchema, type: v.picklist(LIVE_EVENT_TYPES) });

const RECORD_SCHEMAS = { provider: ProviderSchema, request: SessionRequestSchema, session: SessionSchema, signal: SignalSchema } as const;

/** The field a failed check names inside the record, as `requester.name`. */
function fieldOf(issues: readonly v.BaseIssue<unknown>[]): string {
  return issuePath('', issues).replace(/^\./, '');
}

/**
 * One record checked against its kind's schema: the record as is, the record without a bad
 * nullable field (set to null), or null when it must be left out. Each problem is reported.
 */
function checkRecord<K extends keyof typeof RECORD_SCHEMAS>(
  kind: K,
  item: unknown,
  path: string,
  source: ContractSource,
  report: ReportViolation,
): v.InferOutput<(typeof RECORD_SCHEMAS)[K]> | null {
  const schema: Schema = RECORD_SCHEMAS[kind];
  const result = v.safeParse(schema, item, { abortEarly: true });
  if (result.success) return result.output as v.InferOutput<(typeof RECORD_SCHEMAS)[K]>;
  const rawId = isObject(item) ? item.id : undefined;
  const id = typeof rawId === 'string' && v.is(IdSchema, rawId) ? rawId : null;
  const field = fieldOf(result.issues);
  const key = result.issues[0]?.path?.[0]?.key;
  // Shown without the bad field where the contract allows none (a note, a service name).
  if (isObject(item) && typeof key === 'string' && key in item) {
    const repaired = v.safeParse(schema, { ...item, [key]: null }, { abortEarly: true });
    if (repaired.success) {
      report({ source, kind, id, field, path: issuePath(path, result.issues), dropped: 'field' });
      return repaired.output as v.InferOutput<(typeof RECORD_SCHEMAS)[K]>;
    }
  }
  report({ source, kind, id, field, path: issuePath(path, result.issues), dropped: 'record' });
  return null;
}

/** The records of `list` that match their kind's schema (some perhaps without a bad field); the rest are left out and reported. */
function keepValid<K extends 'provider' | 'request' | 'session'>(
  kind: K,
  list: unknown[],
  path: string,
  source: ContractSource,
  report: ReportViolation,
): v.InferOutput<(typeof RECORD_SCHEMAS)[K]>[] {
  const kept: v.InferOutput<(typeof RECORD_SCHEMAS)[K]>[] = [];
  list.forEach((item, i) => {
    const record = checkRecord(kind, item, `${path}[${i}]`, source, report);
    if (record) kept.push(record);
  });
  return kept;
}

/**
 * A snapshot, with one bad record left out rather than all lost (issue 17.4): the envelope (seq,
 * me …) must match, each provider, request and session is checked alone, and `report` hears of
 * each one left out. Where one id comes twice, the higher version stays.
 */
export function parseSnapshot(value: unknown, path = 'snapshot', report: ReportViolation = () => {}): Snapshot {
  const envelope = parseWith(SnapshotEnvelopeSchema, value, path);
  return {
    ...envelope,
    providers: newestById(keepValid('provider', envelope.providers, `${path}.providers`, 'snapshot', report)),
    requests: newestById(keepValid('request', envelope.requests, `${path}.requests`, 'snapshot', report)),
    sessions: newestById(keepValid('session', envelope.sessions, `${path}.sessions`, 'snapshot', report)),
  };
}

/**
 * A command's answer, record by record as a snapshot (issue 17.4): a bad record is left out and
 * reported, the rest applies (the live event or the next snapshot brings what is missing). A
 * backend that leaves a list out sends an empty one.
 */
export function parseChangesKeepingValid(value: unknown, path = 'changes', report: ReportViolation = () => {}): Changes {
  const envelope = parseWith(ChangesEnvelopeSchema, isObject(value) ? { providers: [], requests: [], sessions: [], ...value } : value, path);
  return {
    providers: keepValid('provider', envelope.providers, `${path}.providers`, 'command', report),
    requests: keepValid('request', envelope.requests, `${path}.requests`, 'command', report),
    sessions: keepValid('session', envelope.sessions, `${path}.sessions`, 'command', report),
  };
}

/** A live event whose record broke the contract: its seq counts (no gap), its record is left out. */
export type SkippedEvent = { seq: number; type: 'skipped' };

/**
 * A live event, its record checked as a snapshot's (issue 17.4): the event itself, the event
 * without a bad nullable field, a `skipped` event (the seq is counted, the record left out), or
 * null when even its seq or type is unreadable. Each problem is reported.
 */
export function readLiveEvent(value: unknown, report: ReportViolation, path = 'event'): LiveEvent | SkippedEvent | null {
  const envelope = v.safeParse(LiveEventEnvelopeSchema, value, { abortEarly: true });
  if (!envelope.success) {
    report({ source: 'event', kind: 'event', id: null, field: fieldOf(envelope.issues), path: issuePath(path, envelope.issues), dropped: 'record' });
    return null;
  }
  const { seq, type } = envelope.output;
  if (type === 'provider-removed') {
    // No record, only the id of the provider who left the user's sight (issue 14).
    const providerId = (value as Record<string, unknown>).providerId;
    if (v.is(IdSchema, providerId)) return { seq, type, providerId };
    report({ source: 'event', kind: 'event', id: null, field: 'providerId', path: `${path}.providerId`, dropped: 'record' });
    return { seq, type: 'skipped' };
  }
  const record = checkRecord(type, (value as Record<string, unknown>)[type], `${path}.${type}`, 'event', report);
  return record ? ({ seq, type, [type]: record } as LiveEvent) : { seq, type: 'skipped' };
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
