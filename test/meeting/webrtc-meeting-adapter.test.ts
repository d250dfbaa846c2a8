import { expect, waitUntil } from '@open-wc/testing';
import type { Clinic } from '../../src/core/clinic.js';
import type { Role, Session, Signal } from '../../src/core/model.js';
import { en, type MessageKey } from '../../src/i18n/en.js';
import type { MeetingContext, MeetingHandle } from '../../src/meeting/meeting-adapter.js';
import { WebRtcMeetingAdapter } from '../../src/meeting/webrtc-meeting-adapter.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { allEnded, waitForPicture, waitForSound } from '../support/fake-media.js';

/** Two clinics against one mock backend, signalling over the real HTTP transport, in one page. */
describe('WebRtcMeetingAdapter', function () {
  this.timeout(90_000);
  let backend: Backend;
  const handles: MeetingHandle[] = [];
  const containers: HTMLElement[] = [];
  const streams: MediaStream[] = [];

  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(() => {
    for (const handle of handles.splice(0)) handle.end();
    for (const stream of streams.splice(0)) for (const track of stream.getTracks()) track.stop();
    for (const container of containers.splice(0)) container.remove();
    closeAll();
  });

  async function openSession(): Promise<{ desk: Clinic; okafor: Clinic; session: Session }> {
    const desk = await open(backend, TOKENS.frontDesk);
    const okafor = await open(backend, TOKENS.okafor);
    const requested = await desk.requestSession('prov-okafor', 'svc-urgent');
    if (!requested.ok) throw requested.error;
    const accepted = await okafor.acceptRequest(requested.changes.requests[0]!.id, { enter: true });
    if (!accepted.ok) throw accepted.error;
    const session = accepted.changes.sessions[0]!;
    await desk.enterSession(session.id);
    return { desk, okafor, session };
  }

  async function camera(): Promise<MediaStream> {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    streams.push(stream);
    return stream;
  }

  function start(clinic: Clinic, session: Session, role: Role, localStream: MediaStream | null, adapter = new WebRtcMeetingAdapter()) {
    const self = role === 'provider' ? session.provider : session.requester;
    const other = role === 'provider' ? session.requester : session.provider;
    const container = document.createElement('div');
    document.body.append(container);
    containers.push(container);
    const left: string[] = [];
    const context: MeetingContext = {
      sessionId: session.id,
      requestId: session.requestId,
      role,
      selfUserId: self.userId,
      peerUserId: other.userId,
      peerName: other.name,
      container,
      localStream,
      audioOutputId: null,
      signals: {
        send: async (type, payload) => (await clinic.sendSignal(session.id, type, payload)).ok,
        listen: (listener) =>
          clinic.on('signal', (signal: Signal) => {
            if (signal.sessionId === session.id && signal.fromUserId === other.userId) listener(signal.type, signal.payload);
          }),
      },
      leave: () => left.push(session.id),
      term: (key: MessageKey, params = {}) => {
        const message = en[key];
        return typeof message === 'function' ? message(params) : message;
      },
      routeAudio: () => {},
    };
    const handle = adapter.start(context);
    handles.push(handle);
    const part = (name: string) => container.querySelector<HTMLElement>(`[part~="${name}"]`);
    return { handle, container, part, remoteVideo: () => part('remote-video') as HTMLVideoElement | null, status: () => part('call-status')?.textContent ?? '' };
  }

  it('connects the two participants through the clinic transport, with pictures and sound both ways', async () => {
    const { desk, okafor, session } = await openSession();
    const deskStream = await camera();
    const okaforStream = await camera();
    const requester = start(desk, session, 'requester', deskStream);
    const provider = start(okafor, session, 'provider', okaforStream);

    await waitForPicture(() => requester.remoteVideo(), "the provider's picture at the requester's");
    await waitForPicture(() => provider.remoteVideo(), "the requester's picture at the provider's");
    expect(requester.remoteVideo()!.getAttribute('aria-label')).to.equal('Video of Dr. Amara Okafor');
    expect(provider.remoteVideo()!.getAttribute('aria-label')).to.equal('Video of Riverside Front Desk');
    expect(provider.part('local-video')!.getAttribute('aria-label')).to.equal('Your camera');
    // Without a host announcer the call speaks through a live region of its own; the status line is none (issue 20.3: said once).
    expect(provider.part('call-announcer')!.getAttribute('role')).to.equal('status');
    expect(provider.part('call-status')!.hasAttribute('role')).to.equal(false);
    await waitForSound(requester.remoteVideo()!.srcObject as MediaStream, "the provider's sound at the requester's");
    await waitForSound(provider.remoteVideo()!.srcObject as MediaStream, "the requester's sound at the provider's");
    await waitUntil(() => requester.status() === 'Connected to Dr. Amara Okafor.' && provider.status() === 'Connected to Riverside Front Desk.', 'both connected', { timeout: 10_000 });
    // The signals went through the server's relay, and none of them into the session state.
    expect(Object.keys(desk.$sessionById.get())).to.deep.equal([session.id]);
  });

  it('connects whichever side starts first', async () => {
    const { desk, okafor, session } = await openSession();
    const unheard: Signal[] = [];
    desk.on('signal', (signal) => unheard.push(signal));
    const provider = start(okafor, session, 'provider', await camera());
    // The provider's hello reached the requester's page before any call there listened.
    await waitUntil(() => unheard.some((signal) => signal.type === 'hello'));
    const requester = start(desk, session, 'requester', await camera());
    await waitForPicture(() => requester.remoteVideo());
    await waitForPicture(() => provider.remoteVideo());
  });

  it('ending one side tells the other, releases its devices and removes its markup', async () => {
    const { desk, okafor, session } = await openSession();
    const deskStream = await camera();
    const requester = start(desk, session, 'requester', deskStream);
    const provider = start(okafor, session, 'provider', await camera());
    await waitForPicture(() => provider.remoteVideo());

    requester.handle.end();
    expect(allEnded([deskStream])).to.equal(true);
    expect(requester.container.children.length).to.equal(0);
    await waitUntil(() => provider.status() === 'Riverside Front Desk left the call. Waiting for them to come back…', 'the provider is told', { timeout: 10_000 });
    expect(provider.remoteVideo()!.srcObject).to.equal(null);
    await expect(provider.container, 'the call in its peer-left state').to.be.accessible();
  });

  it('a participant who comes back (a reloaded page) is connected again', async () => {
    const { desk, okafor, session } = await openSession();
    const requester = start(desk, session, 'requester', await camera());
    const provider = start(okafor, session, 'provider', await camera());
    await waitForPicture(() => provider.remoteVideo());
    requester.handle.end();
    await waitUntil(() => provider.remoteVideo()!.srcObject === null, 'the provider let go', { timeout: 10_000 });

    const again = start(desk, session, 'requester', await camera());
    await waitForPicture(() => again.remoteVideo(), 'the provider again');
    await waitForPicture(() => provider.remoteVideo(), 'the requester again');
  });

  it('a participant without camera or microphone still sees and hears the other', async () => {
    const { desk, okafor, session } = await openSession();
    const requester = start(desk, session, 'requester', null);
    const provider = start(okafor, session, 'provider', await camera());
    await waitForPicture(() => requester.remoteVideo());
    expect(requester.part('local-video')).to.equal(null);
    await waitForSound(requester.remoteVideo()!.srcObject as MediaStream);
    await waitUntil(() => provider.status() === 'Connected to Riverside Front Desk.');
  });

  it('ending before the call has loaded still releases the camera and microphone', async () => {
    const { desk, session } = await openSession();
    const stream = await camera();
    const requester = start(desk, session, 'requester', stream);
    requester.handle.end();
    expect(allEnded([stream])).to.equal(true);
    await import('../../src/meeting/webrtc-call.js');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requester.container.children.length, 'no call was set up after the end').to.equal(0);
  });

  it('the requester may be the side that offers, where the host says so', async () => {
    const { desk, okafor, session } = await openSession();
    const adapter = new WebRtcMeetingAdapter({ offerer: 'requester' });
    const requester = start(desk, session, 'requester', await camera(), adapter);
    const provider = start(okafor, session, 'provider', await camera(), adapter);
    await waitForPicture(() => requester.remoteVideo());
    await waitForPicture(() => provider.remoteVideo());
  });
});
