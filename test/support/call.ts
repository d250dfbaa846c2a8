/**
 * Two <vc-waiting-room>s in the built-in call on one mock clinic (issue 18): the set-up that the
 * call's browser tests share. `useCall()` inside a `describe` makes a fresh backend before each
 * test and closes every clinic after it; `inCall()` returns once both sides see each other.
 */
import { waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import type { VcWaitingRoom } from '../../src/elements/waiting-room/waiting-room.js';
import { acceptedSession, closeAll, createBackend, TOKENS, type Backend } from './fixtures.js';
import { fakeMediaLayer, waitForPicture, type FakeMediaLayer } from './fake-media.js';
import { mountInClinic, shadow, type Mounted } from './mount.js';

/** The element inside `el`'s shadow root with part `name`. */
export const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
export const video = (el: Element, name: string) => part(el, name) as HTMLVideoElement | null;
/** What a node says, white space collapsed. */
export const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const remoteStream = (el: Element) => video(el, 'remote-video')?.srcObject as MediaStream | null;
export { announced } from './harness.js';
/** Waits up to 15 s for `condition`. */
export const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 15_000 });

export interface CallSide extends Mounted<VcWaitingRoom> {
  media: FakeMediaLayer;
}

export interface CallFixture {
  /** This test's mock clinic. */
  readonly backend: Backend;
  /** A waiting room for `token` in session `sessionId`, with `media` as its camera and microphone. */
  mountSide(token: string, sessionId: string, media: FakeMediaLayer, lang?: string): Promise<CallSide>;
  /** Both in the call, seeing each other: the front desk requested, Dr. Okafor accepted and entered. */
  inCall(deskMedia?: FakeMediaLayer, okaforMedia?: FakeMediaLayer, lang?: string): Promise<{ sessionId: string; requester: CallSide; provider: CallSide }>;
}

/** Registers the hooks of a call test (call it inside `describe`) and answers its helpers. */
export function useCall(): CallFixture {
  let backend: Backend | null = null;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(() => closeAll());

  const fixture: CallFixture = {
    get backend() {
      if (!backend) throw new Error('useCall(): the backend exists only inside a test');
      return backend;
    },
    async mountSide(token, sessionId, media, lang = 'en') {
      const mounted = await mountInClinic<VcWaitingRoom>(fixture.backend, token, html`<vc-waiting-room lang=${lang} session-id=${sessionId} .mediaLayer=${media}></vc-waiting-room>`);
      return { ...mounted, media };
    },
    async inCall(deskMedia = fakeMediaLayer(), okaforMedia = fakeMediaLayer(), lang = 'en') {
      const { sessionId } = await acceptedSession(fixture.backend, { bothEntered: true });
      const requester = await fixture.mountSide(TOKENS.frontDesk, sessionId, deskMedia, lang);
      const provider = await fixture.mountSide(TOKENS.okafor, sessionId, okaforMedia);
      await waitForPicture(() => video(requester.el, 'remote-video'), "the provider's picture");
      await waitForPicture(() => video(provider.el, 'remote-video'), "the requester's picture");
      return { sessionId, requester, provider };
    },
  };
  return fixture;
}
