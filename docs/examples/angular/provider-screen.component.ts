import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { VcClinicComponent, VcProviderDashboardComponent } from '@virtual-clinic/sdk/angular';
import type { VcEvent } from '@virtual-clinic/sdk';
import { AuthService } from './auth.service';

/** A provider's screen: the dashboard, and the last session they accepted (typed wrappers). */
@Component({
  selector: 'app-provider-screen',
  imports: [VcClinicComponent, VcProviderDashboardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <vc-clinic baseUrl="/api" [getToken]="getToken">
      <vc-provider-dashboard [overdueAfter]="300" (vc-request-accepted)="onAccepted($event)" />
      @if (lastSession(); as sessionId) {
        <p role="status">Session {{ sessionId }} is ready.</p>
      }
    </vc-clinic>
  `,
})
export class ProviderScreenComponent {
  readonly #auth = inject(AuthService);
  /** Handed to the clinic once; it asks before every request, so a refreshed token is used at once. */
  readonly getToken = () => this.#auth.accessToken();
  readonly lastSession = signal<string | null>(null);

  onAccepted(event: VcEvent<'vc-request-accepted'>): void {
    this.lastSession.set(event.detail.sessionId);
  }
}
