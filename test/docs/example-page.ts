/**
 * Mounts the examples of docs/examples/ as a host page would have them: the theme linked, the
 * backend answering the page's `/api`, and a requester on another device to send requests.
 *
 * Each docs test file signs in a different provider: the SDK shares a user's changes between the
 * tabs of one origin (src/core/tab-coordinator.ts), and the test pages run side by side, each
 * with its own mock clinic.
 */
import { waitUntil } from '@open-wc/testing';
import { SEED } from '../../mock-server/seed.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { deepFind, serveApi, unmount, visibleText } from '../package/page-helpers.js';

export { deepFind, visibleText };

/** Who the page signs in, and who asks them for a session. */
const CAST = {
  okafor: { token: TOKENS.okafor, providerId: 'prov-okafor', requester: TOKENS.frontDesk, serviceId: 'svc-urgent' },
  lindqvist: { token: TOKENS.lindqvist, providerId: 'prov-lindqvist', requester: TOKENS.frontDesk, serviceId: 'svc-behavioral' },
  reyes: { token: TOKENS.reyes, providerId: 'prov-reyes', requester: TOKENS.nurseCart, serviceId: 'svc-general' },
} as const;

export interface ExamplePage {
  backend: Backend;
  container: HTMLElement;
  /** The provider's token, for the example's getToken. */
  token: string;
  /** A requester on another device asks the provider for a session now. */
  requestSession(): Promise<string>;
  close(): void;
}

export async function openExamplePage(provider: keyof typeof CAST): Promise<ExamplePage> {
  const cast = CAST[provider];
  // Every provider starts available here (Dr. Reyes does not in the demo's seed).
  const seed = { ...SEED, users: SEED.users.map((user) => (user.role === 'provider' ? { ...user, available: true } : user)) };
  const backend = createBackend({ seed });
  const unserve = serveApi(backend);
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/docs/examples/theme.css';
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = reject;
  });
  document.head.append(link);
  await loaded;
  const container = document.createElement('div');
  document.body.append(container);
  return {
    backend,
    container,
    token: cast.token,
    async requestSession() {
      const requester = await open(backend, cast.requester);
      const result = await requester.requestSession(cast.providerId, cast.serviceId);
      if (!result.ok) throw new Error(result.error.code);
      return result.changes.requests[0]!.id;
    },
    close() {
      unmount(container);
      link.remove();
      delete document.documentElement.dataset.theme;
      closeAll();
      unserve();
      backend.close();
    },
  };
}

/** Waits until the provider dashboard in `scope` shows the switch, and returns its parts. */
export async function providerDashboardIn(scope: Element) {
  await waitUntil(() => visibleText(scope).includes('I Am Available for Sessions'), 'the provider dashboard never showed', { timeout: 5000 }).catch((error: Error) => {
    throw new Error(`${error.message}: "${visibleText(scope).slice(0, 300)}"`);
  });
  const dashboard = deepFind(scope, 'vc-provider-dashboard')[0]!;
  const queue = dashboard.shadowRoot!.querySelector('[part="queue"]')!;
  const track = deepFind(dashboard, 'vc-availability-toggle')[0]!.shadowRoot!.querySelector('[part="track"]')!;
  return { dashboard, queue, track };
}

/** Accepts the newest request in the dashboard's queue, as the provider would. */
export async function acceptFirstRequest(dashboard: Element): Promise<void> {
  const queue = deepFind(dashboard, 'vc-request-queue')[0]!;
  await waitUntil(() => queue.shadowRoot!.querySelector('[part="accept-button"]'), 'the request never reached the queue', { timeout: 5000 }).catch((error: Error) => {
    throw new Error(`${error.message}: "${visibleText(dashboard).slice(0, 400)}"`);
  });
  queue.shadowRoot!.querySelector<HTMLButtonElement>('[part="accept-button"]')!.click();
}
