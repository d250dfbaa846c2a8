import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { actionKey } from '../../core/model.js';
import type { ErrorCode } from '../../core/errors/error-codes.js';
import type { SessionRequest } from '../../core/model.js';
import { ArrivalReader } from '../../core/arrivals.js';
import { ClinicElement, type ActionTarget } from '../internal/clinic-element.js';
import { stateParts } from '../internal/state-parts.js';
import { FocusKeeper, keepFocus } from '../internal/focus-keeper.js';
import { blocks, controls, tokens } from '../internal/shared.styles.js';
import { declineNoticesStyles } from './decline-notices.styles.js';
import { isolate, sentence, visibleText } from '../internal/user-text.js';
import { withEntry } from '../internal/records.js';

/**
 * @summary The requester's notices of declined (SPEC R4, R5) and expired (X3) requests, each with
 * the provider's note when there is one, until the requester presses **Dismiss**. A notice that
 * arrives while the tag is shown is announced once in a polite live region. With no notices the
 * tag shows nothing.
 *
 *
 * @event vc-notice-dismissed - The server took the dismissal; `detail.requestId` is the request.
 * @event vc-request-session - Intent, cancelable: Request Again or another provider was pressed.
 * @event vc-request-sent - The new request reached the server (the notice is then dismissed).
 * @event vc-error - A dismissal failed; the notice comes back with the message.
 *
 * @csspart base - The wrapper (also holds the live region).
 * @csspart list - The `<ul>` of notices.
 * @csspart notice - One notice.
 * @csspart message - What happened to the request.
 * @csspart service - The request's service, in parentheses.
 * @csspart note - The provider's note, with its label.
 * @csspart note-label - "Note from the provider:".
 * @csspart next-steps - The row of one-click next steps (issue 6).
 * @csspart request-again-button - **Request Again**: the same provider and service (while they are available).
 * @csspart request-other-button - **Request Dr. …**: another available provider, same service.
 * @csspart notify-button - **Notify Me When Available** (a toggle), while the provider is unavailable.
 * @csspart dismiss-button - **Dismiss**.
 * @csspart busy - With a button's own part while its action is under way (`request-other-button busy`): style the busy state from outside (issue 19.5).
 * @csspart disabled - With a button's own part while it does not act (`request-other-button disabled`).
 * @csspart error - The message shown when a dismissal failed.
 *
 * @cssproperty --vc-notice-accent-color - The bar at the notice's start edge.
 * @cssproperty --vc-notice-background - The notice's background.
 * @cssproperty --vc-notice-border-color - The notice's border.
 */
export class VcDeclineNotices extends ClinicElement {
  static override styles = [tokens, controls, blocks, declineNoticesStyles];

  readonly #me = this.watch((c) => c.$me, null);
  readonly #notices = this.watch((c) => c.$declineNotices, []);
  readonly #busy = this.watch((c) => c.$busy, {});
  readonly #providers = this.watch((c) => c.$providers, []);
  readonly #outgoing = this.watch((c) => c.$outgoingRequests, []);
  readonly #watches = this.watch((c) => c.$availabilityWatches, {});
  readonly #arrivals = this.watch((c) => c.arrivals.$arrivals, []);
  readonly #focus = new FocusKeeper(this);

  /** What reached the requester since this tag's last look (old notices are not read out on load). */
  readonly #arrived = new ArrivalReader('notice');

  /** The last failure of a dismissal, by request id. */
  @state() private accessor errors: Readonly<Record<string, ErrorCode>> = {};

  protected override forgetUser(): void {
    this.#arrived.reset();
    this.#focus.cancel();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('clinic')) this.#arrived.reset();
    this.#noticeArrivals();
  }

  /** Announces each notice once, when it arrives after the clinic's first snapshot (core/arrivals.ts). */
  #noticeArrivals(): void {
    const clinic = this.clinic;
    if (!clinic || !this.#me.value) {
      this.#arrived.reset();
      return;
    }
    void this.#arrivals.value; // watched so that the arrivals keep counting while this tag is on the page
    const fresh = this.#arrived.next(clinic.arrivals, this.#notices.value);
    if (fresh.length === 0) return;
    this.announcer.announce(fresh.map((n) => this.#spoken(n)).join(' '));
  }

  /** The notice's sentence; the provider's name isolated (a `<bdi>` on screen, FSI … PDI when spoken). */
  #message(notice: SessionRequest): Array<string | TemplateResult> {
    const key = noticeKey(notice);
    return sentence((params) => this.localize.term(key, params), { provider: notice.providerName });
  }

  #spokenMessage(notice: SessionRequest): string {
    return this.localize.term(noticeKey(notice), { provider: isolate(notice.providerName) });
  }

  #spoken(notice: SessionRequest): string {
    const parts = [this.#spokenMessage(notice)];
    if (notice.serviceName) parts.push(this.localize.term('notice.service', { service: isolate(notice.serviceName) }));
    if (notice.declineNote) parts.push(this.localize.term('notice.note'), isolate(notice.declineNote));
    return parts.join(' ');
  }

  #setError(requestId: string, code: ErrorCode | null): void {
    this.errors = withEntry(this.errors, requestId, code);
  }

  async #dismiss(notice: SessionRequest): Promise<void> {
    const clinic = this.clinic;
    if (!clinic || this.#busy.value[actionKey('dismiss-request', notice.id)]) return;
    const notices = this.#notices.value;
    const index = notices.findIndex((n) => n.id === notice.id);
    const next = notices[index + 1] ?? notices[index - 1];
    this.#setError(notice.id, null);
    // The notice goes away at once (optimistic); focus follows before the server answers.
    const pending = clinic.dismissNotice(notice.id);
    this.#refocus(next?.id ?? null);
    const result = await pending;
    if (result.ok) {
      this.fire('vc-notice-dismissed', { requestId: notice.id });
      return;
    }
    this.#setError(notice.id, result.error.code);
    this.fire('vc-error', { action: 'dismiss-request', targetId: notice.id, code: result.error.code });
    this.#refocus(notice.id);
  }

  /**
   * One click from a notice to a new request: the same provider again, or another available one,
   * with the same service. The notice is cleared once the new request is sent.
   */
  async #requestFrom(notice: SessionRequest, providerId: string, button: Element): Promise<void> {
    const action: ActionTarget = { action: 'request-session', targetId: providerId };
    const clinic = this.intent('vc-request-session', { providerId, serviceId: notice.serviceId }, action);
    if (!clinic) return;
    // Sent before the screen changes: the request leaves in this task (issue 15.5).
    const sending = this.outcome(action, clinic.requestSession(providerId, notice.serviceId));
    this.#setError(notice.id, null);
    // The new request's Cancel Request (in the provider list beside) replaces the notice (issue 20.2).
    this.#focus.handOff(button, [`#cancel-${CSS.escape(providerId)}`], sending);
    const result = await sending;
    if (!result.ok) {
      this.#focus.dropHandOff();
      this.#setError(notice.id, result.error.code);
      return;
    }
    const request = result.request;
    if (request) {
      this.fire('vc-request-sent', { requestId: request.id, providerId: request.providerId, serviceId: request.serviceId, status: request.status });
      // The notice and its button go: the requester is told that the new request left (issue 20.3).
      this.announcer.announce(this.localize.term('providers.sent', { provider: isolate(request.providerName) }));
    }
    await this.#dismiss(notice);
  }

  /** Focus goes to a notice's Dismiss button, or to the wrapper, unless the user has moved on. */
  #refocus(requestId: string | null): void {
    const button = requestId ? [`#dismiss-${CSS.escape(requestId)}`] : [];
    this.#focus.restore([...button, '[part="base"]'], { lostOn: '[part="base"]' });
  }

  protected override render() {
    const t = this.localize.term.bind(this.localize);
    const notices = this.clinic ? this.#notices.value : [];
    return html`
      <div part="base" tabindex="-1">
        ${this.clinic ? nothing : html`<p>${t('common.no-clinic')}</p>`}
        ${notices.length
          ? html`<ul part="list" aria-label=${t('notice.label')}>
              ${repeat(notices, (n) => n.id, (n) => this.#renderNotice(n))}
            </ul>`
          : nothing}
      </div>
    `;
  }

  /** Request again (if the provider is available now), another available provider, or be told when they are. */
  #renderNextSteps(notice: SessionRequest) {
    const t = this.localize.term.bind(this.localize);
    const providers = this.#providers.value;
    const pendingTo = new Set(this.#outgoing.value.map((r) => r.providerId));
    const same = providers.find((p) => p.id === notice.providerId);
    const others = providers.filter((p) => p.id !== notice.providerId && p.available && !pendingTo.has(p.id)).slice(0, 3);
    const sending = (providerId: string) => Boolean(this.#busy.value[actionKey('request-session', providerId)]);
    const button = (providerId: string, label: string | Array<string | TemplateResult>, part: string) => html`<button ${keepFocus()}
      part=${stateParts(part, { busy: sending(providerId), disabled: sending(providerId) })}
      type="button"
      aria-describedby="message-${notice.id}"
      aria-busy=${sending(providerId) ? 'true' : 'false'}
      @click=${(event: Event) => this.#requestFrom(notice, providerId, event.currentTarget as Element)}
    >
      ${label}
    </button>`;
    return html`<div part="next-steps" class="next-steps">
      ${same?.available && !pendingTo.has(same.id) ? button(same.id, t('notice.request-again'), 'request-again-button') : nothing}
      ${same && !same.available
        ? html`<button ${keepFocus()}
            part="notify-button"
            type="button"
            aria-pressed=${this.#watches.value[same.id] ? 'true' : 'false'}
            aria-describedby="message-${notice.id}"
            @click=${() => this.clinic?.watchAvailability(same.id, !this.#watches.value[same.id])}
          >
            ${t('providers.notify-when-available')}
          </button>`
        : nothing}
      ${others.map((p) => button(p.id, sentence((params) => t('notice.request-other', params), { provider: p.name }), 'request-other-button'))}
    </div>`;
  }

  #renderNotice(notice: SessionRequest) {
    const t = this.localize.term.bind(this.localize);
    const id = notice.id;
    const error = this.errors[id];
    return html`
      <li ${keepFocus()} part="notice" data-request-id=${id}>
        <p ${keepFocus()} part="message" id="message-${id}" data-focus-request=${id}>
          ${this.#message(notice)}${notice.serviceName ? html` <span part="service">${sentence((p) => t('notice.service', p), { service: notice.serviceName })}</span>` : nothing}
        </p>
        ${notice.declineNote
          ? html`<p part="note"><span part="note-label">${t('notice.note')}</span> <span class="note-text" dir="auto">${visibleText(notice.declineNote, { multiline: true })}</span></p>`
          : nothing}
        ${this.#renderNextSteps(notice)}
        <button ${keepFocus()} part="dismiss-button" id="dismiss-${id}" type="button" aria-describedby="message-${id} error-${id}" @click=${() => this.#dismiss(notice)}>
          ${t('notice.dismiss')}
        </button>
        <p part="error" id="error-${id}" class="error" ?hidden=${!error}>${error ? this.errorText(error) : ''}</p>
      </li>
    `;
  }
}

/** The sentence of a notice: expired, or declined by hand, as unavailable (R5), or as not connected (issue 16.6). */
function noticeKey(notice: SessionRequest): 'notice.expired' | 'notice.unavailable' | 'notice.not-connected' | 'notice.declined' {
  if (notice.status === 'expired') return 'notice.expired';
  if (notice.declineReason === 'unavailable') return 'notice.unavailable';
  if (notice.declineReason === 'not-connected') return 'notice.not-connected';
  return 'notice.declined';
}
