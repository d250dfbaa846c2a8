import { html, type PropertyValues } from 'lit';
import type { ConnectionState } from '../../core/connection.js';
import { ClinicElement } from '../internal/clinic-element.js';
import { tokens } from '../internal/shared.styles.js';
import { connectionStatusStyles } from './connection-status.styles.js';

/**
 * @summary The live connection's state, for the user: quiet while live, a message while
 * reconnecting, offline, polling or signed out. It never takes focus. A change for the worse, and
 * the way back to live, are said once through the clinic's announcer (issue 20); a sign-out for
 * inactivity is said by the idle guard, with its reason, not here too.
 *
 * @csspart base - The wrapper.
 * @csspart indicator - The coloured dot.
 * @csspart label - The text.
 *
 * @cssproperty --vc-connection-live-color - The dot while live.
 * @cssproperty --vc-connection-problem-color - The dot while not live.
 */
export class VcConnectionStatus extends ClinicElement {
  static override styles = [tokens, connectionStatusStyles];

  readonly #connection = this.watch((c) => c.$connection, 'idle');
  /** The state last seen, to say each change once. */
  #seen: ConnectionState | null = null;
  #stopListening: (() => void) | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#follow(undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.clinic) this.#follow(this.clinic);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('clinic')) {
      this.#follow(this.clinic);
      this.#seen = null;
    }
    const state = this.#connection.value;
    const before = this.#seen;
    this.#seen = state;
    if (before === null || state === before) return;
    if (QUIET.has(state)) return;
    // Back to live is news only after trouble; the first connection is not.
    if (state === 'connected' && (before === 'connecting' || before === 'idle' || before === 'catching-up')) return;
    this.announcer.announce(this.localize.term(state === 'connected' ? 'connection.restored' : `connection.${state}`));
  }

  /** A sign-out because the backend refused the token is said here (an idle one by the idle guard). */
  #follow(clinic: typeof this.clinic): void {
    this.#stopListening?.();
    this.#stopListening = clinic?.on('signed-out', ({ reason }) => {
      if (reason === 'unauthorized') this.announcer.announce(this.localize.term('connection.signed-out'));
    }) ?? null;
  }

  protected override render() {
    const state = this.#connection.value;
    return html`
      <div part="base" data-state=${state}>
        <span part="indicator" aria-hidden="true"></span>
        <span part="label">${this.localize.term(`connection.${state}`)}</span>
      </div>
    `;
  }
}

/** States not said on their own: on the way (connecting, catching up), or said by whoever signed out. */
const QUIET: ReadonlySet<ConnectionState> = new Set(['idle', 'connecting', 'catching-up', 'signed-out']);
