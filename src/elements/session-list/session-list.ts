import { html, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { actionKey, type ActionResult } from '../../core/command-runner.js';
import type { ErrorCode } from '../../core/errors/error-codes.js';
import type { CommandType } from '../../core/model.js';
import { ClinicElement } from '../internal/clinic-element.js';
import { stateParts } from '../internal/state-parts.js';
import { FocusKeeper, keepFocus } from '../internal/focus-keeper.js';
import { blocks, controls, tokens } from '../internal/shared.styles.js';
import { hasEntered, OtherParticipantWatcher, shownStatus, viewOf, type SessionView } from '../internal/session-view.js';
import { sessionListStyles } from './session-list.styles.js';
import { isolate, sentence, visibleText } from '../internal/user-text.js';

type SessionAction = Extract<CommandType, 'enter-session' | 'leave-session'>;

/**
 * @summary The open sessions of the signed-in user, newest first (SPEC R3, R8, R10). A requester
 * enters the waiting room from here (**Enter Waiting Room**); a provider sees the requester's
 * status change to **In Waiting Room** live and starts the meeting with **Enter Meeting**. Whoever
 * has entered can **Leave Session**, which ends it for both.
 *
 * @event vc-session-enter - Intent, cancelable: `detail.sessionId`, `detail.role` (the signed-in user's side).
 * @event vc-session-entered - The server took the entry: the requester is in the waiting room, the provider in the meeting.
 * @event vc-session-left - The user left; the session has ended for both.
 * @event vc-error - Entering or leaving failed; the item shows the message.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The "Sessions" heading that names the list.
 * @csspart list - The list of sessions.
 * @csspart item - One session.
 * @csspart title - "Session with …", the other participant's name.
 * @csspart service - The session's Account Service, when it has one.
 * @csspart created - The time the session was created.
 * @csspart participants - The participants and their statuses.
 * @csspart participant - The other participant's name.
 * @csspart participant-status - The other participant's status (Not Arrived, In Waiting Room, In Meeting, Left, or Disconnected once their tabs are all closed: presence, issue 16.6); `data-status` says which.
 * @csspart self - The label for the signed-in user ("You").
 * @csspart self-status - The signed-in user's own status.
 * @csspart actions - The buttons of one item.
 * @csspart enter-button - **Enter Waiting Room** (requester) or **Enter Meeting** (provider).
 * @csspart leave-button - **Leave Session**.
 * @csspart busy - With a button's own part while its action is under way (`enter-button busy`): style the busy state from outside (issue 19.5).
 * @csspart disabled - With a button's own part while it does not act (`enter-button disabled`).
 * @csspart error - The message shown when entering or leaving failed.
 * @csspart empty - "No sessions yet."
 *
 * @cssproperty --vc-session-list-gap - Space between the sessions.
 */
export class VcSessionList extends ClinicElement {
  static override styles = [tokens, controls, blocks, sessionListStyles];

  readonly #me = this.watch((c) => c.$me, null);
  readonly #sessions = this.watch((c) => c.$sessions, []);
  readonly #busy = this.watch((c) => c.$busy, {});
  readonly #watcher = new OtherParticipantWatcher();
  readonly #focus = new FocusKeeper(this);

  /** The last failure of each session's action, shown in its item until the next attempt. */
  @state() private accessor failures: Readonly<Record<string, { action: SessionAction; code: ErrorCode }>> = {};

  /**
   * Leaves the announcements about sessions the user has entered to the `<vc-waiting-room>` beside
   * it, so a screen reader hears each once (the dashboards set it).
   */
  @property({ type: Boolean, attribute: 'quiet-entered' })
  accessor quietEntered = false;
  #entered = new Set<string>();

  protected override forgetUser(): void {
    this.#watcher.reset();
    this.#focus.cancel();
    this.#entered.clear();
  }

  #views(): SessionView[] {
    const me = this.#me.value;
    return me ? this.#sessions.value.map((session) => viewOf(session, me.user.id)) : [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('clinic') || !this.#me.value) {
      this.#watcher.reset();
      return;
    }
    const views = this.#views();
    const entered = this.#entered;
    for (const view of views) if (hasEntered(view.self)) entered.add(view.session.id);
    const news = this.#watcher.changes(views).filter(({ sessionId }) => !(this.quietEntered && entered.has(sessionId)));
    this.announcer.announce(news.map(({ key, name }) => this.localize.term(key, { name: isolate(name) })).join(' '));
  }

  #isBusy(action: SessionAction, sessionId: string): boolean {
    return Boolean(this.#busy.value[actionKey(action, sessionId)]);
  }

  async #run(view: SessionView, action: SessionAction, button: HTMLElement): Promise<void> {
    const { session, role } = view;
    if (this.#isBusy('enter-session', session.id) || this.#isBusy('leave-session', session.id)) return;
    const hadFocus = this.#focus.holds(button);
    const { [session.id]: _previous, ...others } = this.failures;
    this.failures = others;
    const detail = { sessionId: session.id, role };
    let result: ActionResult | null;
    if (action === 'enter-session') {
      const entering = this.act('vc-session-enter', detail, { action, targetId: session.id }, (clinic) => clinic.enterSession(session.id));
      // The waiting room beside the list shows the session entered: focus goes to its title (issue 20.2).
      this.#focus.handOff(button, [`[data-focus-room][data-focus-session="${CSS.escape(session.id)}"]`], entering);
      result = await entering;
    } else {
      this.#watcher.leftHere(session.id);
      result = await this.perform({ action: 'leave-session', targetId: session.id }, (c) => c.leaveSession(session.id));
    }
    if (!result) return;
    if (!result.ok) {
      this.#focus.dropHandOff();
      this.failures = { ...this.failures, [session.id]: { action, code: result.error.code } };
      return;
    }
    this.fire(action === 'enter-session' ? 'vc-session-entered' : 'vc-session-left', detail);
    // The focused button went away with the state it belonged to: keep the keyboard user nearby.
    if (hadFocus) this.#focus.restore([`[data-session-id="${CSS.escape(session.id)}"] [part="title"]`, '[part="heading"]']);
  }



  #renderItem(view: SessionView) {
    const { session, role, self, other } = view;
    const t = this.localize;
    const failure = this.failures[session.id];
    const entering = this.#isBusy('enter-session', session.id);
    const leaving = this.#isBusy('leave-session', session.id);
    // R3: the requester enters once; R10: the provider starts the meeting when ready.
    const canEnter = role === 'requester' ? self.status === 'not-arrived' : self.status !== 'in-meeting';
    const errorId = `error-${session.id}`;
    return html`
      <li ${keepFocus()} part="item" data-session-id=${session.id}>
        <h3 ${keepFocus()} part="title" tabindex="-1" data-focus-session=${session.id} data-focus-request=${session.requestId}>${sentence((p) => t.term('sessions.with', p), { name: other.name })}</h3>
        <p class="meta">
          ${session.serviceName ? html`<span part="service" dir="auto">${visibleText(session.serviceName)}</span>` : nothing}
          <time part="created" datetime=${session.createdAt}>${t.term('sessions.created', { time: t.time(session.createdAt) })}</time>
        </p>
        <dl part="participants">
          <div>
            <dt part="participant" dir="auto">${visibleText(other.name)}</dt>
            <dd part="participant-status" data-status=${shownStatus(view, other)}>${t.term(`participant.${shownStatus(view, other)}`)}</dd>
          </div>
          <div>
            <dt part="self">${t.term('sessions.you')}</dt>
            <dd part="self-status" data-status=${shownStatus(view, self)}>${t.term(`participant.${shownStatus(view, self)}`)}</dd>
          </div>
        </dl>
        <div part="actions">
          ${canEnter
            ? html`<button ${keepFocus()}
                part=${stateParts('enter-button', { busy: entering, disabled: entering || leaving })}
                class="primary"
                type="button"
                aria-busy=${entering ? 'true' : 'false'}
                aria-disabled=${entering || leaving ? 'true' : 'false'}
                aria-describedby=${errorId}
                @click=${(event: Event) => this.#run(view, 'enter-session', event.currentTarget as HTMLElement)}
              >
                ${entering
                  ? t.term('sessions.entering')
                  : t.term(role === 'requester' ? 'sessions.enter-waiting-room' : 'sessions.enter-meeting')}
              </button>`
            : nothing}
          ${self.status !== 'not-arrived' && !(this.quietEntered && hasEntered(self))
            ? html`<span id="leave-name-${session.id}" hidden>${t.term('sessions.leave-with', { name: isolate(other.name) })}</span>
                <button ${keepFocus()}
                part=${stateParts('leave-button', { busy: leaving, disabled: entering || leaving })}
                class="danger"
                type="button"
                aria-labelledby=${ifDefined(leaving ? undefined : `leave-name-${session.id}`)}
                aria-busy=${leaving ? 'true' : 'false'}
                aria-disabled=${entering || leaving ? 'true' : 'false'}
                aria-describedby=${errorId}
                @click=${(event: Event) => this.#run(view, 'leave-session', event.currentTarget as HTMLElement)}
              >
                ${leaving ? t.term('sessions.leaving') : t.term('sessions.leave')}
              </button>`
            : nothing}
        </div>
        <p part="error" id=${errorId} class="error" ?hidden=${!failure}>${failure ? this.errorText(failure.code) : ''}</p>
      </li>
    `;
  }

  #renderContent() {
    const t = this.localize;
    if (!this.clinic) return html`<p>${t.term('common.no-clinic')}</p>`;
    if (!this.#me.value) return html`<p>${this.loadingText()}</p>`;
    const views = this.#views();
    return html`
      <h2 part="heading" id="heading" tabindex="-1">${t.term('sessions.label')}</h2>
      ${views.length === 0
        ? html`<p part="empty">${t.term('sessions.empty')}</p>`
        : html`<ul part="list" aria-labelledby="heading">
            ${repeat(
              views,
              (view) => view.session.id,
              (view) => this.#renderItem(view),
            )}
          </ul>`}
    `;
  }

  protected override render() {
    return html`
      <div part="base">
        ${this.#renderContent()}
      </div>
    `;
  }
}
