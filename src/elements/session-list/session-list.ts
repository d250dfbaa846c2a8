import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ClinicElement } from '../internal/clinic-element.js';
import { FocusKeeper, keepFocus } from '../internal/focus-keeper.js';
import { blocks, controls, tokens } from '../internal/shared.styles.js';
import { hasEntered, SessionActions, shownStatus, viewOf, type SessionView } from '../internal/session-view.js';
import { sessionListStyles } from './session-list.styles.js';
import { isolate, sentence, visibleText } from '../internal/user-text.js';

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
  readonly #focus = new FocusKeeper(this);

  readonly #actions = new SessionActions(this, {
    ...this.forHelpers(),
    busy: this.watch((c) => c.$busy, {}),
    focus: this.#focus,
    // The waiting room beside the list shows the session entered: focus goes to its title (issue 20.2).
    handOffTo: (sessionId) => [`[data-focus-room][data-focus-session="${CSS.escape(sessionId)}"]`],
    // The focused button went away with the state it belonged to: keep the keyboard user nearby.
    restoreTo: (sessionId) => [`[data-session-id="${CSS.escape(sessionId)}"] [part="title"]`, '[part="heading"]'],
  });

  /**
   * Leaves the announcements about sessions the user has entered to the `<vc-waiting-room>` beside
   * it, so a screen reader hears each once (the dashboards set it).
   */
  @property({ type: Boolean, attribute: 'quiet-entered' })
  accessor quietEntered = false;
  #entered = new Set<string>();

  protected override forgetUser(): void {
    this.#focus.cancel();
    this.#entered.clear();
    this.#actions.reset();
  }

  #views(): SessionView[] {
    const me = this.#me.value;
    return me ? this.#sessions.value.map((session) => viewOf(session, me.user.id)) : [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('clinic') || !this.#me.value) {
      this.#actions.watcher.reset();
      return;
    }
    const views = this.#views();
    const entered = this.#entered;
    for (const view of views) if (hasEntered(view.self)) entered.add(view.session.id);
    const news = this.#actions.watcher.changes(views).filter(({ sessionId }) => !(this.quietEntered && entered.has(sessionId)));
    this.announcer.announce(news.map(({ key, name }) => this.localize.term(key, { name: isolate(name) })).join(' '));
  }

  #renderItem(view: SessionView) {
    const { session, self, other } = view;
    const t = this.localize;
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
        ${this.#actions.render(view, { error: `error-${session.id}`, leaveName: `leave-name-${session.id}` }, self.status !== 'not-arrived' && !(this.quietEntered && hasEntered(self)))}
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
