/**
 * Records every place a secret or a patient's data could leave the SDK through, while a test runs
 * the product: the console, every request (fetch, XHR, WebSocket, EventSource, beacons) with its
 * URL and headers, every event dispatched in the page with its `detail`, uncaught errors, storage
 * (local, session, cookies, IndexedDB, Cache Storage), the page's title, URL and history, messages
 * to other windows and tabs, and the markup of the page. `stop()` puts every hook back.
 */

export interface RecordedRequest {
  via: string;
  url: string;
  method: string;
  headers: Record<string, string>;
}

export interface Recording {
  console: string[];
  requests: RecordedRequest[];
  /** Every event dispatched with a `detail` (every `vc-*` event among them), serialized. */
  events: { type: string; detail: string }[];
  /** Uncaught errors and rejections, and the errors a test adds (`errors.push`). */
  errors: string[];
  /** postMessage to windows, BroadcastChannel messages. */
  messages: string[];
}

/** Everything an object holds, errors (message, stack, cause) included, as text. */
export function serialize(value: unknown, seen = new WeakSet<object>()): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error || (typeof (value as Error).message === 'string' && typeof (value as Error).stack === 'string')) {
    const error = value as Error & Record<string, unknown>;
    const own = Object.keys(error).map((key) => `${key}=${serialize(error[key], seen)}`);
    return [error.name, error.message, error.stack, error.cause === undefined ? '' : serialize(error.cause, seen), ...own].join(' | ');
  }
  if (value instanceof Request) return `${value.method} ${value.url} ${serialize(Object.fromEntries(value.headers), seen)}`;
  if (value instanceof Headers) return serialize(Object.fromEntries(value), seen);
  if (value instanceof Node) return `<${value.nodeName}>`;
  if (Array.isArray(value)) return value.map((item) => serialize(item, seen)).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${key}: ${serialize(item, seen)}`)
    .join(', ');
}

type Restore = () => void;

function patch<T extends object, K extends keyof T>(target: T, key: K, replacement: T[K]): Restore {
  const original = target[key];
  target[key] = replacement;
  return () => {
    target[key] = original;
  };
}

/**
 * Starts recording. `route` answers the requests the SDK makes with the global fetch (a
 * `<vc-clinic base-url>` uses it), so that the page needs no server.
 */
export function recordChannels(route?: (request: Request) => Promise<Response> | null): Recording & { stop(): void } {
  const recording: Recording = { console: [], requests: [], events: [], errors: [], messages: [] };
  const restores: Restore[] = [];

  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'table', 'dir', 'group', 'assert'] as const) {
    const original = console[method] as (...args: unknown[]) => void;
    restores.push(
      patch(console, method, ((...args: unknown[]) => {
        // console.assert prints only when its condition fails.
        if (method !== 'assert' || !args[0]) recording.console.push(`${method}: ${args.map((arg) => serialize(arg)).join(' ')}`);
        original.apply(console, args);
      }) as never),
    );
  }

  const originalFetch = globalThis.fetch;
  restores.push(
    patch(globalThis, 'fetch', (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      recording.requests.push({ via: 'fetch', url: request.url, method: request.method, headers: Object.fromEntries(request.headers) });
      const answer = route?.(request);
      return answer ?? originalFetch(request);
    }) as typeof fetch),
  );

  const xhrOpen = XMLHttpRequest.prototype.open;
  restores.push(
    patch(XMLHttpRequest.prototype, 'open', function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
      recording.requests.push({ via: 'xhr', url: String(url), method, headers: {} });
      return (xhrOpen as (...args: unknown[]) => void).call(this, method, url, ...rest);
    } as typeof XMLHttpRequest.prototype.open),
  );
  const xhrHeader = XMLHttpRequest.prototype.setRequestHeader;
  restores.push(
    patch(XMLHttpRequest.prototype, 'setRequestHeader', function (this: XMLHttpRequest, name: string, value: string) {
      recording.requests.push({ via: 'xhr-header', url: '', method: '', headers: { [name]: value } });
      xhrHeader.call(this, name, value);
    }),
  );

  for (const name of ['WebSocket', 'EventSource'] as const) {
    const Original = globalThis[name] as unknown as new (url: string | URL, options?: unknown) => object;
    const Recorded = function (url: string | URL, options?: unknown) {
      recording.requests.push({ via: name, url: String(url), method: 'GET', headers: {} });
      return new Original(url, options);
    };
    restores.push(patch(globalThis as unknown as Record<string, unknown>, name, Recorded));
  }

  const beacon = navigator.sendBeacon;
  restores.push(
    patch(navigator, 'sendBeacon', (url: string | URL, data?: BodyInit | null) => {
      recording.requests.push({ via: 'beacon', url: String(url), method: 'POST', headers: {} });
      recording.messages.push(`beacon: ${serialize(data)}`);
      return beacon.call(navigator, url, data);
    }),
  );

  const dispatch = EventTarget.prototype.dispatchEvent;
  restores.push(
    patch(EventTarget.prototype, 'dispatchEvent', function (this: EventTarget, event: Event) {
      if ('detail' in event || event.type.startsWith('vc-')) recording.events.push({ type: event.type, detail: serialize((event as CustomEvent).detail) });
      return dispatch.call(this, event);
    }),
  );

  const windowPost = window.postMessage;
  restores.push(
    patch(window, 'postMessage', function (this: Window, message: unknown, ...rest: unknown[]) {
      recording.messages.push(`postMessage: ${serialize(message)}`);
      return (windowPost as (...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof window.postMessage),
  );
  const broadcast = BroadcastChannel.prototype.postMessage;
  restores.push(
    patch(BroadcastChannel.prototype, 'postMessage', function (this: BroadcastChannel, message: unknown) {
      recording.messages.push(`BroadcastChannel(${this.name}): ${serialize(message)}`);
      broadcast.call(this, message);
    }),
  );

  const onError = (event: ErrorEvent) => recording.errors.push(serialize(event.error ?? event.message));
  const onRejection = (event: PromiseRejectionEvent) => recording.errors.push(serialize(event.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  restores.push(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  return {
    ...recording,
    stop() {
      for (const restore of restores.splice(0).reverse()) restore();
    },
  };
}

/** What the page keeps or shows beyond the SDK's own memory, read once the flows are over. */
export async function persistentPlaces(): Promise<Record<string, string>> {
  const entries = (storage: Storage) =>
    Array.from({ length: storage.length }, (_, i) => storage.key(i)!)
      .map((key) => `${key}=${storage.getItem(key)}`)
      .join('\n');
  const databases = (await indexedDB.databases()).map((db) => db.name ?? '').join('\n');
  const cacheNames = await caches.keys();
  const cached: string[] = [];
  for (const name of cacheNames) for (const request of await (await caches.open(name)).keys()) cached.push(`${name}: ${request.url}`);
  return {
    localStorage: entries(localStorage),
    sessionStorage: entries(sessionStorage),
    cookies: document.cookie,
    'IndexedDB databases': databases,
    'Cache Storage': [...cacheNames, ...cached].join('\n'),
    'document.title': document.title,
    'page URL': location.href,
    'history.state': serialize(history.state),
    'resource URLs': performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .join('\n'),
  };
}
