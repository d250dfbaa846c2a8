import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { IdleTimer } from '../../core/idle-timer.js';
import { ClinicElement } from '../internal/clinic-element.js';
import { hasEntered, viewOf } from '../internal/session-view.js';
import { controls, tokens } from '../internal/shared.styles.js';
import { idleGuardStyles } from './idle-guard.styles.js';

/** What counts as the user being there. Listened to on the window, in the capture phase, passively. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'focusin'] as const;
/** While the warning is up only a deliberate key press or click keeps the session (a focus change or a bumped mouse does not). */
const DELIBERATE = new Set<string>(['keydown', 'pointerdown', 'touchstart']);

/**
 * @summary Automatic sign-out after a time without activity (HIPAA automatic logoff). At least 20
 * seconds before, a dialog warns the user, and any key or click keeps them signed in (WCAG 2.2.1).
 * When the time runs out the clinic signs out: its stores are emptied, the live connection closes,
 * and `<vc-clinic>` fires `vc-signed-out` with `reason: 'idle'`. A notice then says why.
 * `<vc-clinic idle-timeout="900">` renders one for you; place one yourself (inside `<vc-clinic>`,
 * or with its `clinic` property set) for `count-in-session`.
 *
 * Activity is a key press, a click or touch, a pointer move, a wheel turn or a focus change
 * anywhere in this page. While the signed-in user is inside a session (waiting room or meeting)
 * the time does not run, unless `count-in-session` is set. The guard runs only while the clinic is
 * signed in.
 *
 * @event vc-idle-warning - The warning is up: `detail.secondsLeft` until sign-out.
 *
 * @csspart dialog - The warning (a modal `<dialog>` with role `alertdialog`).
 * @csspart title - "Are you still there?"
 * @csspart message - When the sign-out will happen.
 * @csspart hint - How to stay signed in.
 * @csspart stay-button - **Stay Signed In** (focused when the warning opens).
 * @csspart notice - After an idle sign-out: why the user was signed out (focused, so a screen reader reads it once).
 *
 * @cssproperty --vc-idle-dialog-background - The warning's background.
 * @cssproperty --vc-idle-backdrop - What covers the page behind the warning.
 */
export class VcIdleGuard extends ClinicElement {
  static override styles = [tokens, controls, idleGuardStyles];

  readonly #me = this.watch((c) => c.$me, null);
  readonly #connection = this.watch((c) => c.$connection, 'idle');
  readonly #sessions = this.watch((c) => c.$sessions, []);

  #timer: IdleTimer | null = null;
  /** The settings the timer was made with: another timeout, warning or clock needs a new timer. */
  #timerMadeWith: { timeout: number; warning: number; clock: Clock } | null = null;
  #tick: unknown = null;
  /** The timeout that signed the user out, for the notice; null while signed in. */
  #signedOutAfterMs: number | null = null;
  /** Where focus was when the warning opened: it goes back there when the user stays. */
  #focusBeforeWarning: HTMLElement | null = null;
  /** Set at an idle sign-out: the next render moves focus to the notice. */
  #focusNotice = false;
  #listening: Window | null = null;

  /** Seconds without activity before signing out; 0 (the default) turns the guard off. At least 60. */
  @property({ type: Number }) accessor timeout = 0;

  /** Seconds of warning before the sign-out; at least 20 (WCAG 2.2.1). */
  @property({ type: Number }) accessor warning = 60;

  /** Count idle time inside a session too (by default an entered waiting room or meeting holds the time). */
  @property({ type: Boolean, attribute: 'count-in-session' }) accessor countInSession = false;

  /** The time source (tests pass a manual clock). */
  @property({ attribute: false }) accessor clock: Clock = systemClock;

  readonly #onActivity = (event: Event): void => {
    const timer = this.#timer;
    if (!timer) return;
    if (timer.phase === 'warning' && !DELIBERATE.has(event.type)) return;
    timer.activity();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listen(this.ownerDocument.defaultView);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listen(null);
    this.#timer?.stop();
    this.#stopTicking();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.#me.value) this.#signedOutAfterMs = null;
    this.#follow();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const root = this.renderRoot as ShadowRoot;
    const dialog = root.querySelector('dialog');
    if (!dialog) return;
    const warning = this.#timer?.phase === 'warning';
    if (warning && !dialog.open) {
      this.#focusBeforeWarning = deepActiveElement(this.ownerDocument);
      dialog.showModal();
      root.querySelector<HTMLElement>('[part="stay-button"]')?.focus();
      return;
    }
    // The warning ended: the user stayed (focus goes back where it was), or the time ran out
    // (focus goes to the notice that says why). The dialog may already be closed by then (the
    // browser closes a modal dialog whose element left the document), so focus follows the
    // outcome, not the dialog.
    if (!warning && dialog.open) dialog.close();
    if (this.#focusNotice) {
      this.#focusNotice = false;
      this.#focusBeforeWarning = null;
      root.querySelector<HTMLElement>('[part="notice"]')?.focus();
    } else if (!warning && this.#focusBeforeWarning) {
      const previous = this.#focusBeforeWarning;
      this.#focusBeforeWarning = null;
      if (previous.isConnected) previous.focus();
    }
  }

  /** Counts as activity: a host forwards what the guard cannot see (its own frames, another tab). */
  reportActivity(): void {
    this.#timer?.activity();
  }

  #listen(view: Window | null): void {
    if (this.#listening === view) return;
    for (const type of ACTIVITY_EVENTS) this.#listening?.removeEventListener(type, this.#onActivity, { capture: true });
    this.#listening = view;
    for (const type of ACTIVITY_EVENTS) view?.addEventListener(type, this.#onActivity, { capture: true, passive: true });
  }

  /** Runs the timer while the clinic is signed in and the user is not in a session; stops it otherwise. */
  #follow(): void {
    const me = this.#me.value;
    const inSession = Boolean(me) && !this.countInSession && this.#sessions.value.some((s) => hasEntered(viewOf(s, me!.user.id).self));
    const run = this.timeout > 0 && Boolean(this.clinic) && Boolean(me) && this.#connection.value !== 'signed-out' && !inSession;
    const made = this.#timerMadeWith;
    if (this.#timer && (made?.timeout !== this.timeout || made.warning !== this.warning || made.clock !== this.clock)) {
      this.#timer.stop();
      this.#timer = null;
    }
    if (!run) {
      this.#timer?.stop();
      return;
    }
    if (!this.#timer) {
      this.#timer = this.#createTimer();
      this.#timerMadeWith = { timeout: this.timeout, warning: this.warning, clock: this.clock };
    }
    this.#timer.start();
  }

  #createTimer(): IdleTimer {
    const timer = new IdleTimer({
      clock: this.clock,
      timeoutMs: this.timeout * 1000,
      warningMs: this.warning * 1000,
      onWarning: (deadline) => {
        this.fire('vc-idle-warning', { secondsLeft: Math.ceil((deadline - this.clock.now()) / 1000) });
        this.#startTicking();
        this.requestUpdate();
      },
      onContinue: () => {
        this.#stopTicking();
        this.requestUpdate();
      },
      onTimeout: () => {
        this.#stopTicking();
        this.#signedOutAfterMs = timer.timeoutMs;
        this.#focusNotice = true;
        this.clinic?.signOut('idle');
        // Said once, where focus goes: the notice is focused, and a screen reader reads it there. It
        // is not announced as well (that read it twice), and the connection status leaves an idle
        // sign-out to this notice (issue 20.3).
        this.requestUpdate();
      },
    });
    return timer;
  }

  /** Why the user was signed out ('' while signed in). */
  #noticeText(): string {
    const t = this.localize;
    return this.#signedOutAfterMs === null ? '' : t.term('idle.signed-out', { duration: t.duration(this.#signedOutAfterMs) });
  }

  /** Re-renders the countdown once a second while the warning is up. */
  #startTicking(): void {
    this.#stopTicking();
    const clock = this.clock;
    const tick = () => {
      this.#tick = clock.setTimeout(tick, 1000);
      this.requestUpdate();
    };
    this.#tick = clock.setTimeout(tick, 1000);
  }

  #stopTicking(): void {
    if (this.#tick !== null) this.clock.clearTimeout(this.#tick);
    this.#tick = null;
  }

  #onCancel(event: Event): void {
    // Escape: the keydown already kept the session; the dialog closes when the state says so.
    event.preventDefault();
    this.#timer?.activity();
  }

  protected override render() {
    const t = this.localize;
    const deadline = this.#timer?.phase === 'warning' ? this.#timer.deadline : null;
    const leftMs = deadline === null ? 0 : Math.max(0, Math.ceil((deadline - this.clock.now()) / 1000) * 1000);
    const notice = this.#noticeText();
    return html`
      <dialog part="dialog" role="alertdialog" aria-modal="true" aria-labelledby="title" aria-describedby="message hint" @cancel=${this.#onCancel}>
        <h2 part="title" id="title">${t.term('idle.title')}</h2>
        <p part="message" id="message">${deadline === null ? '' : t.term('idle.message', { duration: t.duration(leftMs) })}</p>
        <p part="hint" id="hint">${t.term('idle.hint')}</p>
        <button part="stay-button" class="primary" type="button" @click=${() => this.#timer?.activity()}>${t.term('idle.stay')}</button>
      </dialog>
      <p part="notice" class=${notice ? 'shown' : ''} tabindex="-1">${notice}</p>
    `;
  }
}

/** The focused element, looking inside shadow roots. */
function deepActiveElement(document: Document): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active && active !== document.body ? (active as HTMLElement) : null;
}
