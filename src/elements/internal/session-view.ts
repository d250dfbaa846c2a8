/**
 * A session as one participant sees it: which side they are on, who the other participant is, and
 * what to say when the other participant moves. Shared by <vc-session-list> and <vc-waiting-room>.
 */
import type { Participant, ParticipantStatus, Role, Session } from '../../core/model.js';
import type { MessageKey } from '../../i18n/en.js';

export interface SessionView {
  session: Session;
  role: Role;
  self: Participant;
  other: Participant;
  /** Both have entered: the requester is in the waiting room and the provider in the meeting (R10). */
  meeting: boolean;
}

export function hasEntered(participant: Participant): boolean {
  return participant.status === 'in-waiting-room' || participant.status === 'in-meeting';
}

export function viewOf(session: Session, userId: string): SessionView {
  const role: Role = session.provider.userId === userId ? 'provider' : 'requester';
  const self = role === 'provider' ? session.provider : session.requester;
  const other = role === 'provider' ? session.requester : session.provider;
  const meeting = session.provider.status === 'in-meeting' && hasEntered(session.requester);
  return { session, role, self, other, meeting };
}

/** What a participant is shown as: their status, or `disconnected` (presence, issue 16.6). */
export type ShownStatus = ParticipantStatus | 'disconnected';

/**
 * The status to show: a requester who waited is in the meeting once the provider has started it;
 * a participant whose streams have all been gone for the backend's grace period (`connected:
 * false`, issue 16.6) is shown as disconnected, whatever their last status, until they are back.
 */
export function shownStatus(view: SessionView, participant: Participant): ShownStatus {
  if (participant.connected === false && participant.status !== 'left') return 'disconnected';
  return view.meeting && participant.status === 'in-waiting-room' ? 'in-meeting' : participant.status;
}

export interface Announcement {
  sessionId: string;
  key: MessageKey;
  name: string;
}

/**
 * Remembers the other participant's status in each session and reports what changed since the last
 * look, once per change. A session seen for the first time says nothing (it was not a change the
 * user missed); a session that disappears ended, unless this tag's own user left it.
 */
export class OtherParticipantWatcher {
  #seen = new Map<string, Participant>();
  readonly #leftHere = new Set<string>();

  /** The user left this session from here: its disappearance is not news to them. */
  leftHere(sessionId: string): void {
    this.#leftHere.add(sessionId);
  }

  reset(): void {
    this.#seen = new Map();
    this.#leftHere.clear();
  }

  changes(views: readonly SessionView[]): Announcement[] {
    const announcements: Announcement[] = [];
    const next = new Map<string, Participant>();
    for (const view of views) {
      const before = this.#seen.get(view.session.id);
      const { other } = view;
      next.set(view.session.id, other);
      if (!before) continue;
      if (before.status === other.status) {
        // Presence (issue 16.6): shown as Disconnected, or back; said as well as shown (issue 20.3).
        const gone = other.connected === false && other.status !== 'left';
        if (gone !== (before.connected === false && before.status !== 'left')) {
          announcements.push({ sessionId: view.session.id, key: gone ? 'sessions.other-disconnected' : 'sessions.other-back', name: other.name });
        }
        continue;
      }
      if (other.status === 'in-waiting-room') announcements.push({ sessionId: view.session.id, key: 'waiting.provider-ready', name: other.name });
      else if (other.status === 'in-meeting') announcements.push({ sessionId: view.session.id, key: 'sessions.other-in-meeting', name: other.name });
    }
    for (const [sessionId, other] of this.#seen) {
      if (next.has(sessionId)) continue;
      if (!this.#leftHere.delete(sessionId)) announcements.push({ sessionId, key: 'sessions.ended', name: other.name });
    }
    this.#seen = next;
    return announcements;
  }
}
