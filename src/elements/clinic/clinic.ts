import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { createClinic, type Clinic } from '../../core/clinic.js';
import { fireVcEvent } from '../../events/events.js';
import { HttpTransport } from '../../transport/http-transport.js';
import { clinicContext } from '../context.js';

/**
 * @summary The root of a Virtual Clinic: it connects to the host's backend and provides the clinic
 * to every Virtual Clinic tag inside it, whatever order they upgrade in.
 *
 * @slot - The Virtual Clinic tags (and any of the host's own markup).
 *
 * @event vc-request-changed - A request concerning this user changed status (here or elsewhere).
 * @event vc-session-changed - A session of this user changed.
 * @event vc-connection-change - The live connection's state changed (`detail.state`).
 * @event vc-signed-out - The backend refused the token and no fresh one came.
 *
 * @remarks Set `base-url` and a token source (`getToken`, or the `token` property) to use the HTTP
 * contract, or set `clinic` to a clinic made by `createClinic` with the host's own transport.
 * The token lives in memory only: it is never written to an attribute or storage.
 */
export class VcClinic extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The backend's base URL (the HTTP contract's prefix), such as `/api`. */
  @property({ attribute: 'base-url', reflect: true })
  accessor baseUrl = '';

  /** The bearer token, in memory only (never an attribute). Prefer `getToken` for tokens that expire. */
  @property({ attribute: false })
  accessor token: string | null = null;

  /** Called for every request: returns the current bearer token. */
  @property({ attribute: false })
  accessor getToken: (() => string | null | Promise<string | null>) | undefined = undefined;

  /** Called once when the backend answers 401: returns a fresh token, or null to sign out. */
  @property({ attribute: false })
  accessor refreshToken: (() => Promise<string | null>) | undefined = undefined;

  /** A clinic the host made itself (`createClinic({ transport })`); overrides `base-url`. */
  @property({ attribute: false })
  accessor clinic: Clinic | undefined = undefined;

  readonly #provider = new ContextProvider(this, { context: clinicContext, initialValue: undefined });
  #ownClinic: Clinic | null = null;
  #ownBaseUrl = '';
  #bridged: Clinic | null = null;
  #unbridge: Array<() => void> = [];

  /** The clinic in use: the host's, or the one made from `base-url`. */
  get activeClinic(): Clinic | undefined {
    return this.#provider.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const clinic = this.clinic ?? this.#clinicFromBaseUrl();
    if (clinic !== this.#provider.value) {
      this.#provider.setValue(clinic);
      this.#bridge(clinic);
    }
    if (changed.has('token') && changed.get('token') !== undefined && this.token && clinic?.$connection.get() === 'signed-out') {
      clinic.reconnect();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#provider.value) this.#bridge(this.#provider.value);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#bridge(undefined);
  }

  #clinicFromBaseUrl(): Clinic | undefined {
    if (!this.baseUrl) return undefined;
    if (this.#ownClinic && this.#ownBaseUrl === this.baseUrl) return this.#ownClinic;
    this.#ownClinic?.destroy();
    this.#ownBaseUrl = this.baseUrl;
    this.#ownClinic = createClinic({
      transport: new HttpTransport({
        baseUrl: this.baseUrl,
        getToken: () => (this.getToken ? this.getToken() : this.token),
        refreshToken: () => (this.refreshToken ? this.refreshToken() : Promise.resolve(null)),
      }),
    });
    return this.#ownClinic;
  }

  /** Re-fires the core's activity as public DOM events from this element. */
  #bridge(clinic: Clinic | undefined): void {
    if (clinic === this.#bridged) return;
    for (const stop of this.#unbridge.splice(0)) stop();
    this.#bridged = clinic ?? null;
    if (!clinic) return;
    this.#unbridge.push(
      clinic.on('request-changed', ({ before, after }) => {
        if (before?.status === after.status) return;
        fireVcEvent(this, 'vc-request-changed', {
          requestId: after.id,
          status: after.status,
          declineReason: after.declineReason,
          providerId: after.providerId,
          requesterId: after.requesterId,
        });
      }),
      clinic.on('session-changed', ({ before, after }) => {
        if (before?.status === after.status) return;
        fireVcEvent(this, 'vc-session-changed', { sessionId: after.id, requestId: after.requestId, status: after.status });
      }),
      clinic.on('signed-out', () => fireVcEvent(this, 'vc-signed-out', {})),
      clinic.$connection.listen((state) => fireVcEvent(this, 'vc-connection-change', { state })),
    );
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
