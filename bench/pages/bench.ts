/**
 * The benchmark page: the real tags (production build) and the hand-written baselines side by side
 * in one page. `bench/run.mjs` drives it through `window.bench`; every function measures in the page
 * with `performance.now()` and returns plain numbers.
 *
 * "On screen" means: the change is in the DOM when a frame starts, and that frame has been painted
 * (the task after its animation frame callback).
 */
import '../../src/define.js';
import { createClinic, type Clinic } from '../../src/core/clinic.js';
import type { Provider, SessionRequest } from '../../src/core/model.js';
import { TAGS } from '../../src/elements/tags.js';
import { HttpTransport } from '../../src/transport/http-transport.js';
import { callBench } from './call.js';
import { defineBaselines, type BaselineProviderList, type BaselineRequestQueue } from './baseline.js';
import { makeProviders, makeRequests, PROVIDER_ME, REQUESTER_ME, StaticTransport } from './clinic-data.js';

type Impl = 'ours' | 'baseline';
type ListKind = 'providers' | 'queue';

defineBaselines();
const stage = document.getElementById('stage')!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Painted {
  /** When the frame that first showed the change had been painted. */
  at: number;
  /** How many animation frames began from the start until that one (1: the very next frame). */
  frames: number;
}

/** Resolves once the first frame in which `ready()` held has been painted. */
function paintedWhen(ready: () => boolean, timeoutMs = 30_000): Promise<Painted> {
  const started = performance.now();
  let count = 0;
  return new Promise((resolve, reject) => {
    const frame = () =>
      requestAnimationFrame(() => {
        count++;
        if (ready()) setTimeout(() => resolve({ at: performance.now(), frames: count }));
        else if (performance.now() - started > timeoutMs) reject(new Error('timed out waiting for the screen'));
        else frame();
      });
    frame();
  });
}

/** The time at which the DOM under `root` first satisfied `ready()` (checked after each batch of mutations). */
function domWhen(root: Node, ready: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const frames = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

let clinics: Clinic[] = [];
function clear(): void {
  stage.replaceChildren();
  for (const clinic of clinics) clinic.destroy();
  clinics = [];
  window.scrollTo(0, 0);
}

function staticClinic(transport: StaticTransport): Clinic {
  const clinic = createClinic({ transport, tabs: false, watchWakeSignals: false, live: { heartbeatTimeoutMs: 3_600_000 } });
  clinics.push(clinic);
  return clinic;
}

function mountTag(clinic: Clinic, tag: string): HTMLElement {
  const root = document.createElement('vc-clinic') as HTMLElement & { clinic: Clinic };
  root.clinic = clinic;
  const el = document.createElement(tag);
  root.append(el);
  stage.append(root);
  return el;
}

const rowsOf = (el: Element) => el.shadowRoot?.querySelectorAll('ul > li').length ?? 0;

// ---------------------------------------------------------------------------------------------
// Render: time to first render of N rows.

const datasets = new Map<string, Provider[] | SessionRequest[]>();
function data(kind: ListKind, count: number): Provider[] | SessionRequest[] {
  const key = `${kind}:${count}`;
  if (!datasets.has(key)) datasets.set(key, kind === 'providers' ? makeProviders(count) : makeRequests(count));
  return datasets.get(key)!;
}

/** Milliseconds from putting the list in the page to its rows on screen. The data is loaded already. */
async function render(kind: ListKind, impl: Impl, count: number): Promise<number> {
  clear();
  await frames(2);
  const items = data(kind, count);
  if (impl === 'baseline') {
    const started = performance.now();
    const el = document.createElement(kind === 'providers' ? 'baseline-provider-list' : 'baseline-request-queue') as BaselineProviderList | BaselineRequestQueue;
    el.items = kind === 'providers' ? (items as Provider[]).slice().sort((a, b) => a.name.localeCompare(b.name)) : (items as SessionRequest[]);
    stage.append(el);
    return (await paintedWhen(() => rowsOf(el) > 0)).at - started;
  }
  const transport = new StaticTransport(kind === 'providers' ? { me: REQUESTER_ME, providers: items as Provider[] } : { me: PROVIDER_ME, requests: items as SessionRequest[] });
  const clinic = staticClinic(transport);
  await clinic.start();
  const started = performance.now();
  const el = mountTag(clinic, kind === 'providers' ? 'vc-provider-list' : 'vc-request-queue');
  return (await paintedWhen(() => rowsOf(el) > 0)).at - started;
}

// ---------------------------------------------------------------------------------------------
// Update: one provider's availability changes in a list of N.

interface Mounted {
  el: HTMLElement;
  change: (provider: Provider) => void;
  providerAt: (row: number) => Provider;
  /** Types `query` in the search field (the baseline filters its items the obvious way). */
  filter: (query: string) => void;
}
let mounted: Mounted | null = null;

async function mountForUpdate(impl: Impl, count: number): Promise<void> {
  clear();
  const providers = makeProviders(count);
  const sorted = providers.slice().sort((a, b) => a.name.localeCompare(b.name));
  if (impl === 'baseline') {
    const el = document.createElement('baseline-provider-list') as BaselineProviderList;
    el.items = sorted;
    stage.append(el);
    let all: readonly Provider[] = sorted;
    mounted = {
      el,
      providerAt: (row) => el.items[row]!,
      change: (provider) => {
        all = all.map((p) => (p.id === provider.id ? provider : p));
        el.items = el.items.map((p) => (p.id === provider.id ? provider : p));
      },
      filter: (query) => {
        const words = query.toLowerCase().split(/\s+/).filter(Boolean);
        el.items = all.filter((p) => words.every((word) => `${p.name} ${p.specialty}`.toLowerCase().includes(word)));
      },
    };
  } else {
    const transport = new StaticTransport({ me: REQUESTER_ME, providers });
    const clinic = staticClinic(transport);
    await clinic.start();
    const el = mountTag(clinic, 'vc-provider-list');
    mounted = {
      el,
      providerAt: (row) => clinic.$providers.get()[row]!,
      change: (provider) => transport.push({ type: 'provider', provider }),
      filter: (query) => {
        const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part="filter-input"]')!;
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      },
    };
  }
  await paintedWhen(() => rowsOf(mounted!.el) > 0);
  await frames(10);
}

/**
 * What changed in the DOM: rows whose content or attributes changed (re-rendered), rows that
 * entered or left the rendered window (the virtualizer's edge moving when a row's height changed),
 * and anything else. The virtualizer placing rows (its `style` writes) is layout, not rendering.
 */
function changedRows(records: MutationRecord[]): { rows: number; edgeRows: number; listChanges: number } {
  const rows = new Set<Element>();
  let edgeRows = 0;
  let listChanges = 0;
  for (const record of records) {
    if (record.type === 'attributes' && record.attributeName === 'style') continue;
    if (record.type === 'childList' && record.target instanceof HTMLUListElement) {
      edgeRows += [...record.addedNodes, ...record.removedNodes].filter((node) => node instanceof HTMLLIElement).length;
      continue;
    }
    const node = record.target instanceof Element ? record.target : record.target.parentElement;
    const row = node?.closest('li');
    if (row) rows.add(row);
    else listChanges++;
  }
  return { rows: rows.size, edgeRows, listChanges };
}

interface Timed {
  /** Ms from the start to the change in the DOM: the main thread's work. */
  domMs: number;
  /** Ms from the start to the frame that showed it, painted (includes waiting for that frame). */
  screenMs: number;
  /** Animation frames that began until the change showed (1: the very next one). */
  frames: number;
}

/** Starts a measurement at a random moment of a frame, as a live event or a key press would arrive. */
async function arriveAnytime(): Promise<void> {
  await frames(1);
  await sleep(Math.random() * 12);
}

/** One live change of availability: from its arrival to the row on screen, and what re-rendered. */
async function updateOnce(): Promise<Timed & { syncMs: number; rows: number; edgeRows: number; listChanges: number }> {
  const { el, providerAt, change } = mounted!;
  const before = providerAt(2);
  const after = { ...before, available: !before.available, version: before.version + 1 };
  const root = el.shadowRoot!;
  const label = after.available ? 'Available' : 'Unavailable';
  const shown = () => {
    const row = root.querySelector(`li[data-provider-id="${CSS.escape(after.id)}"]`);
    return row?.querySelector('[part="availability"], .availability')?.textContent?.trim() === label;
  };
  await arriveAnytime();
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((list) => records.push(...list));
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const inDom = domWhen(root, shown);
  const started = performance.now();
  change(after);
  // What ran before Lit renders: for ours, the state core merging the event and re-deriving its lists.
  const syncMs = performance.now() - started;
  const painted = await paintedWhen(shown);
  const domAt = await inDom;
  await frames(2);
  records.push(...observer.takeRecords());
  observer.disconnect();
  return { domMs: domAt - started, syncMs, screenMs: painted.at - started, frames: painted.frames, ...changedRows(records) };
}

// ---------------------------------------------------------------------------------------------
// Filter: typing in the provider list's search field at N providers.

/** From typing `query` to the matching rows on screen (from the unfiltered list); then clears it. */
async function filterOnce(query: string): Promise<Timed & { shown: number }> {
  const { el, filter } = mounted!;
  const root = el.shadowRoot!;
  const matches = (row: Element) => row.textContent!.toLowerCase().includes(query.toLowerCase());
  const filtered = () => {
    const rows = [...root.querySelectorAll('ul > li')];
    return rows.length > 0 && rows.every(matches);
  };
  await arriveAnytime();
  const inDom = domWhen(root, filtered);
  const started = performance.now();
  filter(query);
  const painted = await paintedWhen(filtered);
  const domAt = await inDom;
  const shown = root.querySelectorAll('ul > li').length;
  filter('');
  await paintedWhen(() => !filtered());
  await frames(2);
  return { domMs: domAt - started, screenMs: painted.at - started, frames: painted.frames, shown };
}

// ---------------------------------------------------------------------------------------------
// Memory: mount/unmount cycles, live events.

const PROVIDER_TAGS = new Set(['vc-request-queue', 'vc-availability-toggle', 'vc-alerts', 'vc-provider-dashboard']);
let cycleClinic: { clinic: Clinic; tag: string } | null = null;

/** Mounts and unmounts `<vc-clinic><tag>` `count` times with one host-held clinic; `tag` may be a baseline. */
async function cycles(tag: string, count: number): Promise<number> {
  if (cycleClinic?.tag !== tag) {
    clear();
    const provider = PROVIDER_TAGS.has(tag);
    const transport = new StaticTransport({ me: provider ? PROVIDER_ME : REQUESTER_ME, providers: makeProviders(20), requests: provider ? makeRequests(5) : [] });
    cycleClinic = { clinic: staticClinic(transport), tag };
    await cycleClinic.clinic.start();
  }
  const { clinic } = cycleClinic;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    let el: HTMLElement & { updateComplete?: Promise<unknown> };
    if (tag.startsWith('baseline-')) {
      el = document.createElement(tag) as BaselineProviderList;
      (el as BaselineProviderList).items = makeProviders(20);
      stage.append(el);
    } else if (tag === 'vc-clinic') {
      el = document.createElement('vc-clinic') as HTMLElement & { clinic: Clinic };
      (el as unknown as { clinic: Clinic }).clinic = clinic;
      stage.append(el);
    } else {
      el = mountTag(clinic, tag);
    }
    await el.updateComplete;
    await el.updateComplete;
    stage.replaceChildren();
  }
  return performance.now() - started;
}

/** Ends the cycles: the clinic the host held goes too (a host that unmounts everything drops it). */
function endCycles(): void {
  cycleClinic = null;
  clear();
}

let liveTransport: StaticTransport | null = null;
let liveProviders: Provider[] = [];
async function mountLive(count: number): Promise<void> {
  clear();
  liveProviders = makeProviders(count);
  liveTransport = new StaticTransport({ me: REQUESTER_ME, providers: liveProviders });
  const clinic = staticClinic(liveTransport);
  await clinic.start();
  const el = mountTag(clinic, 'vc-provider-list');
  await paintedWhen(() => rowsOf(el) > 0);
}

/** Pushes `count` availability changes, ten per task, letting the list render between them. */
async function liveEvents(count: number): Promise<number> {
  const versions = new Map<string, Provider>();
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const base = liveProviders[(i * 7919) % liveProviders.length]!;
    const current = versions.get(base.id) ?? base;
    const next = { ...current, available: !current.available, version: current.version + 1 };
    versions.set(base.id, next);
    liveTransport!.push({ type: 'provider', provider: next });
    if (i % 10 === 9) await sleep(0);
  }
  await frames(2);
  return performance.now() - started;
}

// ---------------------------------------------------------------------------------------------
// End to end, over the Node mock backend: Accept on the provider's side → session on the requester's.
//
// The provider and the requester are two windows of the browser (two renderer processes, as they are
// two machines): neither side's work waits for the other's main thread. This page plays either role;
// bench/run.mjs drives both. Both implementations are timed alike: from the Accept (ours: the click
// on the queue's button; the baseline: its `fetch`) to the first frame painted with the requester's
// session on screen, through the same `paintedWhen` (armed before the Accept, checking at every
// animation frame), so both pay the same wait for a frame. Beside it, as information: when the
// provider's SDK sent the accept, when the session event's bytes reached the requester's page (ours
// through the `fetch` given to its transport; the baseline reads the raw stream), when the store had
// it (ours), when it was in the DOM. Times are each page's `performance.timeOrigin + now()`;
// run.mjs corrects the offset between the two pages' clocks.

type E2eImpl = 'ours' | 'baseline';
/** Ms since the epoch, comparable between the two windows (with run.mjs's offset). */
const clockNow = () => performance.timeOrigin + performance.now();

/** Ours: when the provider's accept left (`sentAt`), and when the requester's stream carried the awaited session event (`bytesAt`). */
const watched = { requestId: '', bytesAt: 0, sentAt: 0 };

/**
 * The clinics' fetch (ours): the same request, noting when the accept left; a `GET /events` body is
 * passed through unchanged, noting when the bytes of the awaited session event arrived (the first
 * chunk that carries them is the one the SDK's reader gets).
 */
const watchingFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (watched.requestId && !watched.sentAt && url.endsWith(`/requests/${watched.requestId}/accept`)) watched.sentAt = clockNow();
  const response = await fetch(input, init);
  if (!url.endsWith('/events') || !response.body) return response;
  const decoder = new TextDecoder();
  const tap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (watched.requestId && !watched.bytesAt) {
        const text = decoder.decode(chunk, { stream: true });
        if (text.includes('"type":"session"') && text.includes(`"requestId":"${watched.requestId}"`)) watched.bytesAt = clockNow();
      }
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(tap), { status: response.status, statusText: response.statusText, headers: response.headers });
};

const API = `${location.origin}/api`;
/** The baseline's users: the twins of ours's (bench/run.mjs's BENCH_SEED), so that the server does the same work for both and neither sees the other's events. */
const TWIN = { requester: 'demo-frontdesk-twin', provider: 'demo-okafor-twin', providerId: 'prov-okafor-twin' };
const http = (token: string) => new HttpTransport({ baseUrl: API, getToken: () => token, fetch: watchingFetch });
const bareHeaders = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() });

interface BareChange {
  type: string;
  request?: { id: string; status: string; requesterName: string };
  session?: { id: string; requestId: string; provider: { name: string } };
}

/**
 * A bare reader of one user's event stream: server-sent events split by hand (a blank line ends an
 * event; its `data:` line is one JSON change), each change handed to `onChange`. Resolves once open.
 */
async function bareStream(token: string, onChange: (change: BareChange) => void): Promise<void> {
  const stream = await fetch(`${API}/events`, { headers: { Authorization: `Bearer ${token}` } });
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data && block.includes('event: change')) onChange(JSON.parse(data.slice('data: '.length)) as BareChange);
      }
    }
  })();
}

/** Absolute times (ms, this page's clock) of one run's milestones on the requester's side. */
interface RequesterTimes {
  painted: number;
  dom: number;
  bytes: number;
  store?: number;
}

let requesterSide: {
  clinic: Clinic;
  sessions: HTMLElement;
  bareList: HTMLUListElement;
  /** The baseline's handler of the requester's changes, set while a run waits for its session. */
  onBareChange: ((change: BareChange) => void) | null;
  armed: Promise<RequesterTimes> | null;
  leave: () => Promise<void>;
} | null = null;

/** One side's window: ours (`token`'s clinic, not started, and `tag` in it) beside the baseline's plain list. */
function e2eWindow(token: string, tag: string): { clinic: Clinic; el: HTMLElement; bareList: HTMLUListElement } {
  clear();
  const clinic = createClinic({ transport: http(token), watchWakeSignals: false });
  clinics.push(clinic);
  const el = mountTag(clinic, tag);
  const bareList = document.createElement('ul');
  stage.append(bareList);
  return { clinic, el, bareList };
}

/** The requester's window: ours (a clinic and `<vc-session-list>`) and the baseline (a bare stream and a plain list). */
async function e2eRequesterSetup(): Promise<void> {
  const { clinic, el: sessions, bareList } = e2eWindow('demo-frontdesk', 'vc-session-list');
  requesterSide = { clinic, sessions, bareList, onBareChange: null, armed: null, leave: async () => {} };
  const side = requesterSide;
  await Promise.all([clinic.start(), bareStream(TWIN.requester, (change) => side.onBareChange?.(change))]);
}

/** Sends a session request (as `impl`'s requester) and arms the watch for its session; returns the request's id. */
async function e2eRequest(impl: E2eImpl): Promise<string> {
  const side = requesterSide!;
  if (impl === 'ours') {
    const { clinic, sessions } = side;
    const sent = await clinic.requestSession('prov-okafor', 'svc-urgent');
    if (!sent.ok) throw new Error(`request failed: ${sent.error.code}`);
    const requestId = sent.changes.requests[0]!.id;
    const sessionShown = () => {
      const session = clinic.$sessions.get().find((s) => s.requestId === requestId);
      return session ? sessions.shadowRoot!.querySelector(`[data-session-id="${CSS.escape(session.id)}"]`) !== null : false;
    };
    let storeAt = 0;
    const unlisten = clinic.$sessions.listen((list) => {
      if (!storeAt && list.some((s) => s.requestId === requestId)) storeAt = clockNow();
    });
    Object.assign(watched, { requestId, bytesAt: 0, sentAt: 0 });
    const inDom = domWhen(sessions.shadowRoot!, sessionShown);
    side.armed = paintedWhen(sessionShown, 15_000).then(async ({ at }) => {
      const domAt = await inDom;
      unlisten();
      const times = { painted: performance.timeOrigin + at, dom: performance.timeOrigin + domAt, bytes: watched.bytesAt, store: storeAt };
      watched.requestId = '';
      return times;
    });
    side.leave = async () => {
      const session = clinic.$sessions.get().find((s) => s.requestId === requestId)!;
      await clinic.leaveSession(session.id);
      await paintedWhen(() => !sessionShown());
    };
    return requestId;
  }
  const created = await fetch(`${API}/requests`, { method: 'POST', headers: bareHeaders(TWIN.requester), body: JSON.stringify({ providerId: TWIN.providerId, serviceId: 'svc-urgent' }) });
  if (!created.ok) throw new Error(`POST /requests answered ${created.status}: ${await created.text()}`);
  const requestId = ((await created.json()) as { requests: SessionRequest[] }).requests[0]!.id;
  let sessionId = '';
  let bytesAt = 0;
  let domAt = 0;
  side.onBareChange = (change) => {
    if (sessionId || change.type !== 'session' || change.session?.requestId !== requestId) return;
    bytesAt = clockNow();
    sessionId = change.session.id;
    const line = document.createElement('li');
    line.dataset['sessionId'] = sessionId;
    line.textContent = `Session with ${change.session.provider.name}`;
    side.bareList.append(line);
    domAt = clockNow();
  };
  const lineShown = () => sessionId !== '' && side.bareList.querySelector(`[data-session-id="${CSS.escape(sessionId)}"]`) !== null;
  side.armed = paintedWhen(lineShown, 15_000).then(({ at }) => ({ painted: performance.timeOrigin + at, dom: domAt, bytes: bytesAt }));
  side.leave = async () => {
    side.onBareChange = null;
    side.bareList.replaceChildren();
    await fetch(`${API}/sessions/${sessionId}/leave`, { method: 'POST', headers: bareHeaders(TWIN.requester) });
    await frames(1);
  };
  return requestId;
}

/** The requester's milestones of the armed run (absolute, this page's clock); then leaves the session so that the next run starts from the same screens. */
async function e2eResult(): Promise<RequesterTimes> {
  const side = requesterSide!;
  const times = await side.armed!;
  await side.leave();
  return times;
}

let providerSide: { clinic: Clinic; queue: HTMLElement; bareList: HTMLUListElement } | null = null;

/** The provider's window: ours (a clinic and `<vc-request-queue>`) and the baseline (a bare stream and a plain list of its pending requests). */
async function e2eProviderSetup(): Promise<void> {
  const { clinic, el: queue, bareList } = e2eWindow('demo-okafor', 'vc-request-queue');
  providerSide = { clinic, queue, bareList };
  const onChange = (change: BareChange) => {
    if (change.type !== 'request' || !change.request) return;
    const line = bareList.querySelector(`[data-request-id="${CSS.escape(change.request.id)}"]`);
    if (change.request.status !== 'pending') line?.remove();
    else if (!line) {
      const added = document.createElement('li');
      added.dataset['requestId'] = change.request.id;
      added.textContent = `Request from ${change.request.requesterName}`;
      bareList.append(added);
    }
  };
  await Promise.all([clinic.start(), bareStream(TWIN.provider, onChange)]);
}

/**
 * Once the request shows in the provider's list, accepts it at a random moment of a frame (the
 * windows' frames keep step, so a fixed moment would favour whichever side's DOM change happens to
 * land just before a frame); returns when (absolute, this page's clock), and when ours's SDK sent it. */
async function e2eAccept(impl: E2eImpl, requestId: string): Promise<{ at: number; sent: number }> {
  const { queue, bareList } = providerSide!;
  if (impl === 'ours') {
    const item = () => queue.shadowRoot!.querySelector<HTMLElement>(`#item-${CSS.escape(requestId)}`);
    await paintedWhen(() => item() !== null);
    await arriveAnytime();
    Object.assign(watched, { requestId, bytesAt: 0, sentAt: 0 });
    const at = clockNow();
    item()!.querySelector<HTMLButtonElement>('[part="accept-button"]')!.click();
    await paintedWhen(() => watched.sentAt !== 0, 15_000);
    const sent = watched.sentAt;
    watched.requestId = '';
    return { at, sent };
  }
  const line = () => bareList.querySelector(`[data-request-id="${CSS.escape(requestId)}"]`);
  await paintedWhen(() => line() !== null);
  await arriveAnytime();
  const at = clockNow();
  const answer = await fetch(`${API}/requests/${requestId}/accept`, { method: 'POST', headers: bareHeaders(TWIN.provider), body: JSON.stringify({ enter: false }) });
  await answer.json();
  await paintedWhen(() => line() === null, 15_000);
  return { at, sent: at };
}

// ---------------------------------------------------------------------------------------------
// Network: an idle dashboard (both roles), with push, or with push blocked (the polling fallback).

async function idleDashboard(prefix: string): Promise<void> {
  clear();
  const http = (token: string) => new HttpTransport({ baseUrl: `${location.origin}${prefix}`, getToken: () => token });
  const provider = createClinic({ transport: http('demo-lindqvist'), watchWakeSignals: false });
  const requester = createClinic({ transport: http('demo-nursecart'), watchWakeSignals: false });
  clinics.push(provider, requester);
  mountTag(provider, 'vc-provider-dashboard');
  mountTag(requester, 'vc-requester-dashboard');
  await Promise.race([Promise.all([provider.start(), requester.start()]), sleep(15_000)]);
}

declare global {
  interface Window {
    bench: typeof api;
  }
}

const api = {
  /** Every tag the SDK defines. */
  tags: Object.keys(TAGS),
  render,
  mountForUpdate,
  updateOnce,
  filterOnce,
  cycles,
  endCycles,
  mountLive,
  liveEvents,
  e2eRequesterSetup,
  e2eRequest,
  e2eResult,
  e2eProviderSetup,
  e2eAccept,
  clockNow,
  idleDashboard,
  clear,
  ...callBench,
};
window.bench = api;
document.body.dataset['ready'] = 'true';
