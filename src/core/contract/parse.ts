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
export const parseChanges = (value: unknown, path = 'changes'): Changes => parseWith(ChangesSchema, value, path);
export const parseSnapshot = (value: unknown, path = 'snapshot'): Snapshot => parseWith(SnapshotSchema, value, path);
export const parseLiveEvent = (value: unknown, path = 'event'): LiveEvent => parseWith(LiveEventSchema, value, path);
export const parseHeartbeat = (value: unknown, path = 'heartbeat'): Heartbeat => parseWith(HeartbeatSchema, value, path);
export const parseIceServers = (value: unknown, path = 'iceServers'): IceServers => parseWith(IceServersSchema, value, path);
