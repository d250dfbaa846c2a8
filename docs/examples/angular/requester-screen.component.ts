import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, inject, signal } from '@angular/core';
import type { VcEvent } from '@virtual-clinic/sdk';
import '@virtual-clinic/sdk/define'; // registers the <vc-*> tags
import { AuthService } from './auth.service';

/** A requester's screen with the raw tags: CUSTOM_ELEMENTS_SCHEMA, no wrappers, bindings unchecked. */
@Component({
  selector: 'app-requester-screen',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <vc-clinic base-url="/api" [getToken]="getToken">
      <vc-requester-dashboard (vc-request-sent)="onSent($event)" />
    </vc-clinic>
    @if (sent(); as requestId) {
      <p role="status">Request {{ requestId }} sent.</p>
    }
  `,
})
export class RequesterScreenComponent {
  readonly #auth = inject(AuthService);
  readonly getToken = () => this.#auth.accessToken();
  readonly sent = signal<string | null>(null);

  // A raw tag's $event is a plain Event: the schema turns Angular's checks off.
  onSent(event: Event): void {
    this.sent.set((event as VcEvent<'vc-request-sent'>).detail.requestId);
  }
}
