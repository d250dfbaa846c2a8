/**
 * Checks that a payload from the network has the shape of the contract, before it can reach a
 * store. A mismatch throws a PayloadError naming the field; the value itself is never quoted.
 */
import { PayloadError } from './errors/payload-error.js';
import {
  DECLINE_REASONS,
  PARTICIPANT_STATUSES,
  REQUEST_STATUSES,
  ROLES,
  SESSION_STATUSES,
  SIGNAL_TYPES,
  type Account,
  type Changes,
  type IceServers,
  type LiveEvent,
  type Me,
  type Participant,
  type Provider,
  type Session,
  type SessionRequest,
  type Signal,
  type Snapshot,
} from './model.js';

type Obj = Record<string, unknown>;

function object(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PayloadError(path);
  return value as Obj;
}
function string(o: Obj, key: string, path: string, maxLength = 2000): string {
  const value = o[key];
  if (typeof value !== 'string' || value.length > maxLength) throw new PayloadError(`${path}.${key}`);
  return value;
}
function id(o: Obj, key: string, path: string): string {
  const value = string(o, key, path, 200);
  if (value === '') throw new PayloadError(`${path}.${key}`);
  return value;
}
function nullableString(o: Obj, key: string, path: string, maxLength = 2000): string | null {
  return o[key] === null || o[key] === undefined ? null : string(o, key, path, maxLength);
}
function nullableId(o: Obj, key: string, path: string): string | null {
  return o[key] === null || o[key] === undefined ? null : id(o, key, path);
}
function boolean(o: Obj, key: string, path: string): boolean {
  if (typeof o[key] !== 'boolean') throw new PayloadError(`${path}.${key}`);
  return o[key] as boolean;
}
function count(o: Obj, key: string, path: string): number {
  const value = o[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new PayloadError(`${path}.${key}`);
  return value;
}
function timestamp(o: Obj, key: string, path: string): string {
  const value = string(o, key, path, 40);
  if (Number.isNaN(Date.parse(value))) throw new PayloadError(`${path}.${key}`);
  return value;
}
function oneOf<T extends string>(allowed: readonly T[], o: Obj, key: string, path: string): T {
  const value = o[key];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new PayloadError(`${path}.${key}`);
  return value as T;
}
function list<T>(value: unknown, path: string, each: (item: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) throw new PayloadError(path);
  return value.map((item, i) => each(item, `${path}[${i}]`));
}

export function parseAccount(value: unknown, path = 'account'): Account {
  const o = object(value, path);
  return {
    id: id(o, 'id', path),
    name: string(o, 'name', path, 200),
    services: list(o.services, `${path}.services`, (item, p) => {
      const s = object(item, p);
      return { id: id(s, 'id', p), name: string(s, 'name', p, 200) };
    }),
    notesEnabled: boolean(o, 'notesEnabled', path),
    requestTimeoutSeconds: count(o, 'requestTimeoutSeconds', path),
  };
}

export function parseMe(value: unknown, path = 'me'): Me {
  const o = object(value, path);
  const u = object(o.user, `${path}.user`);
  return {
    user: {
      id: id(u, 'id', `${path}.user`),
      name: string(u, 'name', `${path}.user`, 200),
      role: oneOf(ROLES, u, 'role', `${path}.user`),
      accountId: id(u, 'accountId', `${path}.user`),
    },
    account: parseAccount(o.account, `${path}.account`),
  };
}

export function parseProvider(value: unknown, path = 'provider'): Provider {
  const o = object(value, path);
  return {
    id: id(o, 'id', path),
    name: string(o, 'name', path, 200),
    specialty: string(o, 'specialty', path, 200),
    available: boolean(o, 'available', path),
    notesEnabled: boolean(o, 'notesEnabled', path),
    version: count(o, 'version', path),
  };
}

export function parseRequest(value: unknown, path = 'request'): SessionRequest {
  const o = object(value, path);
  const declineReason = o.declineReason === null || o.declineReason === undefined ? null : oneOf(DECLINE_REASONS, o, 'declineReason', path);
  return {
    id: id(o, 'id', path),
    requesterId: id(o, 'requesterId', path),
    requesterName: string(o, 'requesterName', path, 200),
    providerId: id(o, 'providerId', path),
    providerName: string(o, 'providerName', path, 200),
    serviceId: nullableId(o, 'serviceId', path),
    serviceName: nullableString(o, 'serviceName', path, 200),
    status: oneOf(REQUEST_STATUSES, o, 'status', path),
    createdAt: timestamp(o, 'createdAt', path),
    updatedAt: timestamp(o, 'updatedAt', path),
    expiresAt: timestamp(o, 'expiresAt', path),
    declineReason,
    declineNote: nullableString(o, 'declineNote', path, 1000),
    sessionId: nullableId(o, 'sessionId', path),
    dismissed: boolean(o, 'dismissed', path),
    queuePosition: o.queuePosition === null || o.queuePosition === undefined ? null : count(o, 'queuePosition', path),
    version: count(o, 'version', path),
  };
}

function parseParticipant(value: unknown, path: string): Participant {
  const o = object(value, path);
  return {
    userId: id(o, 'userId', path),
    name: string(o, 'name', path, 200),
    status: oneOf(PARTICIPANT_STATUSES, o, 'status', path),
  };
}

export function parseSession(value: unknown, path = 'session'): Session {
  const o = object(value, path);
  return {
    id: id(o, 'id', path),
    requestId: id(o, 'requestId', path),
    serviceName: nullableString(o, 'serviceName', path, 200),
    status: oneOf(SESSION_STATUSES, o, 'status', path),
    createdAt: timestamp(o, 'createdAt', path),
    requester: parseParticipant(o.requester, `${path}.requester`),
    provider: parseParticipant(o.provider, `${path}.provider`),
    version: count(o, 'version', path),
  };
}

export function parseChanges(value: unknown, path = 'changes'): Changes {
  const o = object(value, path);
  return {
    providers: list(o.providers ?? [], `${path}.providers`, parseProvider),
    requests: list(o.requests ?? [], `${path}.requests`, parseRequest),
    sessions: list(o.sessions ?? [], `${path}.sessions`, parseSession),
  };
}

export function parseSnapshot(value: unknown, path = 'snapshot'): Snapshot {
  const o = object(value, path);
  return {
    seq: count(o, 'seq', path),
    ...(o.epoch === undefined || o.epoch === null ? {} : { epoch: string(o, 'epoch', path, 200) }),
    me: parseMe(o.me, `${path}.me`),
    providers: list(o.providers, `${path}.providers`, parseProvider),
    requests: list(o.requests, `${path}.requests`, parseRequest),
    sessions: list(o.sessions, `${path}.sessions`, parseSession),
  };
}

/** A relayed signal; its payload stays opaque (the meeting adapter checks its own messages). */
export function parseSignal(value: unknown, path = 'signal'): Signal {
  const o = object(value, path);
  if (!('payload' in o)) throw new PayloadError(`${path}.payload`);
  return {
    sessionId: id(o, 'sessionId', path),
    fromUserId: id(o, 'fromUserId', path),
    type: oneOf(SIGNAL_TYPES, o, 'type', path),
    payload: o.payload,
  };
}

/** `GET /ice-servers`: the call's STUN and TURN servers (issue 18 §3). */
export function parseIceServers(value: unknown, path = 'iceServers'): IceServers {
  const o = object(value, path);
  return {
    iceServers: list(o.iceServers, `${path}.iceServers`, (item, at) => {
      const server = object(item, at);
      const urls = list(server.urls, `${at}.urls`, (url, urlPath) => {
        if (typeof url !== 'string' || !/^(stun|stuns|turn|turns):/.test(url) || url.length > 500) throw new PayloadError(urlPath);
        return url;
      });
      const username = nullableString(server, 'username', at, 500);
      const credential = nullableString(server, 'credential', at, 500);
      return { urls, ...(username === null ? {} : { username }), ...(credential === null ? {} : { credential }) };
    }),
    expiresAt: timestamp(o, 'expiresAt', path),
  };
}

export function parseLiveEvent(value: unknown, path = 'event'): LiveEvent {
  const o = object(value, path);
  const seq = count(o, 'seq', path);
  switch (o.type) {
    case 'provider':
      return { seq, type: 'provider', provider: parseProvider(o.provider, `${path}.provider`) };
    case 'request':
      return { seq, type: 'request', request: parseRequest(o.request, `${path}.request`) };
    case 'session':
      return { seq, type: 'session', session: parseSession(o.session, `${path}.session`) };
    case 'signal':
      return { seq, type: 'signal', signal: parseSignal(o.signal, `${path}.signal`) };
    default:
      throw new PayloadError(`${path}.type`);
  }
}
