/**
 * The built-in call through a real TURN server (issue 18 §2–3): coturn on 127.0.0.1, started by
 * the test runner (scripts/turn-server.mjs), credentials from the mock's `GET /ice-servers`,
 * relay only. Stopping coturn mid-call is the network dropping; starting it again, coming back.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { html } from 'lit';
import type { VcWaitingRoom } from '../../src/elements/waiting-room/waiting-room.js';
import { WebRtcMeetingAdapter } from '../../src/meeting/webrtc-meeting-adapter.js';
import { turnCredentials } from '../../src/rules/turn-credentials.js';
import { acceptedSession, closeAll, createBackend, TOKENS, type Backend } from '../support/fixtures.js';
import { fakeMediaLayer, waitForPicture } from '../support/fake-media.js';
import { mountInClinic, recordEvents, shadow } from '../support/mount.js';
import { focusReaches } from '../support/focus-recorder.js';

interface Turn {
  port: number;
  secret: string;
  urls: string[];
}

/** The ICE candidates a relay-only connection gathers with these servers, and the errors it meets. */
async function gather(iceServers: RTCIceServer[]): Promise<{ relay: number; errors: number[] }> {
  const connection = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  const found = { relay: 0, errors: [] as number[] };
  connection.addEventListener('icecandidate', ({ candidate }) => {
    if (candidate?.type === 'relay') found.relay++;
  });
  connection.addEventListener('icecandidateerror', (event) => found.errors.push((event as RTCPeerConnectionIceErrorEvent).errorCode));
  connection.addTransceiver('audio');
  await connection.setLocalDescription(await connection.createOffer());
  await waitUntil(() => connection.iceGatheringState === 'complete', 'gathering ends', { timeout: 30_000 });
  connection.close();
  return found;
}

/**
 * Every page's peer connections report here what a TURN server refused (`icecandidateerror`, 401:
 * the credentials), with when: a subclass in place of the browser's for the file's tests.
 */
const refusals: number[] = [];
const BrowserPeerConnection = window.RTCPeerConnection;
class RecordingPeerConnection extends BrowserPeerConnection {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    this.addEventListener('icecandidateerror', (event) => {
      if ((event as RTCPeerConnectionIceErrorEvent).errorCode === 401) refusals.push(Date.now());
    });
  }
}

describe('the built-in call through TURN', function () {
  this.timeout(180_000);
  let turn: Turn;
  let backend: Backend;
  before(async () => {
    turn = (await executeServerCommand('turn-start')) as Turn;
    window.RTCPeerConnection = RecordingPeerConnection;
  });
  after(async () => {
    window.RTCPeerConnection = BrowserPeerConnection;
    await executeServerCommand('turn-reset');
  });
  beforeEach(() => {
    refusals.length = 0;
  });
  afterEach(async () => {
    closeAll();
    await executeServerCommand('turn-start'); // running again for the next test
  });

  it('coturn refuses expired credentials and takes fresh ones', async () => {
    const config = { secret: turn.secret, urls: turn.urls };
    const expired = await turnCredentials({ ...config, ttlSeconds: 60 }, 'req-frontdesk', Date.now() - 3600_000);
    const fresh = await turnCredentials(config, 'req-frontdesk', Date.now());
    const refused = await gather(expired.iceServers);
    expect(refused.relay, 'no relay address with expired credentials').to.equal(0);
    expect(refused.errors, 'the TURN server answered 401').to.include(401);
    const accepted = await gather(fresh.iceServers);
    expect(accepted.relay, 'relay addresses with fresh ones').to.be.greaterThan(0);
  });

  /**
   * Both sides in a relay-only call. `issued()` counts the credentials the mock handed out
   * (the first `expiredFirst` already expired an hour ago), `grants` when each was issued and
   * when it expires (ms since the epoch).
   */
  async function relayCall(options: { reconnectTimeoutMs?: number; expiredFirst?: number; ttlSeconds?: number } = {}) {
    const ttlSeconds = options.ttlSeconds ?? 600;
    const grants: { at: number; expiresAt: number }[] = [];
    backend = createBackend({
      turn: {
        secret: turn.secret,
        urls: turn.urls,
        ttlSeconds,
        now: () => {
          const at = grants.length < (options.expiredFirst ?? 0) ? Date.now() - 3600_000 : Date.now();
          // The rule's expiry, in whole seconds: `<expiry>:<user id>`.
          grants.push({ at: Date.now(), expiresAt: (Math.floor(at / 1000) + ttlSeconds) * 1000 });
          return at;
        },
      },
    });
    const adapter = new WebRtcMeetingAdapter({ iceTransportPolicy: 'relay', restartIntervalMs: 2000, disconnectGraceMs: 500, reconnectTimeoutMs: options.reconnectTimeoutMs ?? 60_000 });
    const { sessionId } = await acceptedSession(backend, { bothEntered: true });
    const mount = (token: string) =>
      mountInClinic<VcWaitingRoom>(backend, token, html`<vc-waiting-room session-id=${sessionId} .mediaLayer=${fakeMediaLayer()} .meetingAdapter=${adapter}></vc-waiting-room>`);
    const requester = await mount(TOKENS.frontDesk);
    const provider = await mount(TOKENS.okafor);
    return { requester: requester.el, provider: provider.el, issued: () => grants.length, grants };
  }
  const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
  const status = (el: Element) => part(el, 'call-status')?.textContent ?? '';
  const remote = (el: Element) => part(el, 'remote-video') as HTMLVideoElement | null;

  it('a relay-only call connects through coturn with the credentials of GET /ice-servers', async () => {
    const { requester, provider, issued } = await relayCall();
    await waitForPicture(() => remote(requester), "the provider's picture, relayed");
    await waitForPicture(() => remote(provider), "the requester's picture, relayed");
    await waitUntil(() => status(requester) === 'Connected to Dr. Amara Okafor.', 'connected');
    expect(issued(), 'each side asked for its own credentials').to.be.at.least(2);
  });

  it('survives the network dropping: both say Reconnecting…, and ICE restarts on its own once it is back', async () => {
    const { requester, provider } = await relayCall();
    await waitForPicture(() => remote(requester));
    await waitUntil(() => status(provider) === 'Connected to Riverside Front Desk.', 'connected');
    const states = recordEvents(provider, 'vc-call-state-change');
    const track = (remote(requester)!.srcObject as MediaStream).getVideoTracks()[0];

    await executeServerCommand('turn-stop');
    await waitUntil(() => status(requester).includes('Reconnecting') && status(provider).includes('Reconnecting'), 'both say Reconnecting…', { timeout: 60_000 });
    await expect(requester).to.be.accessible();
    await executeServerCommand('turn-start');
    await waitUntil(() => status(requester) === 'Connected to Dr. Amara Okafor.' && status(provider) === 'Connected to Riverside Front Desk.', 'connected again', { timeout: 60_000 });
    await waitForPicture(() => remote(requester), 'pictures again');
    expect((remote(requester)!.srcObject as MediaStream).getVideoTracks()[0], 'the same connection: ICE restarted, no new call').to.equal(track);
    expect(states.map((e) => e.detail.state)).to.deep.equal(['reconnecting', 'connected']);
  });

  it('a call handed expired credentials: coturn refuses them, the call asks for fresh ones and connects relay-only', async () => {
    const { requester, provider, issued } = await relayCall({ expiredFirst: 2 });
    await waitForPicture(() => remote(requester), "the provider's picture, relayed");
    await waitForPicture(() => remote(provider), "the requester's picture, relayed");
    await waitUntil(() => status(requester) === 'Connected to Dr. Amara Okafor.' && status(provider) === 'Connected to Riverside Front Desk.', 'connected');
    expect(refusals.length, 'coturn refused the expired credentials (401)').to.be.greaterThan(0);
    expect(issued(), 'fresh credentials asked for after the two expired ones').to.be.greaterThan(2);
  });

  it('credentials that expire mid-call are renewed before they do: after they expired, a dropped call comes back relay-only, refused nothing', async () => {
    const ttlSeconds = 8;
    const { requester, provider, grants } = await relayCall({ ttlSeconds });
    await waitForPicture(() => remote(requester));
    await waitForPicture(() => remote(provider));
    await waitUntil(() => status(provider) === 'Connected to Riverside Front Desk.' && status(requester) === 'Connected to Dr. Amara Okafor.', 'connected');
    const states = recordEvents(provider, 'vc-call-state-change');
    // Every grant handed out so far (one or more per side, while connecting) expires by this time.
    const firstExpire = Math.max(...grants.map((g) => g.expiresAt));
    const before = grants.length;
    await waitUntil(() => grants.length >= before + 2, 'both sides renew their credentials', { timeout: 4 * ttlSeconds * 1000 });
    const renewed = grants.slice(before);
    expect(renewed.every((g) => g.at < g.expiresAt), 'each renewal is fresh').to.equal(true);
    expect(renewed[1]!.at, 'renewed before the first credentials expired').to.be.below(firstExpire);
    expect(states, 'the call went on while renewing').to.deep.equal([]);

    await waitUntil(() => Date.now() > firstExpire + 1000, 'the first credentials have expired', { timeout: 4 * ttlSeconds * 1000 });
    refusals.length = 0;
    await executeServerCommand('turn-stop');
    await waitUntil(() => status(requester).includes('Reconnecting') && status(provider).includes('Reconnecting'), 'both say Reconnecting…', { timeout: 60_000 });
    await executeServerCommand('turn-start');
    await waitUntil(() => status(requester) === 'Connected to Dr. Amara Okafor.' && status(provider) === 'Connected to Riverside Front Desk.', 'connected again', { timeout: 60_000 });
    await waitForPicture(() => remote(requester), 'pictures again');
    await waitForPicture(() => remote(provider), 'pictures again, both ways');
    expect(refusals, 'coturn refused nothing: both sides held fresh credentials when ICE restarted').to.deep.equal([]);
  });

  it('a call that cannot come back in time says so and offers Try Again, which connects once the network is back', async () => {
    const { requester, provider } = await relayCall({ reconnectTimeoutMs: 4000 });
    await waitForPicture(() => remote(requester));
    await executeServerCommand('turn-stop');
    await waitUntil(() => part(provider, 'call-retry-button'), 'Try Again', { timeout: 60_000 });
    expect(status(provider)).to.equal('The call with Riverside Front Desk could not be restored. Check the network connection, then choose Try Again.');
    await expect(provider).to.be.accessible();
    await executeServerCommand('turn-start');
    part(provider, 'call-retry-button')!.focus();
    part(provider, 'call-retry-button')!.click();
    // The button goes: focus goes to what the call says now, never to <body> (issue 20.2).
    await focusReaches(() => part(provider, 'call-status'), 'focus did not reach the call status');
    await waitUntil(() => status(provider) === 'Connected to Riverside Front Desk.', 'connected after Try Again', { timeout: 60_000 });
    await waitForPicture(() => remote(provider), 'pictures after Try Again');
  });
});
