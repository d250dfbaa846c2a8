/**
 * docs/meeting.md: the two ways a host plugs its own video product into <vc-waiting-room>
 * (docs/examples/meeting/), each started by a real waiting room once both participants entered.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import type { MeetingAdapter } from '../../src/meeting/meeting-adapter.js';
import type { VcWaitingRoom } from '../../src/elements/waiting-room/waiting-room.js';
import { acceptedSession, closeAll, createBackend, TOKENS, type Backend } from '../support/fixtures.js';
import { fakeMediaLayer } from '../support/fake-media.js';
import { mountInClinic, shadow } from '../support/mount.js';

// The examples import the package by name, as a host's app does (docs/examples/tsconfig.json and
// test/package type-check them); here they are only run, so tsc does not follow these imports.
const { urlHandOff } = (await import('/docs/examples/meeting/url-hand-off.ts' as string)) as { urlHandOff: MeetingAdapter };
const { AcmeMeetingAdapter } = (await import('/docs/examples/meeting/embedded-product.ts' as string)) as {
  AcmeMeetingAdapter: new (joinToken: (sessionId: string) => Promise<string>) => MeetingAdapter;
};

describe('docs/meeting.md — a host’s own video product', () => {
  let backend: Backend;
  const opened: string[] = [];
  const realOpen = window.open;
  beforeEach(() => {
    backend = createBackend();
    window.open = (url?: string | URL) => {
      opened.push(String(url));
      return null;
    };
  });
  afterEach(() => {
    window.open = realOpen;
    closeAll();
  });

  /** The requester's waiting room with `adapter`, once both have entered. */
  async function meetingWith(adapter: MeetingAdapter) {
    const { sessionId } = await acceptedSession(backend, { bothEntered: true });
    const { el } = await mountInClinic<VcWaitingRoom>(
      backend,
      TOKENS.frontDesk,
      html`<vc-waiting-room session-id=${sessionId} .mediaLayer=${fakeMediaLayer()} .meetingAdapter=${adapter}></vc-waiting-room>`,
    );
    return { el, sessionId, call: () => shadow(el).querySelector<HTMLElement>('[part~="call"]') };
  }

  it('a URL hand-off: the link to the room named by the session, opened at once', async () => {
    const { call, sessionId } = await meetingWith(urlHandOff);
    await waitUntil(() => call()?.querySelector('a'), 'the link');
    const link = call()!.querySelector('a')!;
    expect(link.href).to.equal(`https://video.clinic.example/rooms/${sessionId}?as=requester`);
    expect(opened).to.deep.equal([link.href]);
  });

  it('an embedded element: mounted with the session, given its join token, and its hang-up leaves the session', async () => {
    const { call, sessionId } = await meetingWith(new AcmeMeetingAdapter(async (id) => `token-for-${id}`));
    await waitUntil(() => call()?.querySelector('acme-video-room')?.getAttribute('token'), 'the room with its token');
    const room = call()!.querySelector('acme-video-room') as HTMLElement & { leave(): void };
    expect(room.getAttribute('room')).to.equal(sessionId);
    expect(room.getAttribute('token')).to.equal(`token-for-${sessionId}`);
    expect(room.getAttribute('aria-label')).to.equal('Video of Dr. Amara Okafor');
    room.leave();
    await waitUntil(() => backend.state().sessions.find((s) => s.id === sessionId)?.status === 'ended', 'the session ended');
  });
});
