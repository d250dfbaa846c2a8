import { html } from 'lit';
import { ClinicElement } from '../clinic-element.js';

/** PLACEHOLDER — being written. */
export class VcWaitingRoom extends ClinicElement {
  protected override render() {
    return html``;
  }
}
