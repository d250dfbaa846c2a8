/**
 * The demo page. Everything a vendor needs is in `embed()`: import the registering entry, put a
 * <vc-clinic> with the backend's URL around a dashboard tag, and give it the token in memory.
 * The rest is the demo's own chrome (the mock backend, the event log, themes, reset).
 */
import '../src/define.js';
import { VC_EVENT_NAMES, type VcClinic } from '../src/index.js';
import { createClinicBackend } from '../mock-server/clinic-backend.js';
import { startMockWorker } from '../mock-server/browser.js';
import { DEMO_USERS, SEED } from '../mock-server/seed.js';

type DemoUser = (typeof DEMO_USERS)[number];

/** The backend's base URL: `/api`, or a same-origin path given as `?api=` (the tests use one). */
const API_BASE = ((asked) => (asked && /^\/[\w/-]*api$/.test(asked) ? asked : '/api'))(new URLSearchParams(location.search).get('api'));

/** How a host page embeds one user's dashboard. */
function embed(container: HTMLElement, user: DemoUser): VcClinic {
  const clinic = document.createElement('vc-clinic');
  clinic.baseUrl = API_BASE;
  // The host's auth layer hands over the token; the SDK keeps it in memory only.
  clinic.getToken = () => user.token;
  const dashboard = document.createElement(user.role === 'provider' ? 'vc-provider-dashboard' : 'vc-requester-dashboard');
  clinic.append(dashboard);
  container.append(clinic);
  return clinic;
}


function paneLabel(user: DemoUser): string {
  return `${user.role === 'provider' ? 'Provider' : 'Requester'}: ${user.name}`;
}

function buildPane(user: DemoUser, single: boolean): HTMLElement {
  const pane = document.createElement('section');
  pane.className = 'demo-pane';
  pane.dataset.userId = user.id;
  pane.setAttribute('aria-labelledby', `pane-${user.id}`);
  const header = document.createElement('div');
  header.className = 'demo-pane-header';
  const title = document.createElement('h2');
  title.id = `pane-${user.id}`;
  title.textContent = paneLabel(user);
  header.append(title);
  if (!single) {
    const link = document.createElement('a');
    const query = new URLSearchParams(location.search);
    query.set('as', user.id);
    link.href = `?${query}`;
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = 'Open in a new tab';
    // Named by its visible words, then the pane's title: "Open in a new tab Provider: Dr. …" (WCAG 2.5.3).
    link.id = `open-${user.id}`;
    link.setAttribute('aria-labelledby', `open-${user.id} pane-${user.id}`);
    header.append(link);
  }
  pane.append(header);
  embed(pane, user);
  return pane;
}

function logEvent(event: Event): void {
  const list = document.getElementById('log')!;
  const row = document.createElement('li');
  const pane = (event.target as Element | null)?.closest?.('.demo-pane') as HTMLElement | null;
  const who = DEMO_USERS.find((u) => u.id === pane?.dataset.userId)?.name ?? '';
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  const name = document.createElement('strong');
  name.textContent = event.type;
  const source = document.createElement('span');
  source.className = 'demo-log-who';
  source.textContent = who;
  const detail = document.createElement('code');
  detail.textContent = JSON.stringify((event as CustomEvent).detail);
  row.append(time, ' ', name, ' ', source, ' ', detail);
  list.prepend(row);
  while (list.children.length > 200) list.lastElementChild!.remove();
}

const MOCK_WORKER_URL = './mockServiceWorker.js';

/**
 * Registers the mock's service worker and waits until it controls this page. Registering a
 * service worker is a Trusted Types sink, and msw hands `register()` a plain string, so under the
 * README's strict policy the demo registers it first, through its own policy name `vc-demo`, which
 * lets through this one file and nothing else (issue 16.12); msw then finds the registration and
 * uses it. The SDK itself needs only `lit-html`: a host page never needs `vc-demo`.
 */
async function registerMockWorker(): Promise<void> {
  if (!window.trustedTypes) return; // msw registers it with the plain string
  const policy = window.trustedTypes.createPolicy('vc-demo', {
    createScriptURL(asked) {
      if (asked !== MOCK_WORKER_URL) throw new TypeError(`vc-demo: only ${MOCK_WORKER_URL} may be registered, not ${asked}`);
      return asked;
    },
  });
  const controlled = new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  const registration = await navigator.serviceWorker.register(policy.createScriptURL(MOCK_WORKER_URL) as unknown as string);
  if (navigator.serviceWorker.controller) return;
  // A worker still installing claims this page when it activates. One already active claimed its
  // pages before this one (a hard reload bypasses it): msw reloads such a page itself.
  if (registration.installing || registration.waiting) await controlled;
}

/** Where the API lives: a mock in this tab (MSW), the Node mock, or the reference server (`npm run server -- --demo`). */
type BackendMode = 'msw' | 'node' | 'server';
const BACKEND_MODES: readonly BackendMode[] = ['msw', 'node', 'server'];
const isBackendMode = (value: unknown): value is BackendMode => BACKEND_MODES.includes(value as BackendMode);
const BACKEND_STATUS: Record<BackendMode, string> = {
  msw: 'Mock backend: in this tab (MSW).',
  node: 'Mock backend: Node, shared by every tab.',
  server: 'Backend: the reference clinic server, shared by every tab.',
};

async function backendMode(): Promise<BackendMode> {
  const asked = new URLSearchParams(location.search).get('backend');
  if (isBackendMode(asked)) return asked;
  try {
    const config = (await (await fetch('./config.json', { cache: 'no-store' })).json()) as { backend?: string };
    return isBackendMode(config.backend) ? config.backend : 'msw';
  } catch {
    return 'msw';
  }
}

async function main(): Promise<void> {
  const status = document.getElementById('demo-status')!;
  const mode = await backendMode();
  if (mode === 'msw') {
    await registerMockWorker();
    await startMockWorker({ backend: createClinicBackend(), workerUrl: MOCK_WORKER_URL });
  }
  status.textContent = BACKEND_STATUS[mode];
  document.documentElement.dataset.backend = mode;

  const onlyUser = new URLSearchParams(location.search).get('as');
  const users = onlyUser ? DEMO_USERS.filter((u) => u.id === onlyUser) : [DEMO_USERS.find((u) => u.id === 'req-frontdesk')!, ...DEMO_USERS.filter((u) => u.role === 'provider')];
  const panes = document.getElementById('panes')!;
  if (users.length === 0) {
    panes.textContent = `No demo user "${onlyUser}".`;
    return;
  }
  if (onlyUser) document.title = `${paneLabel(users[0]!)} — Virtual Clinic demo`;
  panes.dataset.count = String(users.length);
  for (const user of users) panes.append(buildPane(user, Boolean(onlyUser)));

  for (const name of VC_EVENT_NAMES) document.addEventListener(name, logEvent);
  document.getElementById('clear-log')!.addEventListener('click', () => document.getElementById('log')!.replaceChildren());

  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="theme"]')) {
    radio.addEventListener('change', () => {
      document.documentElement.dataset.theme = radio.value;
    });
  }

  document.getElementById('reset')!.addEventListener('click', async () => {
    status.textContent = 'Resetting…';
    // Only the demo holds the mock's reset token (issue 17.10): nobody else can wipe the clinic.
    const response = await fetch(`${API_BASE}/reset`, { method: 'POST', headers: { Authorization: `Bearer ${SEED.resetToken}` } });
    // The backend closes every live stream on reset; each pane reconnects and takes a snapshot.
    status.textContent = response.ok ? 'The clinic is back to its seeded state.' : 'Reset failed.';
  });
  document.documentElement.dataset.ready = 'true';
}

main().catch((error: unknown) => {
  document.getElementById('demo-status')!.textContent = `The demo could not start: ${error instanceof Error ? error.message : String(error)}`;
});
