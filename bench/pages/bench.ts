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
// Both sides are timed alike: from the Accept (ours: the click on the queue's button; the baseline:
// its `fetch`) to the first frame painted with the requester's session on screen, through the same
// `paintedWhen` started at the same moment, so both pay the same wait for a frame. Beside it, as
// information: when the session reached the DOM (ours: a MutationObserver on the session list's
// shadow root; the baseline: when it wrote its line) and when the event's bytes reached the
// requester's page (both read the same `GET /events` stream; ours through the `fetch` given to its
// transport), and for ours when the session reached the store (`$sessions`).

/** When the requester's stream carried the awaited session event (`at`), and when the provider's accept left (`sentAt`): ours. */
const streamSeen = { requestId: '', at: 0, sentAt: 0 };

/**
 * The clinics' fetch (ours): the same request, noting when the accept left; a `GET /events` body is
 * passed through unchanged, noting when the bytes of the awaited session event arrived (the first
 * chunk that carries them is the one the SDK's reader gets).
 */
const watchingFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (streamSeen.requestId && !streamSeen.sentAt && url.endsWith(`/requests/${streamSeen.requestId}/accept`)) streamSeen.sentAt = performance.now();
  const response = await fetch(input, init);
  if (!url.endsWith('/events') || !response.body) return response;
  const decoder = new TextDecoder();
  const tap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (streamSeen.requestId && !streamSeen.at) {
        const text = decoder.decode(chunk, { stream: true });
        if (text.includes('"type":"session"') && text.includes(`"requestId":"${streamSeen.requestId}"`)) streamSeen.at = performance.now();
      }
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(tap), { status: response.status, statusText: response.statusText, headers: response.headers });
};

let e2e: { provider: Clinic; requester: Clinic; queue: HTMLElement; sessions: HTMLElement } | null = null;
const API = `${location.origin}/api`;

async function e2eSetup(): Promise<void> {
  clear();
  const http = (token: string, fetcher?: typeof fetch) => new HttpTransport({ baseUrl: API, getToken: () => token, ...(fetcher ? { fetch: fetcher } : {}) });
  const provider = createClinic({ transport: http('demo-okafor', watchingFetch), watchWakeSignals: false });
  const requester = createClinic({ transport: http('demo-frontdesk', watchingFetch), watchWakeSignals: false });
  clinics.push(provider, requester);
  const queue = mountTag(provider, 'vc-request-queue');
  const sessions = mountTag(requester, 'vc-session-list');
  await Promise.all([provider.start(), requester.start()]);
  e2e = { provider, requester, queue, sessions };
}

/** Ms from the Accept: to the frame painted with the session (`painted`), to the DOM, to the store, to the event's bytes. */
interface E2eTimes {
  painted: number;
  dom: number;
  bytes: number;
  store?: number;
  /** Ours: when the provider's SDK sent the accept (the baseline sends it at 0). */
  sent?: number;
}

async function e2eRun(): Promise<E2eTimes> {
  const { requester, queue, sessions } = e2e!;
  const sent = await requester.requestSession('prov-okafor', 'svc-urgent');
  if (!sent.ok) throw new Error(`request failed: ${sent.error.code}`);
  const requestId = sent.changes.requests[0]!.id;
  const item = () => queue.shadowRoot!.querySelector<HTMLElement>(`#item-${CSS.escape(requestId)}`);
  await paintedWhen(() => item() !== null);
  await sleep(20);
  const sessionShown = () => {
    const session = requester.$sessions.get().find((s) => s.requestId === requestId);
    return session ? sessions.shadowRoot!.querySelector(`[data-session-id="${CSS.escape(session.id)}"]`) !== null : false;
  };
  let storeAt = 0;
  const unlisten = requester.$sessions.listen((list) => {
    if (!storeAt && list.some((s) => s.requestId === requestId)) storeAt = performance.now();
  });
  Object.assign(streamSeen, { requestId, at: 0, sentAt: 0 });
  const inDom = domWhen(sessions.shadowRoot!, sessionShown);
  const started = performance.now();
  item()!.querySelector<HTMLButtonElement>('[part="accept-button"]')!.click();
  const painted = (await paintedWhen(sessionShown, 10_000)).at;
  const domAt = await inDom;
  unlisten();
  const { at: bytesAt, sentAt } = streamSeen;
  streamSeen.requestId = '';
  // Leave the session so that the next run starts from the same screens.
  const session = requester.$sessions.get().find((s) => s.requestId === requestId)!;
  await requester.leaveSession(session.id);
  await paintedWhen(() => !sessionShown());
  return { painted: painted - started, dom: domAt - started, bytes: bytesAt - started, store: storeAt - started, sent: sentAt - started };
}

/**
 * The baseline: a bare client of the same backend, no SDK. It accepts with a bare `fetch` and reads
 * the requester's raw event stream; on the session's event it writes one line, "Session with …",
 * into a plain list in the page. Timed like ours: from the Accept to the frame painted with that line.
 */
async function e2eBaselineRun(): Promise<E2eTimes> {
  const headers = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() });
  const created = await fetch(`${API}/requests`, { method: 'POST', headers: headers('demo-frontdesk'), body: JSON.stringify({ providerId: 'prov-okafor', serviceId: 'svc-urgent' }) });
  if (!created.ok) throw new Error(`POST /requests answered ${created.status}: ${await created.text()}`);
  const requestId = ((await created.json()) as { requests: SessionRequest[] }).requests[0]!.id;
  const list = document.createElement('ul');
  stage.append(list);
  const abort = new AbortController();
  const stream = await fetch(`${API}/events`, { headers: headers('demo-frontdesk'), signal: abort.signal });
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let sessionId = '';
  let bytesAt = 0;
  let domAt = 0;
  let watching = false;
  const shown = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
      // Server-sent events: one blank line ends an event; its `data:` line is one JSON change.
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (!watching || !data) continue;
        const change = JSON.parse(data.slice('data: '.length)) as { type: string; session?: { id: string; requestId: string; provider: { name: string } } };
        if (change.type !== 'session' || change.session?.requestId !== requestId) continue;
        bytesAt = performance.now();
        sessionId = change.session.id;
        const line = document.createElement('li');
        line.dataset['sessionId'] = sessionId;
        line.textContent = `Session with ${change.session.provider.name}`;
        list.append(line);
        domAt = performance.now();
        return;
      }
    }
  })();
  await sleep(50);
  watching = true;
  const lineShown = () => sessionId !== '' && list.querySelector(`[data-session-id="${CSS.escape(sessionId)}"]`) !== null;
  const started = performance.now();
  const accepted = fetch(`${API}/requests/${requestId}/accept`, { method: 'POST', headers: headers('demo-okafor'), body: JSON.stringify({ enter: false }) });
  const painted = (await paintedWhen(lineShown, 10_000)).at;
  await shown;
  await accepted;
  abort.abort();
  list.remove();
  if (sessionId) await fetch(`${API}/sessions/${sessionId}/leave`, { method: 'POST', headers: headers('demo-frontdesk') });
  await frames(1);
  return { painted: painted - started, dom: domAt - started, bytes: bytesAt - started };
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
  e2eSetup,
  e2eRun,
  e2eBaselineRun,
  idleDashboard,
  clear,
  ...callBench,
};
window.bench = api;
document.body.dataset['ready'] = 'true';
