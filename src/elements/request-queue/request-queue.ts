import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MAX_NOTE_LENGTH } from '../../core/clinic.js';
import type { ErrorCode } from '../../core/errors/error-codes.js';
import { actionKey, type SessionRequest } from '../../core/model.js';
import { ArrivalReader } from '../../core/arrivals.js';
import { OutcomeEvents } from '../internal/outcome-events.js';
import { ClinicElement, type ActionTarget } from '../internal/clinic-element.js';
import { FocusKeeper, keepFocus } from '../internal/focus-keeper.js';
import { LongListController, rowAttributes, type ListMode } from '../internal/long-list.js';
import { NowController } from '../internal/now-controller.js';
import { blocks, controls, tokens } from '../internal/shared.styles.js';
import { stateParts } from '../internal/state-parts.js';
import { requestQueueStyles } from './request-queue.styles.js';
import { isolate, isolateParams, sentence, visibleText } from '../internal/user-text.js';
import { without, withEntry } from '../internal/records.js';

/**
 * @summary The provider's incoming session requests, newest first (SPEC R7), each with
 * **Accept**, **Accept and Enter** (R8) and **Decline** with an optional note (R9). A request that
 * arrives while the provider is available is highlighted and announced to screen readers (X2).
 * From 100 requests on, only the rows near the viewport are rendered (each with
 * `aria-setsize`/`aria-posinset`); Arrow Up/Down, Home and End move between requests.
 *
 * @event vc-request-received - A new request reached the queue of an available provider: `detail` `{ requestId, serviceId }` (not cancelable; for a host's own alerts).
 * @event vc-request-accept - Intent, cancelable: `detail` `{ requestId, enter }`.
 * @event vc-request-accepted - The server accepted: `detail` `{ requestId, sessionId, enter }`.
 * @event vc-request-decline - Intent, cancelable: `detail` `{ requestId }`.
 * @event vc-request-declined - The server declined: `detail` `{ requestId, note }`, `note` being what the provider typed (or null).
 * @event vc-request-cancelled - The requester withdrew a request that was waiting here (it arrived over the live stream; issue 19.8).
 * @event vc-request-expired - A request that was waiting here expired unanswered (R4; issue 19.8).
 * @event vc-error - An action failed: `detail` `{ action, targetId, code }`; the queue shows the message.
 *
 * @csspart base - The wrapper.
 * @csspart busy - With a button's own part while its action is under way (`accept-button busy`): style the busy state from outside.
 * @csspart disabled - With a button's own part while it does not act, another action on its request being under way (`decline-button disabled`).
 * @csspart heading - The queue's heading.
 * @csspart list - The list of requests.
 * @csspart item - One request (focusable: Arrow Up/Down, Home and End move between them); also carries the `new` part while it is highlighted as new.
 * @csspart new - The item of a request that just arrived (with `item`).
 * @csspart new-badge - The "New" badge of such an item.
 * @csspart overdue - The item of the oldest request once it has waited longer than `overdue-after` (with `item`).
 * @csspart overdue-badge - The "Waiting long" badge of that item.
 * @csspart requester - The requester's name.
 * @csspart service - The Account Service, in parentheses.
 * @csspart waited - How long the requester has waited.
 * @csspart requested-at - The time of the request.
 * @csspart actions - The row of buttons.
 * @csspart accept-button - **Accept**.
 * @csspart accept-enter-button - **Accept and Enter**.
 * @csspart decline-button - **Decline** (opens the decline form).
 * @csspart decline-form - The inline decline form.
 * @csspart note-label - The label of the note field.
 * @csspart note - The note field (only where the provider's account has notes enabled).
 * @csspart note-help - The note's help text.
 * @csspart note-count - The note's character count.
 * @csspart confirm - "Decline this request?" (where notes are not enabled).
 * @csspart send-decline-button - **Send Decline**.
 * @csspart keep-button - **Keep Request** (closes the form).
 * @csspart error - A failure message: on its request, or for the queue once the request left it.
 * @csspart empty - "No one is waiting."
 * @csspart loading - Shown until the clinic has loaded.
 *
 * @cssproperty --vc-queue-highlight-color - Background of a new request.
 * @cssproperty --vc-queue-highlight-accent - The edge marking a new request.
 * @cssproperty --vc-queue-overdue-color - The edge and badge of the request that has waited long.
 */
export class VcRequestQueue extends ClinicElement {
  static override styles = [tokens, controls, blocks, requestQueueStyles];

  /** The level of the heading, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number })
  accessor headingLevel = 2;

  /** How long a new request stays highlighted unless the provider interacts with it, in ms. */
  @property({ attribute: 'highlight-duration', type: Number })
  accessor highlightDuration = 10_000;

  /** After how many seconds of waiting the oldest request is marked as waiting long (0: never). */
  @property({ attribute: 'overdue-after', type: Number })
  accessor overdueAfter = 300;

  readonly #now = new NowController(this);
  readonly #me = this.watch((c) => c.$me, null);
  readonly #provider = this.watch((c) => c.$myProvider, null);
  readonly #requests = this.watch((c) => c.$incomingRequests, []);
  readonly #requestById = this.watch((c) => c.$requestById, {});
  /** The requests queued at the last render: one that left as cancelled is news to the provider (issue 20.3). */
  #queuedBefore = new Set<string>();
  readonly #busy = this.watch((c) => c.$busy, {});
  readonly #arrivals = this.watch((c) => c.arrivals.$arrivals, []);
  readonly #list = new LongListController(this);
  readonly #focus = new FocusKeeper(this);

  /** What reached the queue since this tag's last look (core/arrivals.ts). */
  readonly #arrived = new ArrivalReader('request');
  /** Requests highlighted as new, with the timer that ends the highlight. */
  readonly #freshTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Requests that stopped waiting without the provider's hand: the requester withdrew, or they expired (issue 19.8). */
  readonly #outcomes = new OutcomeEvents(['cancelled', 'expired']);
  /** New requests to tell the host about after this render. */
  #received: SessionRequest[] = [];
  /** The requests shown as new (highlighted) until their highlight's time is up, or the provider reaches them. */
  @state() private accessor fresh: ReadonlySet<string> = new Set();
  /** The request whose decline form is open. */
  @state() private accessor declining: string | null = null;
  /** What the provider typed per request; kept until the decline succeeds. */
  @state() private accessor drafts: Readonly<Record<string, string>> = {};
  /** Which button started the running accept, by request id (for its "Accepting…" label). */
  @state() private accessor acceptingEnter: Readonly<Record<string, boolean>> = {};
  /** The last failure of an action for each request, by request id. */
  @state() private accessor errors: Readonly<Record<string, ErrorCode>> = {};
  /** The failure of a request that has since left the queue (cancelled, expired, answered elsewhere). */
  @state() private accessor queueError: ErrorCode | null = null;
  #focusedRequest: string | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of this.#freshTimers.values()) clearTimeout(timer);
    this.#freshTimers.clear();
    this.fresh = new Set();
  }

  protected override forgetUser(): void {
    // The @state fields go back by themselves (ClinicElement): what remains are timers and readers.
    for (const timer of this.#freshTimers.values()) clearTimeout(timer);
    this.#freshTimers.clear();
    this.#arrived.reset();
    this.#outcomes.reset();
    this.#received = [];
    this.#focusedRequest = null;
    this.#focus.cancel();
    this.#queuedBefore = new Set();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('clinic')) {
      this.#arrived.reset();
      this.#outcomes.reset();
    }
    this.#noticeNewRequests();
    this.#noticeCancelled(changed.has('clinic'));
    this.#outcomes.look(this.clinic);
    this.#forgetDeparted();
  }

  #noticeCancelled(newClinic: boolean): void {
    const queued = new Set(this.#requests.value.map((r) => r.id));
    const cancelled = [...this.#queuedBefore].map((id) => this.#requestById.value[id]).filter((r) => r && !queued.has(r.id) && r.status === 'cancelled');
    if (cancelled.length > 0) this.announcer.announce(cancelled.map((r) => this.localize.term('queue.cancelled', { requester: isolate(r!.requesterName) })).join(' '));
    this.#queuedBefore = newClinic ? new Set() : queued;
  }

  protected override updated(): void {
    for (const request of this.#received.splice(0)) this.fire('vc-request-received', { requestId: request.id, serviceId: request.serviceId });
    this.#outcomes.fire(this);
  }

  /** X2, R6: what arrived since the last look (core/arrivals.ts); only an available provider is alerted. */
  #noticeNewRequests(): void {
    const clinic = this.clinic;
    if (!clinic || !this.#me.value) {
      this.#arrived.reset();
      return;
    }
    void this.#arrivals.value; // watched so that the arrivals keep counting while this tag is on the page
    const arrived = this.#arrived.next(clinic.arrivals, this.#requests.value);
    if (arrived.length === 0 || !this.#provider.value?.available) return;
    for (const request of arrived) this.#highlight(request.id);
    this.#received.push(...arrived);
    this.announcer.announce(arrived.map((r) => this.localize.term('queue.new-request', isolateParams({ requester: r.requesterName, service: r.serviceName ?? '' }))).join(' '));
  }

  /** Forgets what belonged to requests that left the queue; a failure of theirs moves to the queue. */
  #forgetDeparted(): void {
    const present = new Set(this.#requests.value.map((r) => r.id));
    const departed = Object.keys(this.errors).filter((id) => !present.has(id));
    if (departed.length > 0) {
      this.queueError = this.errors[departed.at(-1)!]!;
      this.errors = without(this.errors, ...departed);
    }
    for (const id of this.fresh) if (!present.has(id)) this.#unhighlight(id);
    if (this.declining && !present.has(this.declining)) this.declining = null;
    if (this.#focusedRequest && !present.has(this.#focusedRequest)) {
      this.#focusedRequest = null;
      if (!this.#focus.pending) this.#focusList();
    }
  }

  #highlight(requestId: string): void {
    clearTimeout(this.#freshTimers.get(requestId));
    this.#freshTimers.set(
      requestId,
      setTimeout(() => this.#unhighlight(requestId), this.highlightDuration),
    );
    this.fresh = new Set([...this.fresh, requestId]);
  }

  #unhighlight(requestId: string): void {
    if (!this.fresh.has(requestId)) return;
    clearTimeout(this.#freshTimers.get(requestId));
    this.#freshTimers.delete(requestId);
    this.fresh = new Set([...this.fresh].filter((id) => id !== requestId));
  }

  /** The request that held focus went away: the list takes it, unless the user moved on. */
  #focusList(): void {
    this.#focus.restore(['[part="list"]', '[part="heading"]']);
  }

  #isBusy(requestId: string): boolean {
    const busy = this.#busy.value;
    return Boolean(busy[actionKey('accept-request', requestId)] || busy[actionKey('decline-request', requestId)]);
  }

  /** After an action was sent (the request leaves before this re-renders the queue, issue 15.5). */
  #beginAction(requestId: string): void {
    this.errors = without(this.errors, requestId);
    this.queueError = null;
    this.#unhighlight(requestId);
  }

  async #accept(request: SessionRequest, enter: boolean, button: Element): Promise<void> {
    const requestId = request.id;
    if (this.#isBusy(requestId)) return;
    const action: ActionTarget = { action: 'accept-request', targetId: requestId };
    const clinic = this.intent('vc-request-accept', { requestId, enter }, action);
    if (!clinic) return;
    const accepting = this.outcome(action, clinic.acceptRequest(requestId, { enter }));
    this.#beginAction(requestId);
    this.acceptingEnter = withEntry(this.acceptingEnter, requestId, enter);
    // Focus goes to the new session (the waiting room's, once entered), not to the queue (issue 20.2).
    const target = `[data-focus-request="${CSS.escape(requestId)}"]`;
    this.#focus.handOff(button, [...(enter ? [`[data-focus-room]${target}`] : []), target], accepting);
    const result = await accepting;
    this.acceptingEnter = without(this.acceptingEnter, requestId);
    if (result.ok) {
      const sessionId = result.session?.id ?? '';
      this.fire('vc-request-accepted', { requestId, sessionId, enter });
      this.announcer.announce(this.localize.term('queue.accepted', { requester: isolate(request.requesterName) }));
    } else {
      this.#focus.dropHandOff();
      this.#fail(requestId, result.error.code);
    }
  }

  async #sendDecline(event: Event, request: SessionRequest): Promise<void> {
    event.preventDefault();
    const requestId = request.id;
    if (this.#isBusy(requestId)) return;
    const note = this.#provider.value?.notesEnabled ? (this.drafts[requestId] ?? '').trim() || null : null;
    const action: ActionTarget = { action: 'decline-request', targetId: requestId };
    const clinic = this.intent('vc-request-decline', { requestId }, action);
    if (!clinic) return;
    const declining = this.outcome(action, clinic.declineRequest(requestId, note));
    this.#beginAction(requestId);
    const result = await declining;
    if (result.ok) {
      this.drafts = without(this.drafts, requestId);
      if (this.declining === requestId) this.declining = null;
      this.fire('vc-request-declined', { requestId, note });
      this.announcer.announce(this.localize.term('queue.declined', { requester: isolate(request.requesterName) }));
      this.#focusList();
    } else {
      this.#fail(requestId, result.error.code);
    }
  }

  #fail(requestId: string, code: ErrorCode): void {
    if (this.#requests.value.some((r) => r.id === requestId)) this.errors = withEntry(this.errors, requestId, code);
    else this.queueError = code;
  }

  #openDeclineForm(requestId: string): void {
    this.declining = requestId;
    this.#unhighlight(requestId);
    this.#focus.restore([`#decline-form-${CSS.escape(requestId)} [data-autofocus]`, '[part="list"]', '[part="heading"]'], { always: true });
  }

  #closeDeclineForm(requestId: string): void {
    if (this.declining !== requestId) return;
    this.declining = null;
    this.#focus.restore([`#item-${CSS.escape(requestId)} [part='decline-button']`, '[part="list"]', '[part="heading"]'], { always: true });
  }

  #onFormKeydown(event: KeyboardEvent, requestId: string): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.#closeDeclineForm(requestId);
  }

  #onNoteInput(event: Event, requestId: string): void {
    this.drafts = withEntry(this.drafts, requestId, (event.target as HTMLTextAreaElement).value);
  }

  #onItemFocusIn(requestId: string): void {
    this.#focusedRequest = requestId;
    // A press focuses the button on pointerdown: the highlight waits for the pointer to come up,
    // or the layout would shift under it and the click be lost (the badge takes space).
    if (!this.#pointerDown) this.#unhighlight(requestId);
  }

  #pointerDown = false;

  #onListFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (!next || !(this.renderRoot as ShadowRoot).contains(next)) this.#focusedRequest = null;
  }

  protected override render() {
    const t = this.localize.term.bind(this.localize);
    if (!this.clinic) return html`<p part="base">${t('common.no-clinic')}</p>`;
    const loaded = Boolean(this.#me.value);
    const requests = this.#requests.value;
    return html`
      <section part="base" aria-labelledby="heading">
        <div part="heading" id="heading" role="heading" aria-level=${this.headingLevel} tabindex="-1">${t('queue.label')}</div>
        ${!loaded
          ? html`<p part="loading">${this.loadingText()}</p>`
          : requests.length === 0
            ? html`<p part="empty">${t('queue.empty')}</p>`
            : this.#renderList(requests)}
        <p part="error" class="error queue-error">${this.queueError ? this.errorText(this.queueError) : ''}</p>
      </section>
    `;
  }

  #renderList(requests: readonly SessionRequest[]) {
    const mode = this.#list.mode(requests.length);
    const rows = this.#list.rows(mode, requests, (r) => r.id, (r, index) => this.#renderItem(r, mode, index, requests.length));
    const keydown = (event: KeyboardEvent) => this.#list.onKeydown(event, event.currentTarget as HTMLElement, requests.length);
    // A virtualized list is a different element: the virtualizer takes over its layout.
    return mode === 'virtual'
      ? html`<ul part="list" class="virtual" aria-labelledby="heading" tabindex="-1" @focusout=${this.#onListFocusOut} @keydown=${keydown}>${rows}</ul>`
      : html`<ul part="list" aria-labelledby="heading" tabindex="-1" @focusout=${this.#onListFocusOut} @keydown=${keydown}>${rows}</ul>`;
  }

  #renderItem(request: SessionRequest, mode: ListMode, index: number, count: number) {
    const t = this.localize.term.bind(this.localize);
    const id = request.id;
    const isNew = this.fresh.has(id);
    const busy = this.#isBusy(id);
    const accepting = Boolean(this.#busy.value[actionKey('accept-request', id)]);
    const acceptingEnter = this.acceptingEnter[id] === true;
    const error = this.errors[id];
    const waitedMs = this.#now.now - Date.parse(request.createdAt);
    const declining = this.declining === id;
    const requests = this.#requests.value;
    // Newest first, so the oldest is last: it alone is marked once it has waited too long.
    const overdue = this.overdueAfter > 0 && request === requests[requests.length - 1] && waitedMs >= this.overdueAfter * 1000;
    const parts = ['item', ...(isNew ? ['new'] : []), ...(overdue ? ['overdue'] : [])].join(' ');
    const { setsize, posinset } = rowAttributes(mode, index, count);
    return html`
      <li ${keepFocus()}
        part=${parts}
        ?data-overdue=${overdue}
        id="item-${id}"
        data-index=${index}
        tabindex="-1"
        aria-setsize=${ifDefined(setsize)}
        aria-posinset=${ifDefined(posinset)}
        ?data-new=${isNew}
        aria-labelledby="requester-${id}"
        @focusin=${() => this.#onItemFocusIn(id)}
        @pointerdown=${() => (this.#pointerDown = true)}
        @pointerup=${() => {
          this.#pointerDown = false;
          this.#unhighlight(id);
        }}
        @pointercancel=${() => (this.#pointerDown = false)}
      >
        <p class="who" id="requester-${id}">
          <span part="requester" dir="auto">${visibleText(request.requesterName)}</span>
          ${request.serviceName ? html` <span part="service">${sentence((p) => t('queue.service', p), { service: request.serviceName })}</span>` : nothing}
          ${isNew ? html` <span part="new-badge">${t('queue.new')}</span>` : nothing}
          ${overdue ? html` <span part="overdue-badge">${t('queue.overdue')}</span>` : nothing}
        </p>
        <p class="meta">
          <span part="waited">${t('queue.waited', { duration: this.localize.duration(waitedMs) })}</span>
          <time part="requested-at" datetime=${request.createdAt}>${t('queue.requested-at', { time: this.localize.time(request.createdAt) })}</time>
        </p>
        <div part="actions">
          <button ${keepFocus()}
            part=${stateParts('accept-button', { busy: accepting && !acceptingEnter, disabled: busy })}
            class="primary"
            type="button"
            aria-disabled=${busy ? 'true' : 'false'}
            aria-busy=${accepting && !acceptingEnter ? 'true' : 'false'}
            aria-describedby="error-${id}"
            @click=${(event: Event) => this.#accept(request, false, event.currentTarget as Element)}
          >
            ${accepting && !acceptingEnter ? t('queue.accepting') : t('queue.accept')}
          </button>
          <button ${keepFocus()}
            part=${stateParts('accept-enter-button', { busy: accepting && acceptingEnter, disabled: busy })}
            type="button"
            aria-disabled=${busy ? 'true' : 'false'}
            aria-busy=${accepting && acceptingEnter ? 'true' : 'false'}
            aria-describedby="error-${id}"
            @click=${(event: Event) => this.#accept(request, true, event.currentTarget as Element)}
          >
            ${accepting && acceptingEnter ? t('queue.accepting') : t('queue.accept-and-enter')}
          </button>
          <button ${keepFocus()}
            part=${stateParts('decline-button', { disabled: busy })}
            class="danger"
            type="button"
            aria-disabled=${busy ? 'true' : 'false'}
            aria-expanded=${declining ? 'true' : 'false'}
            aria-controls=${declining ? `decline-form-${id}` : nothing}
            @click=${() => (busy ? undefined : declining ? this.#closeDeclineForm(id) : this.#openDeclineForm(id))}
          >
            ${t('queue.decline')}
          </button>
        </div>
        ${declining ? this.#renderDeclineForm(request) : nothing}
        <p part="error" class="error" id="error-${id}">${error ? this.errorText(error) : ''}</p>
      </li>
    `;
  }

  #renderDeclineForm(request: SessionRequest) {
    const t = this.localize.term.bind(this.localize);
    const id = request.id;
    const declineBusy = Boolean(this.#busy.value[actionKey('decline-request', id)]);
    const notesEnabled = Boolean(this.#provider.value?.notesEnabled);
    const draft = this.drafts[id] ?? '';
    return html`
      <form ${keepFocus()}
        part="decline-form"
        id="decline-form-${id}"
        aria-label=${t('queue.decline-form-label', { requester: isolate(request.requesterName) })}
        @submit=${(event: Event) => this.#sendDecline(event, request)}
        @keydown=${(event: KeyboardEvent) => this.#onFormKeydown(event, id)}
      >
        ${notesEnabled
          ? html`
              <label part="note-label" for="note-${id}">${t('queue.note-label')}</label>
              <textarea ${keepFocus()}
                part="note"
                id="note-${id}"
                rows="3"
                maxlength=${MAX_NOTE_LENGTH}
                aria-describedby="note-help-${id} note-count-${id} error-${id}"
                .value=${draft}
                data-autofocus
                @input=${(event: Event) => this.#onNoteInput(event, id)}
              ></textarea>
              <p class="help">
                <span part="note-help" id="note-help-${id}">${t('queue.note-help', { max: MAX_NOTE_LENGTH })}</span>
                <span part="note-count" id="note-count-${id}">${t('queue.note-count', { count: draft.length, max: MAX_NOTE_LENGTH })}</span>
              </p>
            `
          : html`<p part="confirm" id="confirm-${id}">${t('queue.confirm-decline')}</p>`}
        <div class="form-actions">
          <button ${keepFocus()}
            part=${stateParts('send-decline-button', { busy: declineBusy, disabled: declineBusy })}
            class="danger"
            type="submit"
            aria-disabled=${declineBusy ? 'true' : 'false'}
            aria-busy=${declineBusy ? 'true' : 'false'}
            aria-describedby=${notesEnabled ? `error-${id}` : `confirm-${id} error-${id}`}
          >
            ${declineBusy ? t('queue.declining') : t('queue.send-decline')}
          </button>
          <button ${keepFocus()} part="keep-button" type="button" ?data-autofocus=${!notesEnabled} @click=${() => this.#closeDeclineForm(id)}>${t('queue.keep')}</button>
        </div>
      </form>
    `;
  }
}
