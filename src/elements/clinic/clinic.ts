import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { watchAuditTrail } from '../../core/audit.js';
import { createClinic, type Clinic } from '../../core/clinic.js';
import { fireVcEvent } from '../../events/fire.js';
import type { LazyTransportFactory, MakeTransport } from '../../core/transport.js';
import { LocalizeController, languagesNotLoaded, retryLanguages, watchLanguagesNotLoaded } from '../../i18n/localize.js';
import { homeAnnouncer } from '../internal/announcer.js';
import { clinicContext } from '../internal/context.js';
import { innerTag, tagPrefixOf } from '../internal/inner-tags.js';
import { clinicStyles } from './clinic.styles.js';

const IDLE_GUARD_PARTS = 'dialog: idle-dialog, title: idle-title, message: idle-message, hint: idle-hint, stay-button: idle-stay-button, notice: idle-notice';

/**
 * What each lazy factory made once loaded, so that a clinic for a new `base-url` is made at once
 * after the first load.
 */
const loadedFactories = new WeakMap<LazyTransportFactory, MakeTransport>();
const loadingFactories = new WeakMap<LazyTransportFactory, Promise<MakeTransport>>();
function loadFactory(factory: LazyTransportFactory): Promise<MakeTransport> {
  let loading = loadingFactories.get(factory);
  if (!loading) {
    loading = factory().then(
      (make) => {
        loadedFactories.set(factory, make);
        return make;
      },
      (error: unknown) => {
        // Forgotten, so that the next update (the page back online, a new token) tries again.
        loadingFactories.delete(factory);
        throw error;
      },
    );
    loadingFactories.set(factory, loading);
  }
  return loading;
}

/** The prefixes whose idle guard is loading (one load per prefix, whatever the number of clinics). */
const idleGuardsLoading = new Set<string>();

/**
 * @summary The root of a Virtual Clinic: it connects to the host's backend and provides the clinic
 * to every Virtual Clinic tag inside it, whatever order they upgrade in.
 *
 * @slot - The Virtual Clinic tags (and any of the host's own markup).
 *
 * @event vc-request-changed - A request concerning this user changed status (here or elsewhere).
 * @event vc-session-changed - A session of this user changed.
 * @event vc-connection-change - The live connection's state changed (`detail.state`); a connection that keeps dropping says `unstable` once instead of every drop.
 * @event vc-error - The connection cannot work as set up (`detail.action` is `connect`): `code` `misconfigured` (the base URL does not lead to a clinic backend; the console says why, once) or `token-unavailable` (`getToken` failed). Fired once per code until the connection is healthy.
 * @event vc-contract-violation - The backend sent a record that breaks the contract (a snapshot, a live event or a command's answer): it was left out, or kept without the bad field, and everything else goes on. `detail`: `source`, `kind`, `id`, `field`, `path`, `dropped` (`record` or `field`) — never the value. The console names the field once.
 * @event vc-signed-out - Signed out: `detail.reason` is `unauthorized` (the backend refused the token and no fresh one came) or `idle` (the idle timeout ran out; the stores are empty and the `token` property is cleared).
 * @event vc-audit - A state change the user asked for ended (request, cancel, accept, decline, dismiss, availability, enter, leave): `detail` has `actor`, `role`, `action`, `targetId`, `requestId`, `sessionId`, `at` and `outcome` (`ok` or an error code) — ids and codes only, never a name or a note.
 * @event vc-idle-warning - With `idle-timeout`: the idle warning is up (`detail.secondsLeft`).
 *
 * @csspart announcer - The clinic's one polite live region (`role="status"`, visually hidden): every tag of the clinic speaks through it, each change once (issue 20).
 * @csspart announcer-assertive - The clinic's one assertive live region (`role="alert"`, visually hidden), for what cannot wait.
 * @csspart load-problem - What could not be loaded (offline, blocked), shown above the clinic's tags with Try Again: the HTTP client of `base-url`, the idle guard of `idle-timeout` (the screen would not sign out by itself), or the strings of the page's language (English is shown meanwhile). Issue 15.3.
 * @csspart load-problem-message - Its message.
 * @csspart retry-button - Its **Try Again** button.
 * @csspart idle-guard - The `<vc-idle-guard>` rendered for `idle-timeout` (its parts are exported as `idle-dialog`, `idle-title`, `idle-message`, `idle-hint`, `idle-stay-button`, `idle-notice`).
 *
 * @remarks Set `base-url` and a token source (`getToken`, or the `token` property) to use the HTTP
 * contract, or set `clinic` to a clinic made by `createClinic` with the host's own transport.
 * The token lives in memory only: it is never written to an attribute or storage.
 */
export class VcClinic extends LitElement {
  /**
   * Makes the transport of `base-url`, loaded on first use: the registering entry
   * (`defineVirtualClinic`) sets it to the HTTP transport, so that a host that brings its own
   * transport (the `clinic` property) never downloads the HTTP client.
   */
  static transportFactory: LazyTransportFactory | undefined;

  /**
   * Registers `<prefix-idle-guard>`, loading its code, the first time a clinic with `idle-timeout`
   * renders one (issue 15.3): `defineTags` sets it when the idle guard is not registered with the
   * clinic. Rejects when the code could not be loaded (the next render asks again).
   */
  static idleGuardLoader: ((prefix: string) => Promise<void>) | undefined;

  static override styles = clinicStyles;

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

  /**
   * Seconds without activity after which the user is signed out (stores emptied, connection
   * closed, `token` cleared); 0, the default, never. A warning comes `idle-warning` seconds before.
   */
  @property({ attribute: 'idle-timeout', type: Number })
  accessor idleTimeout = 0;

  /** Seconds of warning before an idle sign-out (at least 20). */
  @property({ attribute: 'idle-warning', type: Number })
  accessor idleWarning = 60;

  /** A clinic the host made itself (`createClinic({ transport })`); overrides `base-url`. */
  @property({ attribute: false })
  accessor clinic: Clinic | undefined = undefined;

  readonly #provider = new ContextProvider(this, { context: clinicContext, initialValue: undefined });
  readonly #localize = new LocalizeController(this);
  /** Code this clinic needs that could not be loaded (issue 15.3): shown with Try Again. */
  #notLoaded = new Set<'transport' | 'idle-guard'>();
  #stopWatchingLanguages: (() => void) | null = null;
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
    // A token source that arrives after the first attempt (a page's script setting `getToken`
    // after the tags upgraded) signs the clinic in again.
    const newTokenSource =
      (changed.has('token') && changed.get('token') !== undefined && this.token) || (this.hasUpdated && changed.has('getToken') && this.getToken);
    if (newTokenSource && clinic?.$connection.get() === 'signed-out') {
      clinic.reconnect();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#provider.value) this.#bridge(this.#provider.value);
    this.#stopWatchingLanguages = watchLanguagesNotLoaded(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#bridge(undefined);
    this.#stopWatchingLanguages?.();
  }

  #failedToLoad(what: 'transport' | 'idle-guard', message: string, error: unknown): void {
    console.error(`[virtual-clinic] ${message}`, error);
    this.#notLoaded.add(what);
    this.requestUpdate();
  }

  /** Try Again: everything that could not be loaded is asked for again. */
  #retry(): void {
    this.#notLoaded.clear();
    retryLanguages();
    this.requestUpdate();
  }

  #clinicFromBaseUrl(): Clinic | undefined {
    if (!this.baseUrl) return undefined;
    if (this.#ownClinic && this.#ownBaseUrl === this.baseUrl) return this.#ownClinic;
    const factory = (this.constructor as typeof VcClinic).transportFactory;
    if (!factory) {
      console.error('[virtual-clinic] base-url needs the tags registered by defineVirtualClinic (or @virtual-clinic/sdk/define)');
      return undefined;
    }
    const makeTransport = loadedFactories.get(factory);
    if (!makeTransport) {
      // Once it failed, not asked for again until Try Again (the failure is the page's, not this base-url's).
      if (!this.#notLoaded.has('transport')) {
        loadFactory(factory).then(
          () => this.requestUpdate(),
          (error: unknown) => this.#failedToLoad('transport', 'could not load the HTTP transport for base-url', error),
        );
      }
      return undefined;
    }
    this.#ownClinic?.destroy();
    this.#ownBaseUrl = this.baseUrl;
    this.#ownClinic = createClinic({
      transport: makeTransport({
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
    homeAnnouncer(clinic, this);
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
      clinic.on('signed-out', ({ reason }) => {
        // The idle user's token goes with their data: the next user must bring their own.
        if (reason === 'idle') this.token = null;
        fireVcEvent(this, 'vc-signed-out', { reason });
      }),
      clinic.on('connection-problem', ({ error }) => fireVcEvent(this, 'vc-error', { action: 'connect', targetId: '', code: error.code })),
      clinic.on('contract-violation', (violation) => fireVcEvent(this, 'vc-contract-violation', { ...violation })),
      watchAuditTrail(clinic, (record) => fireVcEvent(this, 'vc-audit', record)),
      clinic.$connection.listen((state) => fireVcEvent(this, 'vc-connection-change', { state })),
    );
  }

  #needIdleGuard(): void {
    const prefix = tagPrefixOf(this);
    const load = (this.constructor as typeof VcClinic).idleGuardLoader;
    if (!load || customElements.get(`${prefix}-idle-guard`) || idleGuardsLoading.has(prefix) || this.#notLoaded.has('idle-guard')) return;
    idleGuardsLoading.add(prefix);
    load(prefix).then(
      () => idleGuardsLoading.delete(prefix),
      (error: unknown) => {
        idleGuardsLoading.delete(prefix);
        this.#failedToLoad('idle-guard', 'could not load the idle guard of idle-timeout: this screen will not sign out by itself until Try Again loads it', error);
      },
    );
  }

  /** What could not be loaded, each said once, with one Try Again for all of them. */
  #renderLoadProblems() {
    const t = this.#localize;
    const lang = t.lang.toLowerCase().split('-')[0]!;
    const messages = [
      this.#notLoaded.has('transport') && this.baseUrl && !this.clinic ? t.term('chunk.failed') : '',
      this.#notLoaded.has('idle-guard') && this.idleTimeout > 0 ? t.term('chunk.idle-guard-failed') : '',
      languagesNotLoaded().has(lang) ? t.term('chunk.language-failed', { language: new Intl.DisplayNames(['en'], { type: 'language' }).of(lang) ?? lang }) : '',
    ].filter(Boolean);
    if (!messages.length) return nothing;
    // role="alert": said at once, as the script tag's loader says its own failures; there may be
    // no clinic (and so no announcer) yet when its transport could not be loaded.
    return html`<div part="load-problem" data-vc-chunk="failed" role="alert">
      ${messages.map((message) => html`<p part="load-problem-message">${message}</p>`)}
      <button part="retry-button" type="button" @click=${() => this.#retry()}>${t.term('chunk.retry')}</button>
    </div>`;
  }

  protected override render() {
    // Made by name, so that it carries the host's tag prefix (see inner-tags.ts).
    const guard = this.idleTimeout > 0 ? innerTag(this, 'idle-guard', { part: 'idle-guard', exportparts: IDLE_GUARD_PARTS }) : null;
    if (guard) this.#needIdleGuard();
    guard?.setAttribute('timeout', String(this.idleTimeout));
    guard?.setAttribute('warning', String(this.idleWarning));
    return html`${this.#renderLoadProblems()}${guard ?? nothing}<slot></slot>`;
  }
}
