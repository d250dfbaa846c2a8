import { useState } from 'react';
import { VcClinic, VcProviderDashboard } from '@virtual-clinic/sdk/react';
import type { VcEvent } from '@virtual-clinic/sdk';

/** A provider's screen in a React app: the dashboard, and the last session they accepted. */
export function ProviderScreen({ getToken }: { getToken: () => string | null }) {
  const [lastSession, setLastSession] = useState<string | null>(null);
  const onAccepted = (event: VcEvent<'vc-request-accepted'>) => setLastSession(event.detail.sessionId);
  return (
    <VcClinic baseUrl="/api" getToken={getToken}>
      <VcProviderDashboard onVcRequestAccepted={onAccepted} />
      {lastSession && <p role="status">Session {lastSession} is ready.</p>}
    </VcClinic>
  );
}
