/**
 * The one base class of the tags: it finds the clinic of the closest <vc-clinic> (whatever order
 * the elements upgrade in), follows the stores a tag picks, localizes, and frames a user's action:
 * the public intent event before it (`intent`), the error event after it (`outcome`). The tag calls
 * the clinic's action itself.
 */
import { consume } from '@lit/context';
import { LitElement, nothing, render, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { ReadableAtom } from 'nanostores';
import type { ActionResult } from '../../core/actions.js';
import type { Clinic } from '../../core/clinic.js';
import { actionKey, type CommandType } from '../../core/model.js';
import type { VcEventDetails, VcEventName } from '../../events/events.js';
import { fireVcEvent } from '../../events/fire.js';
import type { ErrorCode } from '../../core/errors/error-codes.js';
import { LocalizeController } from '../../i18n/localize.js';
import { Announcer } from './announcer.js';
import { clinicContext } from './context.js';
import { StoreController } from './store-controller.js';

export interface Watched<T> {
  readonly value: T;
}

/** The action and its target, as `vc-error` and the busy flags name them. */
export interface ActionTarget {
  action: CommandType;
  targetId: string;
}

export class ClinicElement extends LitElement {
  /** The clinic, from the closest <vc-clinic> (or set directly by a host). */
  @consume({ context: clinicContext, subscribe: true })
  @state()
  accessor clinic: Clinic | undefined;

  protected readonly localize = new LocalizeController(this);
  /** The clinic's one announcer (issue 20): `announce(text)`, or `announce(text, 'assertive')`. */
  protected readonly announcer = new Announcer(this, () => this.localize.lang);
  readonly #rebinders: Array<() => void> = [];
  /** Who is signed in, as last rendered: when it changes, everything of the one before goes (issue 17.2). */
  readonly #user = this.watch((c) => c.$me, null);
  /** The connection's state, for what a tag says while it holds no user (`loadingText`). */
  readonly #connection = this.watch((c) => c.$connection, 'connecting' as const);
  #renderedFor: string | null | undefined = undefined;
  /** Every `@state` field's value before any user touched it. */
  #initialState: Map<PropertyKey, unknown> | null = null;

  /**
   * What a tag shows while it holds no user: "Loading…" while the clinic connects, "Signed out."
   * once the user is signed out (an idle or refused sign-out), so no page says it loads for ever.
   */
  protected loadingText(): string {
    return this.localize.term(this.#connection.value === 'signed-out' ? 'common.signed-out' : 'common.loading');
  }

  /** Follows a store of the clinic; `.value` is its current value (or `fallback` with no clinic). */
  protected watch<T>(pick: (clinic: Clinic) => ReadableAtom<T>, fallback: T): Watched<T> {
    const controller = new StoreController<T>(this, fallback);
    this.#rebinders.push(() => controller.bind(this.clinic ? pick(this.clinic) : null));
    return controller;
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // Keys typed into the tag's own fields stay in the tag: the host owns the page's keyboard, and
    // its shortcuts ("/" to search) must not hear a note being typed (issue 16.8). Window-level
    // capture listeners (the idle guard's activity) still see every key.
    for (const type of ['keydown', 'keypress', 'keyup']) root.addEventListener(type, keepTypingInside);
    return root;
  }

  override connectedCallback(): void {
    // The first time: the subclass's field initializers have run, nothing has changed them yet.
    this.#initialState ??= new Map(
      [...(this.constructor as typeof LitElement).elementProperties]
        .filter(([name, options]) => options.state && name !== 'clinic')
        .map(([name]) => [name, (this as unknown as Record<PropertyKey, unknown>)[name]]),
    );
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('clinic')) for (const rebind of this.#rebinders) rebind();
    const user = this.clinic ? (this.#user.value?.user.id ?? null) : null;
    if (this.#renderedFor && user !== this.#renderedFor) this.#forgetUser();
    this.#renderedFor = user;
  }

  /** The message of a failure, in the user's language (a busy server's says how long to wait). */
  protected errorText(code: ErrorCode): string {
    const minutes = code === 'service-busy' ? this.clinic?.busyMinutesLeft() : null;
    return this.localize.term(`error.${code}`, minutes ? { minutes } : {});
  }

  /**
   * The signed-in user changed or signed out: nothing of theirs may stay for the next person
   * (issue 17.2). Every `@state` field goes back to its first value, the tag forgets what it keeps
   * in private fields (`forgetUser`), and the shadow DOM is made anew — no live region, field,
   * selection or focus of the previous user survives in it.
   */
  #forgetUser(): void {
    for (const [name, value] of this.#initialState ?? []) (this as unknown as Record<PropertyKey, unknown>)[name] = value;
    this.announcer.clear();
    this.forgetUser();
    if (this.hasUpdated) render(nothing, this.renderRoot, this.renderOptions);
  }

  /** Override to forget what the tag keeps of a user outside `@state` fields (drafts, seen ids, timers). */
  protected forgetUser(): void {}

  /**
   * ClinicElement's acting and wording, bound to this tag, for a helper of the tag (a reactive
   * controller cannot reach protected members): `intent`, `ready`, `outcome`, `fire`, `errorText`,
   * `localize`.
   */
  protected forHelpers() {
    return { intent: this.intent.bind(this), ready: this.ready.bind(this), outcome: this.outcome.bind(this), fire: this.fire.bind(this), errorText: this.errorText.bind(this), localize: this.localize };
  }

  /**
   * Fires a public event from this tag; false when the host vetoed an intent. A failure
   * (`vc-error`) is also said at once, through the clinic's assertive region: the message shown
   * beside the control is no live region of its own (issue 20).
   */
  protected fire<K extends VcEventName>(name: K, detail: VcEventDetails[K]): boolean {
    const fired = fireVcEvent(this, name, detail);
    if (name === 'vc-error') this.announcer.announce(this.errorText((detail as VcEventDetails['vc-error']).code), 'assertive');
    return fired;
  }

  /**
   * Before a user action a host may veto: fires the cancelable intent event `name`, and gives the
   * clinic to act on. Null, and nothing fired, with no clinic or while the same action runs (a
   * second click neither fires the intent again nor sends anything); null when the host vetoed.
   * The tag then calls the clinic's action itself (`clinic.acceptRequest(…)`: the action goes on
   * into the core, never back into the tag) and hands the promise to `outcome`.
   */
  protected intent<K extends VcEventName>(name: K, detail: VcEventDetails[K], target: ActionTarget): Clinic | null {
    const clinic = this.ready(target);
    return clinic && this.fire(name, detail) ? clinic : null;
  }

  /**
   * Before a user action a host may not veto (leaving a session, dismissing a notice): the clinic
   * to act on, or null with no clinic or while the same action runs.
   */
  protected ready(target: ActionTarget): Clinic | null {
    const clinic = this.clinic;
    return clinic && !clinic.$busy.get()[actionKey(target.action, target.targetId)] ? clinic : null;
  }

  /** The outcome of an action this tag took on `target`: a failure is reported as `vc-error`. Resolves to the outcome. */
  protected async outcome<R extends ActionResult>(target: ActionTarget, action: Promise<R>): Promise<R> {
    const result = await action;
    if (!result.ok) this.fire('vc-error', { ...target, code: result.error.code });
    return result;
  }
}

/** Stops a key event at the shadow root when it was typed into a text field of the tag. */
function keepTypingInside(event: Event): void {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return;
  const typing = target.isContentEditable || target.localName === 'textarea' || (target.localName === 'input' && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes((target as HTMLInputElement).type)) || target.localName === 'select';
  if (typing) event.stopPropagation();
}
