// What a host app writes, type-checked against the built package (test/package/package.test.mjs).
// Every `@ts-expect-error` proves a type is real: tsc fails if the line stops being an error.
import { createClinic, defineVirtualClinic, type Transport, type VcEvent } from '@virtual-clinic/sdk';
import '@virtual-clinic/sdk/define';
import { HttpTransport } from '@virtual-clinic/sdk/transports/http';
import { VcClinic, VcProviderDashboard, VcRequestQueue } from '@virtual-clinic/sdk/react';

// Tags by name are typed (HTMLElementTagNameMap).
const list = document.createElement('vc-provider-list');
list.heading = 'Providers';
const root = document.createElement('vc-clinic');
root.baseUrl = '/api';
root.getToken = () => 'token';
// @ts-expect-error a number is not a base URL
root.baseUrl = 42;

// Events are typed (HTMLElementEventMap).
root.addEventListener('vc-request-accepted', (event) => {
  const sessionId: string = event.detail.sessionId;
  // @ts-expect-error no such detail
  void event.detail.patientName;
  void sessionId;
});
document.addEventListener('vc-availability-changed', (event: VcEvent<'vc-availability-changed'>) => void event.detail.declinedCount);
// Issue 19's type test of a plain page: a wrong property type and a handler of another event.
const queue = document.querySelector('vc-request-queue')!;
// @ts-expect-error overdueAfter takes minutes, a number
queue.overdueAfter = 'soon';
// @ts-expect-error a handler of vc-request-declined cannot take vc-request-accepted
queue.addEventListener('vc-request-accepted', (event: VcEvent<'vc-request-declined'>) => void event.detail.note);

// A host's own transport, and the HTTP one from its own entry.
declare const ownTransport: Transport;
const clinic = createClinic({ transport: ownTransport });
root.clinic = clinic;
const http = new HttpTransport({ baseUrl: '/api', getToken: () => 'token' });
void http;

defineVirtualClinic({ prefix: 'acme' });

// React: wrappers with typed event props, and the raw tags in JSX.
export function ProviderScreen({ token }: { token: string }) {
  return (
    <VcClinic baseUrl="/api" getToken={() => token} onVcSignedOut={() => undefined}>
      <VcProviderDashboard onVcRequestAccepted={(event) => void event.detail.sessionId} />
      <VcRequestQueue headingLevel={3} onVcRequestDeclined={(event) => void event.detail.note} />
      <vc-connection-status></vc-connection-status>
      {/* @ts-expect-error the queue fires no vc-request-sent */}
      <VcRequestQueue onVcRequestSent={() => undefined} />
      {/* @ts-expect-error headingLevel is a number */}
      <vc-request-queue headingLevel="three"></vc-request-queue>
      {/* @ts-expect-error overdueAfter takes minutes, a number (issue 19's type test of React) */}
      <VcRequestQueue overdueAfter="soon" />
      {/* @ts-expect-error a handler of vc-request-declined cannot take vc-request-accepted */}
      <VcRequestQueue onVcRequestAccepted={(event: VcEvent<'vc-request-declined'>) => void event.detail.note} />
    </VcClinic>
  );
}
