import { html } from 'lit';
import { ClinicElement } from '../clinic-element.js';

/** PLACEHOLDER — being written. */
export class VcDeclineNotices extends ClinicElement {
  protected override render() {
    return html``;
  }
}
