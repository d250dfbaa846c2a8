/**
 * Issue 15.5: the HTTP transport sends with the platform's `fetch` (no HTTP client library). What a
 * backend, a gateway and a host's own `fetch` receive is the request they received before: a
 * `Request` with the method, JSON body, bearer token, idempotency key, no cookies and no cache; and a
 * command that gets no answer within `timeoutMs` fails as a timeout, whatever the `fetch` does.
 */
import { expect } from '@open-wc/testing';
import { NetworkError } from '../../src/core/errors/network-error.js';
import { HttpTransport } from '../../src/transport/http-transport.js';
import { BASE_URL, backendFetch, createBackend, TOKENS } from '../support/fixtures.js';

const accept = { type: 'accept-request', requestId: 'request-1', enter: true } as const;

/** A fetch that never answers and honours the abort signal, as the browser's does; `signals` records each request's. */
function silentFetch(signals: AbortSignal[] = []): typeof fetch {
  return (input) =>
    new Promise<Response>((_resolve, reject) => {
      const { signal } = input as Request;
      signals.push(signal);
      signal.addEventListener('abort', () => reject(signal.reason));
    });
}

describe('the HTTP exchange', () => {
  it('a command reaches the given fetch as a Request: method, URL, JSON body, token, idempotency key, no cookies, no cache', async () => {
    const backend = createBackend();
    const received: Array<{ request: Request; init: RequestInit | undefined }> = [];
    const answer = backendFetch(backend);
    const transport = new HttpTransport({
      baseUrl: BASE_URL,
      getToken: () => TOKENS.okafor,
      fetch: (input, init) => {
        received.push({ request: (input as Request).clone(), init });
        return answer(input, init);
      },
    });
    // Refused by the mock (there is no request-1 yet): what was sent is the point here.
    await transport.send(accept, { idempotencyKey: 'key-1' }).catch(() => null);

    expect(received.length).to.equal(1);
    const { request, init } = received[0]!;
    expect(request).to.be.instanceOf(Request);
    expect(init).to.equal(undefined);
    expect(request.method).to.equal('POST');
    expect(request.url).to.equal(`${BASE_URL}/requests/request-1/accept`);
    expect(request.headers.get('Content-Type')).to.equal('application/json');
    expect(request.headers.get('Authorization')).to.equal(`Bearer ${TOKENS.okafor}`);
    expect(request.headers.get('Idempotency-Key')).to.equal('key-1');
    expect(request.credentials).to.equal('omit');
    expect(request.cache).to.equal('no-store');
    expect(await request.json()).to.deep.equal({ enter: true });
  });

  it('a command with no answer within timeoutMs fails with code "timeout", and its request is aborted', async () => {
    const signals: AbortSignal[] = [];
    const transport = new HttpTransport({
      baseUrl: BASE_URL,
      getToken: () => TOKENS.okafor,
      timeoutMs: 50,
      fetch: silentFetch(signals),
    });
    const error = await transport.send(accept, { idempotencyKey: 'key-2' }).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).to.be.instanceOf(NetworkError);
    expect((error as NetworkError).code).to.equal('timeout');
    expect(signals.length).to.equal(1);
    expect(signals[0]!.aborted).to.equal(true);
  });

  it('a host fetch that ignores the abort signal still ends in a timeout, not a command that never returns', async () => {
    const transport = new HttpTransport({
      baseUrl: BASE_URL,
      getToken: () => TOKENS.okafor,
      timeoutMs: 50,
      fetch: () => new Promise<Response>(() => {}),
    });
    const error = await transport.snapshot().then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).to.be.instanceOf(NetworkError);
    expect((error as NetworkError).code).to.equal('timeout');
  });

  it('the caller\'s abort ends the exchange at once, as an abort, not a timeout', async () => {
    const transport = new HttpTransport({
      baseUrl: BASE_URL,
      getToken: () => TOKENS.okafor,
      timeoutMs: 60_000,
      fetch: silentFetch(),
    });
    const controller = new AbortController();
    const sent = transport.send(accept, { idempotencyKey: 'key-3', signal: controller.signal }).then(
      () => null,
      (failure: unknown) => failure,
    );
    controller.abort();
    const error = await sent;
    expect(error).to.be.instanceOf(NetworkError);
    expect((error as NetworkError).code).to.not.equal('timeout');
  });

  it('a timeoutMs no browser timer can hold (0, Infinity, over 2^31 - 1 ms) is refused when the transport is made, not at every request', () => {
    for (const timeoutMs of [0, -1, Number.POSITIVE_INFINITY, Number.NaN, 2 ** 31]) {
      expect(() => new HttpTransport({ baseUrl: BASE_URL, getToken: () => TOKENS.okafor, timeoutMs }), String(timeoutMs)).to.throw(RangeError, /timeoutMs must be a number of ms from 1 to 2147483647/);
    }
    expect(() => new HttpTransport({ baseUrl: BASE_URL, getToken: () => TOKENS.okafor, timeoutMs: 2 ** 31 - 1 })).to.not.throw();
  });

  it('a host fetch that throws at once fails the command as a network failure, at once, not after the timeout', async () => {
    const transport = new HttpTransport({
      baseUrl: BASE_URL,
      getToken: () => TOKENS.okafor,
      timeoutMs: 2 ** 31 - 1,
      fetch: () => {
        throw new TypeError('the host\'s fetch refused');
      },
    });
    const error = await transport.send(accept, { idempotencyKey: 'key-4' }).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).to.be.instanceOf(NetworkError);
    expect((error as NetworkError).code).to.equal('network');
  });
});
