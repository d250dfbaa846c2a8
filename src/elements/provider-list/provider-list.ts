import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { actionKey } from '../../core/model.js';
import type { ErrorCode } from '../../core/errors/error-codes.js';
import type { AccountService, Provider, SessionRequest } from '../../core/model.js';
import { ClinicElement, type ActionTarget } from '../internal/clinic-element.js';
import { FocusKeeper, keepFocus } from '../internal/focus-keeper.js';
import { LongListController, rowAttributes, type ListMode } from '../internal/long-list.js';
import { NowController } from '../internal/now-controller.js';
import { OutcomeEvents } from '../internal/outcome-events.js';
import { blocks, controls, tokens } from '../internal/shared.styles.js';
import { stateParts } from '../internal/state-parts.js';
import { providerListStyles } from './provider-list.styles.js';
import { isolate, sentence, visibleText } from '../internal/user-text.js';
import { withEntry } from '../internal/records.js';

/**
 * @summary The providers a requester may reach (SPEC R1), each with **Request Session Now**; a
 * service choice where the account has several (R2); while a request waits, how long it has waited
 * and **Cancel Request** (X3). A request to an unavailable provider is sent all the same: the
 * server declines it at once (R5) and `<vc-decline-notices>` shows that.
 *
 * At clinic scale it stays fast: from `filter-threshold` providers on, a **Find a provider** field
 * narrows the list by name or specialty as the user types; from 100 providers on, only the rows
 * near the viewport are rendered (each with `aria-setsize`/`aria-posinset`), and Arrow Up/Down,
 * Home and End move between providers.
 *
 *
 * @event vc-request-session - Intent, cancelable: `detail` has `providerId` and `serviceId`. Also fired when no service was chosen; the request is then refused with `vc-error` code `service-required`.
 * @event vc-request-sent - The server took the request; `detail.status` is `declined` when the provider was unavailable (R5).
 * @event vc-request-cancel - Intent, cancelable: `detail.requestId` is the request to withdraw.
 * @event vc-request-cancelled - The server cancelled the request: `detail` `{ requestId }`.
 * @event vc-request-accepted - The provider accepted the requester's request (it arrived over the live stream; issue 19.8): `detail` `{ requestId, sessionId, enter }`, `enter` false.
 * @event vc-request-declined - The provider declined the request, by hand or because they were unavailable (R5, R9; issue 19.8): `detail` `{ requestId, note }`.
 * @event vc-request-expired - The request expired unanswered (R4; issue 19.8): `detail` `{ requestId }`.
 * @event vc-error - A request or cancel failed; the message shows next to that provider.
 *
 * @csspart base - The wrapper.
 * @csspart busy - With a button's own part while its action is under way (`request-button busy`): style the busy state from outside.
 * @csspart disabled - With a button's own part while it does not act (`cancel-button disabled`).
 * @csspart heading - The list's visible heading.
 * @csspart filter - The label and field that narrow the list (shown from `filter-threshold` providers on).
 * @csspart filter-input - The search field.
 * @csspart no-match - The text shown when no provider matches what was typed.
 * @csspart list - The `<ul>` of providers.
 * @csspart item - One provider's `<li>` (focusable: Arrow Up/Down, Home and End move between them).
 * @csspart name - The provider's name.
 * @csspart specialty - The provider's specialty.
 * @csspart availability - "Available" / "Unavailable" / "Not reachable right now" (no dashboard of theirs open: presence, issue 16.6) with its dot; its class says which (`available`, `unavailable`, `not-connected`).
 * @csspart service-field - The label and select of the service choice.
 * @csspart service-select - The service `<select>` (accounts with several services, R2).
 * @csspart request-button - **Request Session Now**.
 * @csspart pending - "Request pending" and how long it has waited.
 * @csspart position - The requester's place in the provider's queue ("Number 2 in line.").
 * @csspart cancel-button - **Cancel Request**.
 * @csspart notify-button - **Notify Me When Available** (a toggle) under an unavailable provider (issue 6).
 * @csspart available-notice - "Dr. … is now available." once a provider the user asked about is.
 * @csspart error - The message shown when an action for that provider failed.
 * @csspart empty - The text shown when there are no providers.
 *
 * @cssproperty --vc-provider-available-color - The dot of an available provider.
 * @cssproperty --vc-provider-unavailable-color - The ring of an unavailable provider.
 */
export class VcProviderList extends ClinicElement {
  static override styles = [tokens, controls, blocks, providerListStyles];

  readonly #now = new NowController(this);
  readonly #me = this.watch((c) => c.$me, null);
  readonly #providers = this.watch((c) => c.$providers, []);
  readonly #outgoing = this.watch((c) => c.$outgoingRequests, []);
  readonly #requestById = this.watch((c) => c.$requestById, {});
  readonly #busy = this.watch((c) => c.$busy, {});
  readonly #watches = this.watch((c) => c.$availabilityWatches, {});
  readonly #arrivals = this.watch((c) => c.arrivals.$arrivals, []);
  /** Outcomes of the requester's requests that the provider or the server decided (issue 19.8). */
  readonly #outcomes = new OutcomeEvents(['accepted', 'declined', 'expired']);
  #stopListening: (() => void) | null = null;

  /** Providers who became available after the requester asked to be told (cleared by a request). */
  @state() private accessor nowAvailable: ReadonlySet<string> = new Set();

  /** The service picked for each provider, kept across failures and re-renders. */
  @state() private accessor choices: Readonly<Record<string, string>> = {};
  /** The last failure of an action for each provider, by provider id. */
  @state() private accessor errors: Readonly<Record<string, ErrorCode>> = {};
  /** What the polite live region says; emptied first so that the same words are said again. */

  /** What the user typed in the filter field. */
  @state() private accessor query = '';

  /** The visible heading; defaults to "Providers" in the page's language. */
  @property() accessor heading: string | undefined;

  /** From how many providers on the filter field shows (0: always). */
  @property({ attribute: 'filter-threshold', type: Number })
  accessor filterThreshold = 8;

  readonly #list = new LongListController(this);
  readonly #focus = new FocusKeeper(this);
  /** The last filtering, reused while neither the providers nor the query changed. */
  #filtered: { providers: readonly Provider[]; query: string; result: readonly Provider[] } | null = null;
  #announceCount: ReturnType<typeof setTimeout> | undefined;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#outcomes.fire(this);
    if (!changed.has('clinic')) return;
    this.#stopListening?.();
    this.#stopListening =
      this.clinic?.on('provider-available', ({ provider }) => {
        this.nowAvailable = new Set([...this.nowAvailable, provider.id]);
        this.announcer.announce(this.localize.term('providers.now-available', { provider: isolate(provider.name) }));
      }) ?? null;
  }

  /** The requests pending at the last render: one that left them accepted is news to the requester (issue 20.3). */
  #pendingBefore = new Set<string>();

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('clinic')) this.#outcomes.reset();
    void this.#arrivals.value; // watched so that the arrivals keep counting while this tag is on the page
    this.#outcomes.look(this.clinic);
    const pendingNow = new Set(this.#outgoing.value.map((r) => r.id));
    for (const id of this.#pendingBefore) {
      const request = this.#requestById.value[id];
      if (!pendingNow.has(id) && request?.status === 'accepted') {
        this.announcer.announce(this.localize.term('providers.accepted', { provider: isolate(request.providerName) }));
      }
    }
    this.#pendingBefore = changed.has('clinic') ? new Set() : pendingNow;
    // The provider answered while the user was on Cancel Request: focus follows the answer, to the
    // new session or the notice (issue 20.1); cancelled, Request Session Now takes it (FocusKeeper).
    const focused = this.shadowRoot?.activeElement;
    const requestId = focused?.getAttribute('data-request');
    const status = requestId ? this.#requestById.value[requestId]?.status : undefined;
    if (focused && requestId && status && status !== 'pending' && status !== 'cancelled') {
      this.#focus.handOff(focused, [`[data-focus-room][data-focus-request="${CSS.escape(requestId)}"]`, `[data-focus-request="${CSS.escape(requestId)}"]`]);
    }
  }

  protected override forgetUser(): void {
    this.#outcomes.reset();
    this.#pendingBefore = new Set();
    clearTimeout(this.#announceCount);
    this.#focus.cancel();
    this.#filtered = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopListening?.();
    this.#stopListening = null;
    clearTimeout(this.#announceCount);
  }

  /** The providers that match every word typed, in name or specialty (ignoring case and accents). */
  #visibleProviders(providers: readonly Provider[]): readonly Provider[] {
    const query = this.query;
    const cached = this.#filtered;
    if (cached && cached.providers === providers && cached.query === query) return cached.result;
    const words = fold(query).split(/\s+/).filter(Boolean);
    const result = words.length === 0 ? providers : providers.filter((p) => matches(p, words));
    this.#filtered = { providers, query, result };
    return result;
  }

  #onFilterInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    // Said once the user pauses, not at every key.
    clearTimeout(this.#announceCount);
    this.#announceCount = setTimeout(() => {
      if (!this.query.trim() || !this.clinic) return;
      const count = this.#visibleProviders(this.#providers.value).length;
      this.announcer.announce(this.localize.term('providers.filter-count', { count }));
    }, 600);
  }

  #onListKeydown(event: KeyboardEvent, count: number): void {
    this.#list.onKeydown(event, event.currentTarget as HTMLElement, count);
  }

  #toggleWatch(provider: Provider): void {
    const watching = Boolean(this.#watches.value[provider.id]);
    this.clinic?.watchAvailability(provider.id, !watching);
    if (!watching) this.announcer.announce(this.localize.term('providers.will-notify', { provider: isolate(provider.name) }));
  }

  #services(): AccountService[] {
    return this.#me.value?.account.services ?? [];
  }

  /** The pending request to `provider`, or the one being cancelled (shown until the server answers). */
  #pendingFor(provider: Provider): SessionRequest | undefined {
    const pending = this.#outgoing.value.find((r) => r.providerId === provider.id);
    if (pending) return pending;
    const busy = this.#busy.value;
    return Object.values(this.#requestById.value).find((r) => r.providerId === provider.id && busy[actionKey('cancel-request', r.id)]);
  }

  #setError(providerId: string, code: ErrorCode | null): void {
    this.errors = withEntry(this.errors, providerId, code);
  }

  /** After a re-render replaced the button the user pressed, focus goes to the provider's current one. */
  #keepFocus(providerId: string): void {
    const id = CSS.escape(providerId);
    this.#focus.restore([`#cancel-${id}, #request-${id}`]);
  }

  #onServiceChange(providerId: string, event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.choices = withEntry(this.choices, providerId, value);
    if (value && this.errors[providerId] === 'service-required') this.#setError(providerId, null);
  }

  async #request(provider: Provider): Promise<void> {
    if (this.#busy.value[actionKey('request-session', provider.id)]) return;
    const services = this.#services();
    const serviceId = services.length > 1 ? this.choices[provider.id] || null : (services[0]?.id ?? null);
    const action: ActionTarget = { action: 'request-session', targetId: provider.id };
    const clinic = this.intent('vc-request-session', { providerId: provider.id, serviceId }, action);
    if (!clinic) return;
    // Sent before the screen changes: the request leaves in this task (issue 15.5).
    const sending = this.outcome(action, clinic.requestSession(provider.id, serviceId));
    this.#setError(provider.id, null);
    const result = await sending;
    if (!result.ok) {
      this.#setError(provider.id, result.error.code);
      if (result.error.code === 'service-required') {
        this.#focus.restore([`#service-${CSS.escape(provider.id)}`], { always: true });
      }
      return;
    }
    if (this.nowAvailable.has(provider.id)) this.nowAvailable = new Set([...this.nowAvailable].filter((id) => id !== provider.id));
    const request = result.request;
    if (request) {
      this.fire('vc-request-sent', { requestId: request.id, providerId: request.providerId, serviceId: request.serviceId, status: request.status });
    }
    this.announcer.announce(this.localize.term('providers.sent', { provider: isolate(provider.name) }));
    this.#keepFocus(provider.id);
  }

  async #cancel(provider: Provider, request: SessionRequest): Promise<void> {
    if (this.#busy.value[actionKey('cancel-request', request.id)]) return;
    const action: ActionTarget = { action: 'cancel-request', targetId: request.id };
    const clinic = this.intent('vc-request-cancel', { requestId: request.id }, action);
    if (!clinic) return;
    const cancelling = this.outcome(action, clinic.cancelRequest(request.id));
    this.#setError(provider.id, null);
    const result = await cancelling;
    if (result.ok) {
      this.fire('vc-request-cancelled', { requestId: request.id });
      this.announcer.announce(this.localize.term('providers.cancelled', { provider: isolate(provider.name) }));
    } else {
      this.#setError(provider.id, result.error.code);
    }
    this.#keepFocus(provider.id);
  }

  protected override render() {
    const t = this.localize.term.bind(this.localize);
    if (!this.clinic) return html`<p part="base">${t('common.no-clinic')}</p>`;
    const providers = this.#providers.value;
    const loading = !this.#me.value;
    const withFilter = !loading && providers.length > 0 && providers.length >= this.filterThreshold;
    const visible = withFilter ? this.#visibleProviders(providers) : providers;
    return html`
      <section part="base" aria-labelledby="heading" aria-busy=${loading ? 'true' : 'false'}>
        <h2 part="heading" id="heading">${this.heading ?? t('providers.label')}</h2>
        ${withFilter
          ? html`<div part="filter" class="field filter">
              <label for="filter">${t('providers.filter-label')}</label>
              <input
                part="filter-input"
                id="filter"
                type="search"
                autocomplete="off"
                spellcheck="false"
                .value=${this.query}
                @input=${this.#onFilterInput}
              />
            </div>`
          : nothing}
        ${loading
          ? html`<p part="empty">${this.loadingText()}</p>`
          : providers.length === 0
            ? html`<p part="empty">${t('providers.empty')}</p>`
            : visible.length === 0
              ? html`<p part="no-match">${t('providers.no-match', { query: this.query.trim() })}</p>`
              : this.#renderList(visible)}
      </section>
    `;
  }

  #renderList(providers: readonly Provider[]) {
    const mode = this.#list.mode(providers.length);
    const rows = this.#list.rows(mode, providers, (p) => p.id, (p, index) => this.#renderProvider(p, mode, index, providers.length));
    const keydown = (event: KeyboardEvent) => this.#onListKeydown(event, providers.length);
    // A virtualized list is a different element: the virtualizer takes over its layout.
    return mode === 'virtual'
      ? html`<ul part="list" class="virtual" aria-labelledby="heading" @keydown=${keydown}>${rows}</ul>`
      : html`<ul part="list" aria-labelledby="heading" @keydown=${keydown}>${rows}</ul>`;
  }

  #renderProvider(provider: Provider, mode: ListMode, index: number, count: number) {
    const t = this.localize.term.bind(this.localize);
    const pending = this.#pendingFor(provider);
    const error = this.errors[provider.id];
    const id = provider.id;
    const { setsize, posinset } = rowAttributes(mode, index, count);
    return html`
      <li ${keepFocus()}
        part="item"
        data-provider-id=${id}
        data-index=${index}
        tabindex="-1"
        aria-labelledby="name-${id}"
        aria-setsize=${ifDefined(setsize)}
        aria-posinset=${ifDefined(posinset)}
      >
        <div class="identity">
          <h3 part="name" id="name-${id}" dir="auto">${visibleText(provider.name)}</h3>
          <span part="specialty" dir="auto">${visibleText(provider.specialty)}</span>
          <span part="availability" class=${availabilityOf(provider)}>
            <span class="dot" aria-hidden="true"></span>${t(`providers.${availabilityOf(provider)}`)}
          </span>
        </div>
        ${this.nowAvailable.has(id) && provider.available
          ? html`<p part="available-notice">${sentence((p) => t('providers.now-available', p), { provider: provider.name })}</p>`
          : nothing}
        <div class="actions">${pending ? this.#renderPending(provider, pending) : this.#renderRequest(provider)}</div>
        ${!provider.available && !pending
          ? html`<button ${keepFocus()}
              part="notify-button"
              type="button"
              aria-pressed=${this.#watches.value[id] ? 'true' : 'false'}
              aria-describedby="name-${id}"
              @click=${() => this.#toggleWatch(provider)}
            >
              ${t('providers.notify-when-available')}
            </button>`
          : nothing}
        <p part="error" id="error-${id}" class="error" ?hidden=${!error}>${error ? this.errorText(error) : ''}</p>
      </li>
    `;
  }

  #renderRequest(provider: Provider) {
    const t = this.localize.term.bind(this.localize);
    const id = provider.id;
    const services = this.#services();
    const busy = Boolean(this.#busy.value[actionKey('request-session', id)]);
    const choice = this.choices[id] ?? '';
    const invalid = this.errors[id] === 'service-required';
    return html`
      ${services.length > 1
        ? html`<div part="service-field" class="field">
            <label for="service-${id}" id="service-label-${id}">${t('providers.service')}</label>
            <select ${keepFocus()}
              part="service-select"
              id="service-${id}"
              aria-labelledby="service-label-${id} name-${id}"
              required
              aria-invalid=${invalid ? 'true' : 'false'}
              aria-describedby="error-${id}"
              @change=${(event: Event) => this.#onServiceChange(id, event)}
            >
              <option value="" ?selected=${!choice}>${t('providers.service-placeholder')}</option>
              ${services.map((s) => html`<option value=${s.id} ?selected=${choice === s.id}>${visibleText(s.name)}</option>`)}
            </select>
          </div>`
        : nothing}
      <span id="request-name-${id}" hidden>${t('providers.request-with', { provider: isolate(provider.name) })}</span>
      <button ${keepFocus()}
        part=${stateParts('request-button', { busy, disabled: busy })}
        id="request-${id}"
        data-focus-slot="request"
        class="primary"
        type="button"
        aria-labelledby=${ifDefined(busy ? undefined : `request-name-${id}`)}
        aria-describedby="error-${id}"
        aria-busy=${busy ? 'true' : 'false'}
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => this.#request(provider)}
      >
        ${busy ? t('providers.requesting') : t('providers.request')}
      </button>
    `;
  }

  #renderPending(provider: Provider, request: SessionRequest) {
    const t = this.localize.term.bind(this.localize);
    const id = provider.id;
    const busy = Boolean(this.#busy.value[actionKey('cancel-request', request.id)]);
    const waited = this.localize.duration(this.#now.now - Date.parse(request.createdAt));
    return html`
      <p part="pending">
        <span class="pending-status">${t('providers.pending')}</span>
        <span class="waited">${t('providers.waited', { duration: waited })}</span>
        ${request.queuePosition ? html`<span part="position" class="position">${t('providers.position', { position: request.queuePosition })}</span>` : nothing}
      </p>
      <span id="cancel-name-${id}" hidden>${t('providers.cancel-with', { provider: isolate(provider.name) })}</span>
      <button ${keepFocus()}
        part=${stateParts('cancel-button', { busy, disabled: busy })}
        id="cancel-${id}"
        data-focus-slot="request"
        data-request=${request.id}
        type="button"
        aria-labelledby=${ifDefined(busy ? undefined : `cancel-name-${id}`)}
        aria-describedby="error-${id}"
        aria-busy=${busy ? 'true' : 'false'}
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => this.#cancel(provider, request)}
      >
        ${busy ? t('providers.cancelling') : t('providers.cancel')}
      </button>
    `;
  }
}

/** Lower case without accents, so that "reyes" finds "Reyés" and "cardio" finds "Cardiology". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Each provider's searchable text, folded once (a provider object is replaced, never changed). */
const searchText = new WeakMap<Provider, string>();
function matches(provider: Provider, words: readonly string[]): boolean {
  let text = searchText.get(provider);
  if (text === undefined) {
    text = fold(`${provider.name} ${provider.specialty}`);
    searchText.set(provider, text);
  }
  return words.every((word) => text.includes(word));
}

/**
 * What the availability part says: Available, Unavailable, or — for an available provider with no
 * dashboard open for the backend's grace period (`connected: false`, issue 16.6) — Not reachable
 * right now (a request to them would be declined at once).
 */
function availabilityOf(provider: Provider): 'available' | 'unavailable' | 'not-connected' {
  if (!provider.available) return 'unavailable';
  return provider.connected === false ? 'not-connected' : 'available';
}
