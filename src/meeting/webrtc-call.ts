/**
 * One side of the built-in video call (see webrtc-meeting-adapter.ts for the protocol, recovery
 * and ICE servers). Its own module, loaded when a meeting starts, so that a page that never starts
 * one never downloads it.
 */
import { html, nothing, render } from 'lit';
import type { SignalType } from '../core/model.js';
import { fireVcEvent } from '../events/fire.js';
import type { DeviceKind } from '../media/device-choices.js';
import { browserMediaLayer, type MediaLayer } from '../media/media-layer.js';
import { CallMedia, type CallMediaChange, type InputKind } from './call-media.js';
import { countersOf, figuresBetween, qualityLevel, type CallQualityFigures, type CallQualityLevel, type StatsCounters } from './call-quality.js';
import type { MeetingContext, MeetingHandle } from './meeting-adapter.js';
import type { CallState, WebRtcMeetingAdapterOptions } from './webrtc-call.types.js';

/** What the sender sends now: false when muted, the camera is off, or there is no such device. */
interface MediaState {
  audio: boolean;
  video: boolean;
}

/** What travels in a signal's payload. */
interface Envelope {
  from: string;
  to: string | null;
  reply?: boolean;
  /** A hello that asks the offering side to restart ICE on the connection in place. */
  restart?: boolean;
  /**
   * With `restart`: the TURN server refused the asking side's credentials and it holds fresh ones
   * now, so the offering side restarts even while a negotiation is under way (that one cannot succeed).
   */
  renewed?: boolean;
  /** The offering side's id of the peer connection an offer belongs to. */
  connection?: string;
  /**
   * An offer's own id, which its answer repeats: the offering side takes only the answer to the
   * offer it waits for (an ICE restart may replace an offer whose answer is still on its way).
   */
  offer?: string;
  media?: MediaState;
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit;
}

function envelopeOf(payload: unknown): Envelope | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const message = payload as Partial<Envelope>;
  if (typeof message.from !== 'string' || (message.to !== null && typeof message.to !== 'string')) return null;
  const media = message.media;
  if (media !== undefined && (typeof media !== 'object' || media === null || typeof media.audio !== 'boolean' || typeof media.video !== 'boolean')) return null;
  return message as Envelope;
}

function randomId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const SELECTS = [
  { kind: 'audioinput', label: 'media.microphone', fallback: 'media.microphone-n', part: 'call-microphone-select' },
  { kind: 'videoinput', label: 'media.camera', fallback: 'media.camera-n', part: 'call-camera-select' },
  { kind: 'audiooutput', label: 'media.speaker', fallback: 'media.speaker-n', part: 'call-speaker-select' },
] as const;

const DEVICE_WORD = { videoinput: 'media.device.camera', audioinput: 'media.device.microphone', audiooutput: 'media.speaker' } as const;

/**
 * A TURN grant is asked for again this long before it expires, in ms, or after three quarters of
 * its life when it is shorter than four times this (a backend may hand out credentials for
 * seconds).
 */
const RENEW_BEFORE_MS = 60_000;

/** When a grant fetched at `fetchedAt` that expires at `expiresAt` (both ms since the epoch) is renewed. */
function renewalTime(fetchedAt: number, expiresAt: number): number {
  return expiresAt - Math.min(RENEW_BEFORE_MS, Math.max(0, expiresAt - fetchedAt) / 4);
}

/** One side of one call; `end()` releases everything it holds. */
export class WebRtcCall implements MeetingHandle {
  readonly #context: MeetingContext;
  readonly #options: WebRtcMeetingAdapterOptions;
  readonly #layer: MediaLayer;
  readonly #offering: boolean;
  readonly #id = randomId();
  readonly #stopListening: () => void;
  readonly #helloTimer: ReturnType<typeof setInterval>;
  readonly #media: CallMedia;
  readonly #remoteVideo: HTMLVideoElement;
  /** Your own camera, small: the stream the waiting room checked, its video track swapped as devices change. */
  readonly #preview: MediaStream;

  #state: CallState = 'connecting';
  /** The other side's call id, once heard from. */
  #peer: string | null = null;
  #peerMedia: MediaState | null = null;
  #connection: RTCPeerConnection | null = null;
  /** The offering side's id of the connection in place (ours when offering, the offer's otherwise). */
  #connectionId: string | null = null;
  #remoteStream: MediaStream | null = null;
  #heldCandidates: RTCIceCandidateInit[] = [];
  /** Incoming messages and connection work run one at a time: each may wait on the peer connection. */
  #work: Promise<void> = Promise.resolve();
  /** Outgoing messages leave in order, so a candidate never overtakes its offer. */
  #outbox: Promise<unknown> = Promise.resolve();
  #sentMedia = '';
  /** The clinic's last TURN grant, and when it is to be renewed (ms since the epoch). */
  #grant: { iceServers: RTCIceServer[]; renewAt: number } | null = null;
  /** Renews the grant before it expires and hands it to the connection in place. */
  #renewTimer: ReturnType<typeof setTimeout> | null = null;
  #renewing = false;
  /** When credentials were last renewed because the TURN server refused them (performance.now()). */
  #refusalRenewedAt = -Infinity;
  /** When the offering side last sent an offer (performance.now()): a restart leaves a negotiation in progress alone for a while. */
  #offeredAt = 0;
  /** The id of the offer whose answer the offering side waits for. */
  #pendingOffer: string | null = null;
  /** An ICE restart asked for while the connection's first offer waits for its answer. */
  #restartAfterAnswer = false;
  #giveUpTimer: ReturnType<typeof setTimeout> | null = null;
  #restartTimer: ReturnType<typeof setTimeout> | null = null;
  #statsTimer: ReturnType<typeof setInterval> | null = null;
  #lastCounters: StatsCounters | null = null;
  #quality: CallQualityLevel | null = null;
  #message = '';
  #soundBlocked = false;
  #everConnected = false;
  #ownAnnouncement = '';
  #ended = false;

  constructor(context: MeetingContext, options: WebRtcMeetingAdapterOptions) {
    this.#context = context;
    this.#options = options;
    this.#layer = context.mediaLayer ?? browserMediaLayer;
    this.#offering = context.role === (options.offerer ?? 'provider');
    this.#preview = context.localStream ?? new MediaStream();
    this.#media = new CallMedia(this.#layer, context.localStream, context.audioOutputId, (change) => this.#mediaChanged(change));

    this.#remoteVideo = document.createElement('video');
    this.#remoteVideo.part.add('remote-video');
    this.#remoteVideo.autoplay = true;
    this.#remoteVideo.playsInline = true;
    this.#remoteVideo.setAttribute('aria-label', context.term('call.remote-video', { name: context.peerName }));
    context.routeAudio(this.#remoteVideo);
    this.#render();

    this.#stopListening = context.signals.listen((type, payload) => this.#enqueue(() => this.#receive(type, payload)));
    this.#sayHello(false, null);
    this.#helloTimer = setInterval(() => {
      if (this.#peer === null) this.#sayHello(false, null);
    }, options.helloIntervalMs ?? 5000);
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#helloTimer);
    if (this.#renewTimer) clearTimeout(this.#renewTimer);
    this.#clearRecoveryTimers();
    this.#stopStats();
    this.#stopListening();
    this.#send('bye', {}, this.#peer);
    this.#closeConnection();
    this.#media.end();
    for (const track of this.#context.localStream?.getTracks() ?? []) track.stop();
    this.#remoteVideo.srcObject = null;
    render(nothing, this.#context.container);
  }

  // ——— what the user sees ———

  #term(key: Parameters<MeetingContext['term']>[0], params?: Record<string, string | number>): string {
    return this.#context.term(key, params);
  }

  #fire<K extends 'vc-call-microphone-change' | 'vc-call-camera-change' | 'vc-call-device-change' | 'vc-call-state-change' | 'vc-call-quality'>(
    name: K,
    detail: Omit<Parameters<typeof fireVcEvent<K>>[2], 'sessionId'>,
  ): void {
    fireVcEvent(this.#context.container, name, { sessionId: this.#context.sessionId, ...detail } as Parameters<typeof fireVcEvent<K>>[2]);
  }

  #announce(text: string): void {
    if (this.#context.announce) this.#context.announce(text);
    else this.#ownAnnouncement = text;
    this.#render();
  }

  /** `focused`: the status has focus, and a reader reads it from there: said once, not twice. */
  #setState(state: CallState, focused = false): void {
    if (state === this.#state) return;
    const before = this.#state;
    this.#state = state;
    // Said once through the waiting room's announcer (issue 20): the status itself is no live
    // region. The first connection is not news: the meeting's start was just said.
    if (!focused && state !== 'connecting' && !(state === 'connected' && before === 'connecting' && !this.#everConnected)) {
      this.#announce(this.#term(`call.${state}`, { name: this.#context.peerName }));
    } else this.#render();
    if (state === 'connected') this.#everConnected = true;
    this.#fire('vc-call-state-change', { state });
  }

  #render(): void {
    if (this.#ended) return;
    const media = this.#media;
    const name = this.#context.peerName;
    const peerMedia = this.#peerMedia;
    const video = media.videoTrack;
    if (video && !this.#preview.getVideoTracks().includes(video)) {
      for (const old of this.#preview.getVideoTracks()) this.#preview.removeTrack(old);
      this.#preview.addTrack(video);
    }
    this.#remoteVideo.toggleAttribute('data-camera-off', peerMedia?.video === false);
    render(
      html`
        <div part="call-videos">
          ${this.#remoteVideo}
          ${peerMedia?.video === false ? html`<p part="peer-camera-off">${this.#term('call.peer-camera-off', { name })}</p>` : nothing}
          ${peerMedia?.audio === false ? html`<p part="peer-muted">${this.#term('call.peer-muted', { name })}</p>` : nothing}
          ${video
            ? html`<video part="local-video" aria-label=${this.#term('call.local-video')} autoplay playsinline .muted=${true} .srcObject=${this.#preview}></video>`
            : nothing}
        </div>
        <p part="call-status" tabindex="-1" data-state=${this.#state}>${this.#term(`call.${this.#state}`, { name })}</p>
        ${this.#state === 'failed'
          ? html`<button part="call-retry-button" type="button" @click=${() => this.#tryAgain()}>${this.#term('call.retry')}</button>`
          : nothing}
        ${this.#quality && this.#state === 'connected'
          ? html`<p part="call-quality" data-level=${this.#quality}>
              <span part="call-quality-icon" aria-hidden="true"></span>${this.#term('call.quality', { level: this.#term(`call.quality.${this.#quality}`) })}
            </p>`
          : nothing}
        <button part="unmute-button" type="button" ?hidden=${!this.#soundBlocked} @click=${() => this.#unblockSound()}>${this.#term('call.unmute')}</button>
        <div part="call-controls" role="group" aria-label=${this.#term('call.controls')}>
          <button part="microphone-button" type="button" aria-pressed=${media.muted || !media.audioTrack ? 'true' : 'false'} @click=${() => void media.toggleMicrophone()}>
            ${this.#term('call.mute')}
          </button>
          <button part="camera-button" type="button" aria-pressed=${video ? 'false' : 'true'} @click=${() => void media.toggleCamera()}>
            ${this.#term('call.camera-off')}
          </button>
          ${SELECTS.filter(({ kind }) => media.devices[kind].length > 0 && (kind !== 'audiooutput' || this.#layer.canChooseSpeaker)).map(
            ({ kind, label, fallback, part }) => html`
              <label part="call-device-label">
                <span>${this.#term(label)}</span>
                <select part=${part} @change=${(event: Event) => void media.choose(kind, (event.target as HTMLSelectElement).value)}>
                  ${media.devices[kind].map(
                    (device, i) =>
                      html`<option value=${device.deviceId} ?selected=${device.deviceId === media.inUse(kind)}>${device.label || this.#term(fallback, { n: i + 1 })}</option>`,
                  )}
                </select>
              </label>
            `,
          )}
          <button part="call-leave-button" class="danger" type="button" @click=${() => this.#context.leave()}>${this.#term('sessions.leave')}</button>
        </div>
        <p part="call-message" ?hidden=${!this.#message}>${this.#message}</p>
        ${this.#context.announce ? nothing : html`<div part="call-announcer" class="visually-hidden" role="status">${this.#ownAnnouncement}</div>`}
      `,
      this.#context.container,
    );
  }

  #deviceName(kind: DeviceKind, label: string): string {
    return label || this.#term(DEVICE_WORD[kind]);
  }

  #mediaChanged(change: CallMediaChange): void {
    if (this.#ended) return;
    switch (change.type) {
      case 'track':
        void this.#sendTrack(change.kind);
        this.#tellMedia();
        break;
      case 'microphone':
        this.#message = '';
        this.#announce(this.#term(change.muted ? 'call.muted' : 'call.unmuted'));
        this.#fire('vc-call-microphone-change', { muted: change.muted });
        this.#tellMedia();
        break;
      case 'camera':
        this.#message = '';
        this.#announce(this.#term(change.cameraOff ? 'call.camera-stopped' : 'call.camera-started'));
        this.#fire('vc-call-camera-change', { cameraOff: change.cameraOff });
        this.#tellMedia();
        break;
      case 'device': {
        const word = this.#term(DEVICE_WORD[change.kind]);
        if (change.kind === 'audiooutput' && change.deviceId) void this.#layer.setSpeaker(this.#remoteVideo, change.deviceId);
        this.#message =
          change.reason === 'chosen'
            ? ''
            : this.#term(change.reason === 'replaced' ? 'call.device-lost' : 'call.device-lost-none', { device: word });
        this.#announce(this.#message || this.#term('call.device-switched', { device: this.#deviceName(change.kind, change.label) }));
        this.#fire('vc-call-device-change', { kind: change.kind, deviceId: change.deviceId, reason: change.reason });
        break;
      }
      case 'device-failed':
        this.#message = this.#term('call.device-failed', { device: this.#deviceName(change.kind, change.label) });
        this.#announce(this.#message);
        break;
      case 'unavailable':
        this.#message = this.#term(change.kind === 'audioinput' ? 'call.no-microphone' : 'call.no-camera');
        this.#announce(this.#message);
        break;
      case 'devices':
        this.#render();
        break;
    }
  }

  #setPeerMedia(media: MediaState): void {
    const before = this.#peerMedia;
    this.#peerMedia = media;
    const name = this.#context.peerName;
    const said: string[] = [];
    if (before ? before.audio !== media.audio : !media.audio) said.push(this.#term(media.audio ? 'call.peer-unmuted' : 'call.peer-muted', { name }));
    if (before ? before.video !== media.video : !media.video) said.push(this.#term(media.video ? 'call.peer-camera-on' : 'call.peer-camera-off', { name }));
    if (said.length > 0) this.#announce(said.join(' '));
    else this.#render();
  }

  #unblockSound(): void {
    this.#remoteVideo.muted = false;
    this.#soundBlocked = false;
    this.#focusStatus();
    this.#render();
    void this.#remoteVideo.play().catch(() => {});
  }

  #play(): void {
    const video = this.#remoteVideo;
    video.play().catch((error: unknown) => {
      if ((error as { name?: string })?.name !== 'NotAllowedError' || this.#ended) return;
      // No sound without a click here: play muted now, and let the user turn the sound on.
      video.muted = true;
      this.#soundBlocked = true;
      this.#announce(this.#term('call.sound-blocked', { name: this.#context.peerName }));
      void video.play().catch(() => {});
    });
  }

  // ——— signalling ———

  #enqueue(work: () => Promise<void>): void {
    this.#work = this.#work.then(() => (this.#ended ? undefined : work())).catch(() => {});
  }

  #send(type: SignalType, message: Partial<Envelope>, to: string | null): void {
    const payload: Envelope = { ...message, from: this.#id, to, media: this.#media.sending };
    this.#outbox = this.#outbox.then(() => this.#context.signals.send(type, payload)).catch(() => false);
  }

  #sayHello(reply: boolean, to: string | null, restart: false | 'restart' | 'renewed' = false): void {
    this.#send('hello', restart ? { reply, restart: true, ...(restart === 'renewed' ? { renewed: true } : {}) } : { reply }, to);
  }

  /** Tells the other side what we send now, when it changed. */
  #tellMedia(): void {
    const now = JSON.stringify(this.#media.sending);
    this.#render();
    if (now === this.#sentMedia || !this.#peer) return;
    this.#sentMedia = now;
    this.#sayHello(true, this.#peer);
  }

  async #receive(type: SignalType, payload: unknown): Promise<void> {
    const message = envelopeOf(payload);
    if (!message || (message.to !== null && message.to !== this.#id)) return;
    await this.#handle(type, message);
    if (message.media && message.from === this.#peer && type !== 'bye') this.#setPeerMedia(message.media);
  }

  async #handle(type: SignalType, message: Envelope): Promise<void> {
    const { from } = message;
    switch (type) {
      case 'hello':
        if (this.#offering) {
          if (from === this.#peer && this.#connection) {
            // A reply, or a state change, from the call we are connected to changes nothing; a
            // request to restart is one.
            if (message.restart && (message.renewed || this.#needsRestart(this.#connection))) await this.#restartIce(false);
            if (message.reply || message.restart) return;
          }
          // Any other hello is a call (new, or reloaded) that waits for our offer.
          await this.#offerTo(from);
        } else {
          if (from !== this.#peer) {
            this.#closeConnection();
            this.#peerMedia = null;
          }
          this.#peer = from;
          if (!message.reply) this.#sayHello(true, from);
        }
        return;
      case 'offer':
        if (!this.#offering && message.description) await this.#answer(from, message.description, message.connection ?? null, message.offer);
        return;
      case 'answer':
        if (message.offer !== undefined && message.offer !== this.#pendingOffer) return; // the answer to an offer replaced since
        if (this.#offering && from === this.#peer && message.description && this.#connection?.signalingState === 'have-local-offer') {
          await this.#connection.setRemoteDescription(message.description);
          await this.#addHeldCandidates();
          if (this.#restartAfterAnswer) {
            this.#restartAfterAnswer = false;
            await this.#restartIce(false);
          }
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
        this.#clearRecoveryTimers();
        this.#peer = null;
        this.#peerMedia = null;
        this.#setState('peer-left');
        return;
    }
  }

  async #offerTo(peer: string): Promise<void> {
    const connection = await this.#connect(peer);
    if (!connection) return;
    this.#connectionId = randomId();
    for (const kind of ['audio', 'video'] as const) {
      // Both kinds always, sending or not: a camera turned on later replaces a null track, no renegotiation.
      const track = kind === 'audio' ? this.#media.audioTrack : this.#media.videoTrack;
      connection.addTransceiver(track ?? kind, { direction: 'sendrecv' });
    }
    await connection.setLocalDescription(await connection.createOffer());
    if (connection !== this.#connection) return;
    this.#sendDescription('offer', connection, peer);
  }

  async #answer(peer: string, offer: RTCSessionDescriptionInit, connectionId: string | null, offerId: string | undefined): Promise<void> {
    const current = this.#connection;
    const renegotiation = current !== null && peer === this.#peer && connectionId !== null && connectionId === this.#connectionId;
    const connection = renegotiation ? current : await this.#connect(peer);
    if (!connection) return;
    this.#connectionId = connectionId;
    if (renegotiation) {
      // An ICE restart gathers anew: with credentials that have not expired.
      const iceServers = await this.#iceServers(false);
      if (connection !== this.#connection || this.#ended) return;
      connection.setConfiguration({ ...connection.getConfiguration(), iceServers });
    }
    await connection.setRemoteDescription(offer);
    if (!renegotiation) {
      // After the offer, so that each track takes the transceiver the offer made for its kind.
      for (const transceiver of connection.getTransceivers()) {
        transceiver.direction = 'sendrecv';
        const kind = transceiver.receiver.track.kind;
        await transceiver.sender.replaceTrack(kind === 'audio' ? this.#media.audioTrack : this.#media.videoTrack);
      }
    }
    await connection.setLocalDescription(await connection.createAnswer());
    if (connection !== this.#connection) return;
    this.#sendDescription('answer', connection, peer, offerId);
    await this.#addHeldCandidates();
  }

  /** Sends the local description; an answer repeats the id of its offer (`offerId`), an offer gets a new one. */
  #sendDescription(type: 'offer' | 'answer', connection: RTCPeerConnection, peer: string, offerId?: string): void {
    const description = connection.localDescription!.toJSON() as RTCSessionDescriptionInit;
    this.#sentMedia = JSON.stringify(this.#media.sending);
    if (type === 'offer') {
      this.#offeredAt = performance.now();
      this.#pendingOffer = randomId();
      this.#send('offer', { description, connection: this.#connectionId!, offer: this.#pendingOffer }, peer);
    } else this.#send('answer', offerId === undefined ? { description } : { description, offer: offerId }, peer);
  }

  /** Sends the current track of `kind` on the connection in place: no renegotiation, no gap. */
  async #sendTrack(kind: InputKind): Promise<void> {
    const connection = this.#connection;
    const track = kind === 'audioinput' ? this.#media.audioTrack : this.#media.videoTrack;
    const transceiver = connection?.getTransceivers().find((t) => t.receiver.track.kind === (kind === 'audioinput' ? 'audio' : 'video'));
    await transceiver?.sender.replaceTrack(track).catch(() => {});
  }

  // ——— the connection ———

  /**
   * The ICE servers to use: the adapter's own, or a grant from the clinic (asked again when
   * `renew` or near its expiry). Each new grant schedules its own renewal (`#renewGrant`).
   */
  async #iceServers(renew: boolean): Promise<RTCIceServer[]> {
    if (this.#options.iceServers) return this.#options.iceServers;
    const grant = this.#grant;
    if (!renew && grant && Date.now() < grant.renewAt) return grant.iceServers;
    const fetchedAt = Date.now();
    const fresh = (await this.#context.iceServers?.()) ?? null;
    if (!fresh || this.#ended) return fresh?.iceServers ?? grant?.iceServers ?? [];
    const expiresAt = Date.parse(fresh.expiresAt);
    const renewAt = Number.isFinite(expiresAt) ? renewalTime(fetchedAt, expiresAt) : Infinity;
    this.#grant = { iceServers: fresh.iceServers, renewAt };
    if (this.#renewTimer) clearTimeout(this.#renewTimer);
    this.#renewTimer = null;
    // A grant with TURN credentials (one with STUN only, or none, has nothing to expire).
    if (renewAt !== Infinity && fresh.iceServers.some((server) => server.credential)) {
      // setTimeout fires at once beyond 2^31-1 ms: a grant for weeks is renewed when a connection next asks.
      const delay = Math.max(0, renewAt - Date.now());
      if (delay < 2 ** 31 - 1) this.#renewTimer = setTimeout(() => this.#renewGrant(), delay);
    }
    return fresh.iceServers;
  }

  /**
   * Before the grant expires: a fresh one, handed to the connection in place (`setConfiguration`),
   * so that the next gathering (an ICE restart after a drop) uses credentials the TURN server
   * accepts. The relay in use keeps its allocation: a TURN server checks credentials when one is made.
   */
  #renewGrant(): void {
    this.#renewTimer = null;
    this.#enqueue(async () => {
      const iceServers = await this.#iceServers(true);
      const connection = this.#connection;
      if (!connection || this.#ended || connection.signalingState === 'closed') return;
      connection.setConfiguration({ ...connection.getConfiguration(), iceServers });
    });
  }

  /** A fresh peer connection to `peer`, replacing any other; null when the call ended or another took its place meanwhile. */
  async #connect(peer: string): Promise<RTCPeerConnection | null> {
    this.#closeConnection();
    this.#peer = peer;
    if (this.#state !== 'reconnecting' && this.#state !== 'failed') this.#setState('connecting');
    // A new connection always asks for a fresh grant: whatever the TURN server refused before is not reused.
    const iceServers = await this.#iceServers(true);
    if (this.#ended || this.#peer !== peer || this.#connection) return null;
    const connection = new RTCPeerConnection({ iceServers, iceTransportPolicy: this.#options.iceTransportPolicy ?? 'all' });
    this.#connection = connection;
    this.#remoteStream = new MediaStream();
    connection.addEventListener('icecandidate', ({ candidate }) => {
      if (candidate && connection === this.#connection) this.#send('candidate', { candidate: candidate.toJSON() }, peer);
    });
    connection.addEventListener('icecandidateerror', (event) => {
      // 401: the TURN server refused the credentials (expired): ask for new ones and restart.
      if ((event as RTCPeerConnectionIceErrorEvent).errorCode === 401 && connection === this.#connection) this.#renewRefusedCredentials(connection);
    });
    connection.addEventListener('track', ({ track }) => {
      if (connection !== this.#connection || !this.#remoteStream) return;
      if (!this.#remoteStream.getTracks().includes(track)) this.#remoteStream.addTrack(track);
      if (this.#remoteVideo.srcObject !== this.#remoteStream) {
        this.#remoteVideo.srcObject = this.#remoteStream;
        this.#play();
      }
    });
    connection.addEventListener('connectionstatechange', () => {
      if (connection !== this.#connection) return;
      const state = connection.connectionState;
      if (state === 'connected') this.#recovered();
      else if (state === 'disconnected' || state === 'failed') this.#dropped(state === 'failed');
    });
    return connection;
  }

  #renewRefusedCredentials(connection: RTCPeerConnection): void {
    // Once per restart interval at most: a TURN server that refuses fresh credentials too (a wrong
    // secret) is not asked in a loop; the recovery's own restarts go on.
    if (this.#renewing || performance.now() - this.#refusalRenewedAt < (this.#options.restartIntervalMs ?? 4000)) return;
    this.#renewing = true;
    this.#refusalRenewedAt = performance.now();
    this.#enqueue(async () => {
      try {
        if (connection !== this.#connection) return;
        const iceServers = await this.#iceServers(true);
        if (connection !== this.#connection) return;
        connection.setConfiguration({ ...connection.getConfiguration(), iceServers });
        if (this.#offering) await this.#restartIce(false);
        else if (this.#peer) this.#sayHello(true, this.#peer, 'renewed');
      } finally {
        this.#renewing = false;
      }
    });
  }

  /** The offering side gathers anew on the connection in place (its tracks stay); the other side answers. */
  async #restartIce(renew: boolean): Promise<void> {
    const connection = this.#connection;
    const peer = this.#peer;
    if (!connection || !peer || !this.#offering) return;
    const iceServers = await this.#iceServers(renew);
    if (connection !== this.#connection || this.#ended) return;
    connection.setConfiguration({ ...connection.getConfiguration(), iceServers });
    if (connection.signalingState === 'have-local-offer') {
      // The first offer of a connection stays: the other side may have taken it already, and an
      // offer made after rolling it back may order its media differently (which it would refuse).
      // The restart follows its answer.
      if (!connection.currentRemoteDescription) {
        this.#restartAfterAnswer = true;
        return;
      }
      await connection.setLocalDescription({ type: 'rollback' });
    }
    if (connection.signalingState !== 'stable') return;
    await connection.setLocalDescription(await connection.createOffer({ iceRestart: true }));
    if (connection !== this.#connection) return;
    this.#sendDescription('offer', connection, peer);
  }

  #dropped(failed: boolean): void {
    this.#stopStats();
    if (this.#state === 'failed') return; // gave up: Try Again starts over
    if (this.#state !== 'reconnecting') {
      this.#setState('reconnecting');
      this.#giveUpTimer = setTimeout(() => this.#giveUp(), this.#options.reconnectTimeoutMs ?? 30_000);
    }
    if (failed && this.#restartTimer) {
      clearTimeout(this.#restartTimer);
      this.#restartTimer = null;
    }
    this.#restartTimer ??= setTimeout(() => this.#attemptRestart(), failed ? 0 : (this.#options.disconnectGraceMs ?? 2000));
  }

  #attemptRestart(): void {
    this.#restartTimer = null;
    if (this.#ended || this.#state !== 'reconnecting' || this.#connection?.connectionState === 'connected') return;
    if (this.#offering) this.#enqueue(async () => (this.#connection && this.#needsRestart(this.#connection) ? this.#restartIce(false) : undefined));
    else if (this.#peer) this.#sayHello(true, this.#peer, 'restart');
    this.#restartTimer = setTimeout(() => this.#attemptRestart(), this.#options.restartIntervalMs ?? 4000);
  }

  /**
   * Whether ICE should restart now: the path is down, and no negotiation is under way (a busy
   * machine may take several seconds to connect; restarting it each time would never let it).
   */
  #needsRestart(connection: RTCPeerConnection): boolean {
    const state = connection.iceConnectionState;
    if (state === 'connected' || state === 'completed') return false;
    const patience = 3 * (this.#options.restartIntervalMs ?? 4000);
    return state === 'disconnected' || state === 'failed' || performance.now() - this.#offeredAt > patience;
  }

  #recovered(): void {
    this.#clearRecoveryTimers();
    this.#setState('connected');
    this.#startStats();
  }

  #giveUp(): void {
    this.#clearRecoveryTimers();
    this.#setState('failed');
  }

  /** After giving up: starts over with a new connection (the other side may have reloaded, or its network changed). */
  /** The pressed button goes away: focus goes to the call's status, never to <body> (issue 20.2). */
  #focusStatus(): void {
    this.#context.container.querySelector<HTMLElement>('[part="call-status"]')?.focus();
  }

  #tryAgain(): void {
    this.#focusStatus();
    this.#clearRecoveryTimers();
    this.#setState('reconnecting', true);
    this.#giveUpTimer = setTimeout(() => this.#giveUp(), this.#options.reconnectTimeoutMs ?? 30_000);
    this.#restartTimer = setTimeout(() => this.#attemptRestart(), this.#options.restartIntervalMs ?? 4000);
    const peer = this.#peer;
    if (this.#offering && peer) this.#enqueue(() => this.#offerTo(peer));
    else {
      this.#closeConnection();
      this.#sayHello(false, null);
    }
  }

  #clearRecoveryTimers(): void {
    if (this.#giveUpTimer) clearTimeout(this.#giveUpTimer);
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#giveUpTimer = null;
    this.#restartTimer = null;
  }

  async #addHeldCandidates(): Promise<void> {
    const connection = this.#connection;
    for (const candidate of this.#heldCandidates.splice(0)) await connection?.addIceCandidate(candidate).catch(() => {});
  }

  #closeConnection(): void {
    this.#stopStats();
    this.#connection?.close();
    this.#connection = null;
    this.#connectionId = null;
    this.#restartAfterAnswer = false;
    this.#heldCandidates = [];
    this.#remoteStream = null;
    this.#remoteVideo.srcObject = null;
  }

  // ——— quality ———

  #startStats(): void {
    this.#stopStats();
    this.#statsTimer = setInterval(() => void this.#measure(), this.#options.statsIntervalMs ?? 2000);
  }

  #stopStats(): void {
    if (this.#statsTimer) clearInterval(this.#statsTimer);
    this.#statsTimer = null;
    this.#lastCounters = null;
  }

  async #measure(): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    const counters = countersOf(await connection.getStats(), performance.now());
    if (connection !== this.#connection || !this.#statsTimer) return;
    const before = this.#lastCounters;
    this.#lastCounters = counters;
    if (!before) return;
    const figures: CallQualityFigures = figuresBetween(before, counters, this.#peerMedia?.video !== false);
    const level = qualityLevel(figures);
    if (level !== this.#quality) {
      this.#quality = level;
      this.#render();
    }
    this.#fire('vc-call-quality', { level, ...figures });
  }
}
