/**
 * One side of the built-in video call (see webrtc-meeting-adapter.ts for the protocol). Its own
 * module, loaded when a meeting starts, so that a page that never starts one never downloads it.
 */
import type { SignalType } from '../core/model.js';
import type { MeetingContext, MeetingHandle } from './meeting-adapter.js';
import type { CallState, WebRtcMeetingAdapterOptions } from './webrtc-call.types.js';

/** What travels in a signal's payload. */
interface Envelope {
  from: string;
  to: string | null;
  reply?: boolean;
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit;
}

function envelopeOf(payload: unknown): Envelope | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const message = payload as Partial<Envelope>;
  if (typeof message.from !== 'string' || (message.to !== null && typeof message.to !== 'string')) return null;
  return message as Envelope;
}

function randomId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One side of one call; `end()` releases everything it holds. */
export class WebRtcCall implements MeetingHandle {
  readonly #context: MeetingContext;
  readonly #iceServers: RTCIceServer[];
  readonly #offering: boolean;
  readonly #id = randomId();
  readonly #stopListening: () => void;
  readonly #helloTimer: ReturnType<typeof setInterval>;

  readonly #layout: HTMLElement;
  readonly #remoteVideo: HTMLVideoElement;
  readonly #status: HTMLElement;
  readonly #unmute: HTMLButtonElement;

  /** The other side's call id, once heard from. */
  #peer: string | null = null;
  #connection: RTCPeerConnection | null = null;
  #heldCandidates: RTCIceCandidateInit[] = [];
  /** Incoming messages are handled one at a time: each may wait on the peer connection. */
  #inbox: Promise<void> = Promise.resolve();
  /** Outgoing ones leave in order, so a candidate never overtakes its offer. */
  #outbox: Promise<unknown> = Promise.resolve();
  #ended = false;

  constructor(context: MeetingContext, options: WebRtcMeetingAdapterOptions) {
    this.#context = context;
    this.#iceServers = options.iceServers ?? [];
    this.#offering = context.role === (options.offerer ?? 'provider');

    const { container, term, peerName, localStream } = context;
    this.#layout = document.createElement('div');
    this.#layout.part.add('call-videos');
    this.#remoteVideo = document.createElement('video');
    this.#remoteVideo.part.add('remote-video');
    this.#remoteVideo.autoplay = true;
    this.#remoteVideo.playsInline = true;
    this.#remoteVideo.setAttribute('aria-label', term('call.remote-video', { name: peerName }));
    context.routeAudio(this.#remoteVideo);
    this.#layout.append(this.#remoteVideo);
    if (localStream && localStream.getVideoTracks().length > 0) {
      const localVideo = document.createElement('video');
      localVideo.part.add('local-video');
      localVideo.autoplay = true;
      localVideo.playsInline = true;
      localVideo.muted = true; // your own voice, back in your ears, is an echo
      localVideo.setAttribute('aria-label', term('call.local-video'));
      localVideo.srcObject = localStream;
      this.#layout.append(localVideo);
    }
    this.#status = document.createElement('p');
    this.#status.part.add('call-status');
    this.#status.setAttribute('role', 'status');
    this.#unmute = document.createElement('button');
    this.#unmute.part.add('unmute-button');
    this.#unmute.type = 'button';
    this.#unmute.hidden = true;
    this.#unmute.textContent = term('call.unmute');
    this.#unmute.addEventListener('click', () => {
      this.#remoteVideo.muted = false;
      this.#unmute.hidden = true;
      void this.#remoteVideo.play().catch(() => {});
    });
    container.append(this.#layout, this.#status, this.#unmute);
    this.#show('connecting');

    this.#stopListening = context.signals.listen((type, payload) => {
      this.#inbox = this.#inbox.then(() => this.#receive(type, payload)).catch(() => {});
    });
    this.#sayHello(false, null);
    this.#helloTimer = setInterval(() => {
      if (this.#peer === null) this.#sayHello(false, null);
    }, options.helloIntervalMs ?? 5000);
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#helloTimer);
    this.#stopListening();
    this.#send('bye', {}, this.#peer);
    this.#closeConnection();
    for (const track of this.#context.localStream?.getTracks() ?? []) track.stop();
    this.#remoteVideo.srcObject = null;
    this.#layout.remove();
    this.#status.remove();
    this.#unmute.remove();
  }

  #show(state: CallState): void {
    const name = this.#context.peerName;
    this.#status.dataset.state = state;
    this.#status.textContent = this.#context.term(`call.${state}`, { name });
  }

  #send(type: SignalType, message: Partial<Envelope>, to: string | null): void {
    const payload: Envelope = { ...message, from: this.#id, to };
    this.#outbox = this.#outbox.then(() => this.#context.signals.send(type, payload)).catch(() => false);
  }

  #sayHello(reply: boolean, to: string | null): void {
    this.#send('hello', { reply }, to);
  }

  async #receive(type: SignalType, payload: unknown): Promise<void> {
    const message = envelopeOf(payload);
    if (this.#ended || !message || (message.to !== null && message.to !== this.#id)) return;
    const { from } = message;
    switch (type) {
      case 'hello':
        if (this.#offering) {
          // A reply from the call we are connecting to changes nothing; any other hello is a
          // call (new, or reloaded) that waits for our offer.
          if (message.reply && from === this.#peer && this.#connection) return;
          await this.#offerTo(from);
        } else {
          if (from !== this.#peer) this.#closeConnection();
          this.#peer = from;
          if (!message.reply) this.#sayHello(true, from);
        }
        return;
      case 'offer':
        if (!this.#offering && message.description) await this.#answer(from, message.description);
        return;
      case 'answer':
        if (this.#offering && from === this.#peer && message.description && this.#connection?.signalingState === 'have-local-offer') {
          await this.#connection.setRemoteDescription(message.description);
          await this.#addHeldCandidates();
        }
        return;
      case 'candidate':
        if (from !== this.#peer || !message.candidate) return;
        if (this.#connection?.remoteDescription) await this.#connection.addIceCandidate(message.candidate).catch(() => {});
        else this.#heldCandidates.push(message.candidate);
        return;
      case 'bye':
        if (from !== this.#peer) return;
        this.#closeConnection();
        this.#peer = null;
        this.#show('peer-left');
        return;
    }
  }

  async #offerTo(peer: string): Promise<void> {
    const connection = this.#connect(peer);
    const stream = this.#context.localStream;
    for (const track of stream?.getTracks() ?? []) connection.addTrack(track, stream!);
    // Without a camera or a microphone of our own, still receive the other side's.
    for (const kind of ['audio', 'video'] as const) {
      if (!stream || (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks()).length === 0) {
        connection.addTransceiver(kind, { direction: 'recvonly' });
      }
    }
    await connection.setLocalDescription(await connection.createOffer());
    if (connection !== this.#connection) return;
    this.#send('offer', { description: connection.localDescription!.toJSON() as RTCSessionDescriptionInit }, peer);
  }

  async #answer(peer: string, offer: RTCSessionDescriptionInit): Promise<void> {
    const connection = this.#connect(peer);
    await connection.setRemoteDescription(offer);
    // After the offer, so that each track takes the transceiver the offer made for its kind.
    const stream = this.#context.localStream;
    for (const track of stream?.getTracks() ?? []) connection.addTrack(track, stream!);
    await connection.setLocalDescription(await connection.createAnswer());
    if (connection !== this.#connection) return;
    this.#send('answer', { description: connection.localDescription!.toJSON() as RTCSessionDescriptionInit }, peer);
    await this.#addHeldCandidates();
  }

  /** A fresh peer connection to `peer`, replacing any other. */
  #connect(peer: string): RTCPeerConnection {
    this.#closeConnection();
    this.#peer = peer;
    this.#show('connecting');
    const connection = new RTCPeerConnection({ iceServers: this.#iceServers });
    this.#connection = connection;
    connection.addEventListener('icecandidate', ({ candidate }) => {
      if (candidate && connection === this.#connection) this.#send('candidate', { candidate: candidate.toJSON() }, peer);
    });
    connection.addEventListener('track', ({ track, streams }) => {
      if (connection !== this.#connection) return;
      const remote = streams[0] ?? (this.#remoteVideo.srcObject as MediaStream | null) ?? new MediaStream();
      if (!remote.getTracks().includes(track)) remote.addTrack(track);
      if (this.#remoteVideo.srcObject !== remote) {
        this.#remoteVideo.srcObject = remote;
        this.#play();
      }
    });
    connection.addEventListener('connectionstatechange', () => {
      if (connection !== this.#connection) return;
      const state = connection.connectionState;
      if (state === 'connected') this.#show('connected');
      else if (state === 'disconnected') this.#show('reconnecting');
      else if (state === 'failed') {
        this.#show('reconnecting');
        // The offering side starts over; the other side takes the new offer when it comes.
        if (this.#offering) this.#inbox = this.#inbox.then(() => this.#offerTo(peer)).catch(() => {});
      }
    });
    return connection;
  }

  #play(): void {
    const video = this.#remoteVideo;
    video.play().catch((error: unknown) => {
      if ((error as { name?: string })?.name !== 'NotAllowedError' || this.#ended) return;
      // No sound without a click here: play muted now, and let the user turn the sound on.
      video.muted = true;
      this.#unmute.hidden = false;
      void video.play().catch(() => {});
    });
  }

  async #addHeldCandidates(): Promise<void> {
    const connection = this.#connection;
    for (const candidate of this.#heldCandidates.splice(0)) await connection?.addIceCandidate(candidate).catch(() => {});
  }

  #closeConnection(): void {
    this.#connection?.close();
    this.#connection = null;
    this.#heldCandidates = [];
    this.#remoteVideo.srcObject = null;
  }
}
