// Issue 19.1's type test: with the wrappers of `@virtual-clinic/sdk/angular`, ngc's strict
// templates refuse each binding below; test/package checks that exactly these lines fail.
import { Component } from '@angular/core';
import { VcClinicComponent, VcRequestQueueComponent } from '@virtual-clinic/sdk/angular';
import type { VcEvent } from '@virtual-clinic/sdk';

@Component({
  selector: 'app-wrong-bindings',
  imports: [VcClinicComponent, VcRequestQueueComponent],
  template: `
    <vc-request-queue [overdueAfter]="'soon'" />
    <vc-clinic [getToken]="42" />
    <vc-request-queue (vc-request-accepted)="onDeclined($event)" />
  `,
})
export class WrongBindingsComponent {
  onDeclined(event: VcEvent<'vc-request-declined'>): string | null {
    return event.detail.note;
  }
}
