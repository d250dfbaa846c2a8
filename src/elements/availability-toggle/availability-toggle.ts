import { html } from 'lit';
import { controls, tokens } from '../internal/shared.styles.js';
import { ClinicElement, type ActionTarget } from '../internal/clinic-element.js';
import { stateParts } from '../internal/state-parts.js';
import { actionKey } from '../../core/model.js';
import { availabilityToggleStyles } from './availability-toggle.styles.js';

/**
 * @summary The provider's availability switch at the top of the dashboard (SPEC R6): *I Am
 * Available for Sessions* / *I Am Unavailable for Sessions*. Going unavailable declines every
 * pending request and stops alerts.
 *
 * @event vc-availability-change - Intent, cancelable: `detail.available` is the state asked for.
 * @event vc-availability-changed - The server took the change; `detail.declinedCount` requests were declined by it.
 * @event vc-error - The change failed; the switch shows the server's state again and a message.
 *
 * @csspart base - The wrapper.
 * @csspart switch - The switch (a button with role `switch`), named "Available for Sessions" in every state: its
 *   state is `aria-checked`, so the name never contradicts it (issue 20.5).
 * @csspart track - The switch's track.
 * @csspart busy - With a button's own part while its action is under way (`switch busy`): style the busy state from outside (issue 19.5).
 * @csspart thumb - The switch's thumb.
 * @csspart name - The switch's visible name.
 * @csspart label - The seed's words for the current state, beside the switch (*I Am Available for Sessions* /
 *   *I Am Unavailable for Sessions*); also the switch's description.
 * @csspart error - The message shown when a change failed.
 *
 * @cssproperty --vc-availability-on-color - Track colour while available.
 * @cssproperty --vc-availability-off-color - Track colour while unavailable.
 */
export class VcAvailabilityToggle extends ClinicElement {
  static override styles = [tokens, controls, availabilityToggleStyles];

  readonly #me = this.watch((c) => c.$myProvider, null);
  readonly #busy = this.watch((c) => c.$busy, {});
  readonly #failure = this.watch((c) => c.$lastFailure, null);

  async #toggle(): Promise<void> {
    const provider = this.#me.value;
    if (!provider || this.#isBusy()) return;
    const available = !provider.available;
    const action: ActionTarget = { action: 'set-availability', targetId: provider.id };
    const clinic = this.intent('vc-availability-change', { available }, action);
    if (!clinic) return;
    const result = await this.outcome(action, clinic.setAvailability(available));
    if (result.ok) {
      this.fire('vc-availability-changed', { available, declinedCount: result.declinedCount });
    }
  }

  #isBusy(): boolean {
    const provider = this.#me.value;
    return Boolean(provider && this.#busy.value[actionKey('set-availability', provider.id)]);
  }

  protected override render() {
    const provider = this.#me.value;
    const t = (key: Parameters<typeof this.localize.term>[0]) => this.localize.term(key);
    if (!this.clinic) return html`<p part="base">${t('common.no-clinic')}</p>`;
    if (!provider) return html`<p part="base">${this.loadingText()}</p>`;
    const failure = this.#failure.value;
    const showFailure = failure?.action === 'set-availability' && failure.targetId === provider.id;
    const busy = this.#isBusy();
    return html`
      <div part="base">
        <button
          part=${stateParts('switch', { busy })}
          type="button"
          role="switch"
          aria-checked=${provider.available ? 'true' : 'false'}
          aria-busy=${busy ? 'true' : 'false'}
          aria-describedby="state error"
          @click=${this.#toggle}
        >
          <span part="track" aria-hidden="true"><span part="thumb"></span></span>
          <span part="name">${t('availability.switch')}</span>
        </button>
        <span part="label" id="state">${provider.available ? t('availability.available') : t('availability.unavailable')}</span>
        <p part="error" id="error" class="error" ?hidden=${!showFailure}>${showFailure ? this.errorText(failure.error.code) : ''}</p>
      </div>
    `;
  }
}
