import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { actionKey } from '../../core/command-runner.js';
import type { ErrorCode } from '../../core/errors/error-codes.js';
import type { AccountService, Provider, SessionRequest } from '../../core/model.js';
import { ClinicElement } from '../clinic-element.js';
import { NowController } from '../now-controller.js';
import { controls, tokens } from '../shared.styles.js';
import { providerListStyles } from './provider-list.styles.js';

/**
 * @summary The providers a requester may reach (SPEC R1), each with **Request Session Now**; a
 * service choice where the account has several (R2); while a request waits, how long it has waited
 * and **Cancel Request** (X3). A request to an unavailable provider is sent all the same: the
 * server declines it at once (R5) and `<vc-decline-notices>` shows that.
 *
 * @slot - None: the tag renders everything from the clinic's stores.
 *
 * @event vc-request-session - Intent, cancelable: `detail` has `providerId` and `serviceId`. Also fired when no service was chosen; the request is then refused with `vc-error` code `service-required`.
 * @event vc-request-sent - The server took the request; `detail.status` is `declined` when the provider was unavailable (R5).
 * @event vc-request-cancel - Intent, cancelable: `detail.requestId` is the request to withdraw.
 * @event vc-request-cancelled - The server cancelled the request.
 * @event vc-error - A request or cancel failed; the message shows next to that provider.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The list's visible heading.
 * @csspart list - The `<ul>` of providers.
 * @csspart item - One provider's `<li>`.
 * @csspart name - The provider's name.
 * @csspart specialty - The provider's specialty.
 * @csspart availability - "Available" / "Unavailable" with its dot.
 * @csspart service-field - The label and select of the service choice.
 * @csspart service-select - The service `<select>` (accounts with several services, R2).
 * @csspart request-button - **Request Session Now**.
 * @csspart pending - "Request pending" and how long it has waited.
 * @csspart cancel-button - **Cancel Request**.
 * @csspart error - The message shown when an action for that provider failed.
 * @csspart empty - The text shown when there are no providers.
 *
 * @cssproperty --vc-provider-available-color - The dot of an available provider.
 * @cssproperty --vc-provider-unavailable-color - The ring of an unavailable provider.
 */
export class VcProviderList extends ClinicElement {
  static override styles = [tokens, controls, providerListStyles];

  readonly #now = new NowController(this);
  readonly #me = this.watch((c) => c.$me, null);
  readonly #providers = this.watch((c) => c.$providers, []);
  readonly #outgoing = this.watch((c) => c.$outgoingRequests, []);
  readonly #requestById = this.watch((c) => c.$requestById, {});
  readonly #busy = this.watch((c) => c.$busy, {});

  /** The service picked for each provider, kept across failures and re-renders. */
  @state() accessor choices: Readonly<Record<string, string>> = {};
  /** The last failure of an action for each provider, by provider id. */
  @state() accessor errors: Readonly<Record<string, ErrorCode>> = {};
  /** What the polite live region says; emptied first so that the same words are said again. */
  @state() accessor announcement = '';

  /** The visible heading; defaults to "Providers" in the page's language. */
  @property() accessor heading: string | undefined;

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
    const { [providerId]: _old, ...rest } = this.errors;
    this.errors = code ? { ...rest, [providerId]: code } : rest;
  }

  async #announce(text: string): Promise<void> {
    this.announcement = '';
    await this.updateComplete;
    this.announcement = text;
  }

  /** After a re-render replaced the button the user pressed, focus goes to the provider's current one. */
  async #keepFocus(providerId: string): Promise<void> {
    await this.updateComplete;
    const active = this.shadowRoot?.activeElement;
    if (active && active.isConnected) return;
    const outside = document.activeElement;
    if (outside && outside !== document.body && outside !== this) return;
    const id = CSS.escape(providerId);
    this.shadowRoot?.querySelector<HTMLElement>(`#cancel-${id}, #request-${id}`)?.focus();
  }

  #onServiceChange(providerId: string, event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.choices = { ...this.choices, [providerId]: value };
    if (value && this.errors[providerId] === 'service-required') this.#setError(providerId, null);
  }

  async #request(provider: Provider): Promise<void> {
    if (this.#busy.value[actionKey('request-session', provider.id)]) return;
    const services = this.#services();
    const serviceId = services.length > 1 ? this.choices[provider.id] || null : (services[0]?.id ?? null);
    this.#setError(provider.id, null);
    const result = await this.act(
      'vc-request-session',
      { providerId: provider.id, serviceId },
      { action: 'request-session', targetId: provider.id },
      (clinic) => clinic.requestSession(provider.id, serviceId),
    );
    if (!result) return;
    if (!result.ok) {
      this.#setError(provider.id, result.error.code);
      if (result.error.code === 'service-required') {
        await this.updateComplete;
        this.shadowRoot?.querySelector<HTMLSelectElement>(`#service-${CSS.escape(provider.id)}`)?.focus();
      }
      return;
    }
    const request = result.changes.requests[0];
    if (request) {
      this.fire('vc-request-sent', { requestId: request.id, providerId: request.providerId, serviceId: request.serviceId, status: request.status });
    }
    void this.#announce(this.localize.term('providers.sent', { provider: provider.name }));
    await this.#keepFocus(provider.id);
  }

  async #cancel(provider: Provider, request: SessionRequest): Promise<void> {
    if (this.#busy.value[actionKey('cancel-request', request.id)]) return;
    this.#setError(provider.id, null);
    const result = await this.act(
      'vc-request-cancel',
      { requestId: request.id },
      { action: 'cancel-request', targetId: request.id },
      (clinic) => clinic.cancelRequest(request.id),
    );
    if (!result) return;
    if (result.ok) {
      this.fire('vc-request-cancelled', { requestId: request.id });
      void this.#announce(this.localize.term('providers.cancelled', { provider: provider.name }));
    } else {
      this.#setError(provider.id, result.error.code);
    }
    await this.#keepFocus(provider.id);
  }

  protected override render() {
    const t = this.localize.term.bind(this.localize);
    if (!this.clinic) return html`<p part="base">${t('common.no-clinic')}</p>`;
    const providers = this.#providers.value;
    const loading = !this.#me.value;
    return html`
      <section part="base" aria-labelledby="heading" aria-busy=${loading ? 'true' : 'false'}>
        <h2 part="heading" id="heading">${this.heading ?? t('providers.label')}</h2>
        ${loading
          ? html`<p part="empty">${t('common.loading')}</p>`
          : providers.length === 0
            ? html`<p part="empty">${t('providers.empty')}</p>`
            : html`<ul part="list" aria-labelledby="heading">
                ${repeat(providers, (p) => p.id, (p) => this.#renderProvider(p))}
              </ul>`}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </section>
    `;
  }

  #renderProvider(provider: Provider) {
    const t = this.localize.term.bind(this.localize);
    const pending = this.#pendingFor(provider);
    const error = this.errors[provider.id];
    const id = provider.id;
    return html`
      <li part="item" data-provider-id=${id}>
        <div class="identity">
          <h3 part="name" id="name-${id}">${provider.name}</h3>
          <span part="specialty">${provider.specialty}</span>
          <span part="availability" class=${provider.available ? 'available' : 'unavailable'}>
            <span class="dot" aria-hidden="true"></span>${provider.available ? t('providers.available') : t('providers.unavailable')}
          </span>
        </div>
        <div class="actions">${pending ? this.#renderPending(provider, pending) : this.#renderRequest(provider)}</div>
        <p part="error" id="error-${id}" class="error" role="alert" ?hidden=${!error}>${error ? t(`error.${error}`) : ''}</p>
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
            <label for="service-${id}">${t('providers.service')}</label>
            <select
              part="service-select"
              id="service-${id}"
              required
              aria-invalid=${invalid ? 'true' : 'false'}
              aria-describedby="error-${id}"
              @change=${(event: Event) => this.#onServiceChange(id, event)}
            >
              <option value="" ?selected=${!choice}>${t('providers.service-placeholder')}</option>
              ${services.map((s) => html`<option value=${s.id} ?selected=${choice === s.id}>${s.name}</option>`)}
            </select>
          </div>`
        : nothing}
      <button
        part="request-button"
        id="request-${id}"
        class="primary"
        type="button"
        aria-describedby="name-${id} error-${id}"
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
      </p>
      <button
        part="cancel-button"
        id="cancel-${id}"
        type="button"
        aria-describedby="name-${id} error-${id}"
        aria-busy=${busy ? 'true' : 'false'}
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => this.#cancel(provider, request)}
      >
        ${busy ? t('providers.cancelling') : t('providers.cancel')}
      </button>
    `;
  }
}
