/**
 * The audit trail a host keeps (HIPAA §164.312(b)): one record per state change the user asked
 * for, with who, what, on which ids, when, and how it ended. Ids, codes and times only — never a
 * name or a note — so a host can ship the records to any log store without holding patient data.
 */
import type { Clinic } from './clinic.js';
import type { ErrorCode } from './errors/error-codes.js';
import type { Changes, Command, CommandType, Role } from './model.js';

/** The user actions the trail records (meeting signalling is plumbing, not a user's decision). */
export const AUDITED_ACTIONS = [
  'request-session',
  'cancel-request',
  'accept-request',
  'decline-request',
  'dismiss-request',
  'set-availability',
  'enter-session',
  'leave-session',
] as const satisfies readonly CommandType[];
export type AuditedAction = (typeof AUDITED_ACTIONS)[number];

export interface AuditRecord {
  /** The signed-in user's id (null if the action ran before the clinic knew who is signed in). */
  actor: string | null;
  role: Role | null;
  action: AuditedAction;
  /** What the action was about: the provider (request-session, set-availability), the request or the session. */
  targetId: string;
  requestId: string | null;
  sessionId: string | null;
  /** When the outcome was known, ISO 8601. */
  at: string;
  /** `ok`, or the error code the action failed with. */
  outcome: 'ok' | ErrorCode;
  /** set-availability: the state asked for. */
  available?: boolean;
  /** accept-request: whether the provider entered at once (Accept and Enter). */
  enter?: boolean;
  /** decline-request: whether a note went with it (its text never does). */
  withNote?: boolean;
}

const audited: ReadonlySet<string> = new Set(AUDITED_ACTIONS);

function isAudited(action: CommandType): action is AuditedAction {
  return audited.has(action);
}

/** The request and session ids a command concerned, from the command and what the server answered. */
function idsOf(command: Command, changes: Changes): { requestId: string | null; sessionId: string | null } {
  const request = changes.requests[0];
  const session = changes.sessions[0];
  switch (command.type) {
    case 'request-session':
      return { requestId: request?.id ?? null, sessionId: null };
    case 'accept-request':
      return { requestId: command.requestId, sessionId: session?.id ?? request?.sessionId ?? null };
    case 'cancel-request':
    case 'decline-request':
    case 'dismiss-request':
      return { requestId: command.requestId, sessionId: null };
    case 'enter-session':
    case 'leave-session':
      return { requestId: session?.requestId ?? null, sessionId: command.sessionId };
    default:
      return { requestId: null, sessionId: null };
  }
}

/** What the action was about, as the core keys it (see `actionKey`). */
function targetOf(command: Command, actor: string | null): string {
  if (command.type === 'request-session') return command.providerId;
  if (command.type === 'set-availability') return actor ?? 'me';
  if ('requestId' in command) return command.requestId;
  return 'sessionId' in command ? command.sessionId : '';
}

/** The facts of a command worth keeping beside its ids: flags, never free text. */
function flagsOf(command: Command): Pick<AuditRecord, 'available' | 'enter' | 'withNote'> {
  if (command.type === 'set-availability') return { available: command.available };
  if (command.type === 'accept-request') return { enter: command.enter };
  if (command.type === 'decline-request') return { withNote: command.note !== null };
  return {};
}

/** The ids a failed action concerned; its target is the request or session except where noted. */
function idsOfFailure(action: AuditedAction, targetId: string): { requestId: string | null; sessionId: string | null } {
  if (action === 'enter-session' || action === 'leave-session') return { requestId: null, sessionId: targetId };
  if (action === 'request-session' || action === 'set-availability') return { requestId: null, sessionId: null };
  return { requestId: targetId, sessionId: null };
}

/**
 * Calls `listener` with one record for every audited action that ends, succeeded or failed
 * (refused by the client's own checks included). Returns the function that stops listening.
 */
export function watchAuditTrail(
  clinic: Pick<Clinic, 'on' | '$me'>,
  listener: (record: AuditRecord) => void,
  now: () => number = Date.now,
): () => void {
  const who = () => {
    const user = clinic.$me.get()?.user;
    return { actor: user?.id ?? null, role: user?.role ?? null };
  };
  const stops = [
    clinic.on('action-succeeded', ({ command, changes }) => {
      if (!isAudited(command.type)) return;
      const actor = who();
      listener({
        ...actor,
        action: command.type,
        targetId: targetOf(command, actor.actor),
        ...idsOf(command, changes),
        at: new Date(now()).toISOString(),
        outcome: 'ok',
        ...flagsOf(command),
      });
    }),
    clinic.on('action-failed', ({ action, targetId, error }) => {
      if (!isAudited(action)) return;
      listener({ ...who(), action, targetId, ...idsOfFailure(action, targetId), at: new Date(now()).toISOString(), outcome: error.code });
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
