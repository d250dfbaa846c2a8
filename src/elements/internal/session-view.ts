/**
 * A session as one participant sees it: which side they are on, who the other participant is,
 * what to say when the other participant moves, and the one way to enter and leave it (SPEC R3,
 * R10): the **Enter Waiting Room** / **Enter Meeting** and **Leave Session** buttons with their
 * busy and disabled states, the intent and outcome events, the failure shown under the buttons
 * until the next attempt, and where focus goes once the pressed button is gone. Shared by
 * <vc-session-list> and <vc-waiting-room>.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ErrorCode } from '../../core/errors/error-codes.js';
import { actionKey, type CommandType, type Participant, type ParticipantStatus, type Role, type Session } from '../../core/model.js';
import type { MessageKey } from '../../i18n/en.js';
import type { LocalizeController } from '../../i18n/localize.js';
import type { ActionResult } from '../../core/actions.js';
import type { Clinic } from '../../core/clinic.js';
import type { ActionTarget, Watched } from './clinic-element.js';
import { keepFocus, type FocusKeeper } from './focus-keeper.js';
import { stateParts } from './state-parts.js';
import { isolate } from './user-text.js';

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


export type SessionAction = Extract<CommandType, 'enter-session' | 'leave-session'>;

interface SessionDetail {
  sessionId: string;
  role: Role;
}

/**
 * What the tag lends: ClinicElement's own `intent`, `ready`, `outcome`, `fire` and wording, bound to the tag
 * (`forHelpers()`: a controller cannot reach protected members), its clinic's busy flags and its
 * focus keeper; and where focus goes after a press.
 */
export interface SessionActionsOptions {
  busy: Watched<Readonly<Record<string, true>>>;
  focus: FocusKeeper;
  localize: LocalizeController;
  errorText(code: ErrorCode): string;
  intent(name: 'vc-session-enter', detail: SessionDetail, target: ActionTarget): Clinic | null;
  ready(target: ActionTarget): Clinic | null;
  outcome<R extends ActionResult>(target: ActionTarget, action: Promise<R>): Promise<R>;
  fire(name: 'vc-session-entered' | 'vc-session-left', detail: SessionDetail): boolean;
  /** Entering shows in another tag (the waiting room beside the list): focus goes there (issue 20.2). */
  handOffTo?(sessionId: string): readonly string[];
  /** Where focus goes when the pressed button went away with the state it belonged to. */
  restoreTo(sessionId: string): readonly string[];
}

/** The ids the buttons' labels and descriptions point at, unique within the tag. */
export interface SessionActionIds {
  error: string;
  leaveName: string;
}

export class SessionActions implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: SessionActionsOptions;
  /** The other participant's moves, as news; a session this tag's user left is not news to them. */
  readonly watcher = new OtherParticipantWatcher();
  /** The last failure of each session's action, shown until the next attempt. */
  #failures: Readonly<Record<string, { action: SessionAction; code: ErrorCode }>> = {};

  constructor(host: ReactiveControllerHost, options: SessionActionsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets the failures shown and the participants seen (another user). */
  reset(): void {
    this.#failures = {};
    this.watcher.reset();
  }

  isBusy(action: SessionAction, sessionId: string): boolean {
    return Boolean(this.#options.busy.value[actionKey(action, sessionId)]);
  }

  /** R3: the requester enters once; R10: the provider starts the meeting when ready. */
  canEnter({ role, self }: SessionView): boolean {
    return role === 'requester' ? self.status === 'not-arrived' : self.status !== 'in-meeting';
  }

  async run(view: SessionView, action: SessionAction, button: HTMLElement): Promise<void> {
    const { session, role } = view;
    const { focus } = this.#options;
    if (this.isBusy('enter-session', session.id) || this.isBusy('leave-session', session.id)) return;
    const hadFocus = focus.holds(button);
    const detail = { sessionId: session.id, role };
    const handOff = this.#options.handOffTo?.(session.id);
    const target: ActionTarget = { action, targetId: session.id };
    let result: ActionResult;
    // Each action is sent before the screen changes: the request leaves in this task (issue 15.5).
    if (action === 'enter-session') {
      const clinic = this.#options.intent('vc-session-enter', detail, target);
      if (!clinic) return;
      const entering = this.#options.outcome(target, clinic.enterSession(session.id));
      this.#setFailure(session.id, null);
      if (handOff) focus.handOff(button, handOff, entering);
      result = await entering;
    } else {
      const clinic = this.#options.ready(target);
      if (!clinic) return;
      this.watcher.leftHere(session.id);
      const leaving = this.#options.outcome(target, clinic.leaveSession(session.id));
      this.#setFailure(session.id, null);
      result = await leaving;
    }
    if (!result.ok) {
      if (handOff) focus.dropHandOff();
      this.#setFailure(session.id, { action, code: result.error.code });
      return;
    }
    this.#options.fire(action === 'enter-session' ? 'vc-session-entered' : 'vc-session-left', detail);
    if (hadFocus) focus.restore(this.#options.restoreTo(session.id));
  }

  /** The buttons (Leave Session only where `leave`) and the failure message under them. */
  render(view: SessionView, ids: SessionActionIds, leave: boolean) {
    const { session, role, other } = view;
    const t = this.#options.localize;
    const failure = this.#failures[session.id];
    const entering = this.isBusy('enter-session', session.id);
    const leaving = this.isBusy('leave-session', session.id);
    const press = (action: SessionAction) => (event: Event) => this.run(view, action, event.currentTarget as HTMLElement);
    return html`
      <div part="actions">
        ${this.canEnter(view)
          ? html`<button ${keepFocus()}
              part=${stateParts('enter-button', { busy: entering, disabled: entering || leaving })}
              class="primary"
              type="button"
              aria-busy=${entering ? 'true' : 'false'}
              aria-disabled=${entering || leaving ? 'true' : 'false'}
              aria-describedby=${ids.error}
              @click=${press('enter-session')}
            >
              ${entering ? t.term('sessions.entering') : t.term(role === 'requester' ? 'sessions.enter-waiting-room' : 'sessions.enter-meeting')}
            </button>`
          : nothing}
        ${leave
          ? html`<span id=${ids.leaveName} hidden>${t.term('sessions.leave-with', { name: isolate(other.name) })}</span>
              <button ${keepFocus()}
                part=${stateParts('leave-button', { busy: leaving, disabled: entering || leaving })}
                class="danger"
                type="button"
                aria-labelledby=${ifDefined(leaving ? undefined : ids.leaveName)}
                aria-busy=${leaving ? 'true' : 'false'}
                aria-disabled=${entering || leaving ? 'true' : 'false'}
                aria-describedby=${ids.error}
                @click=${press('leave-session')}
              >
                ${leaving ? t.term('sessions.leaving') : t.term('sessions.leave')}
              </button>`
          : nothing}
      </div>
      <p part="error" id=${ids.error} class="error" ?hidden=${!failure}>${failure ? this.#options.errorText(failure.code) : ''}</p>
    `;
  }

  #setFailure(sessionId: string, failure: { action: SessionAction; code: ErrorCode } | null): void {
    const { [sessionId]: _previous, ...others } = this.#failures;
    this.#failures = failure ? { ...others, [sessionId]: failure } : others;
    this.#host.requestUpdate();
  }
}
