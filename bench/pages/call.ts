/**
 * The built-in call's figures (issue 18 §6), over the Node mock backend and, for `relay`, the
 * bench's coturn: from **Enter Meeting** to the first remote video frame, and from the network
 * coming back after a drop to media flowing again; each beside two bare RTCPeerConnections in the
 * same page doing the same (signalled in memory, no SDK). Real Chromium, fake camera and microphone.
 */
import { createClinic, type Clinic } from '../../src/core/clinic.js';
import { WebRtcMeetingAdapter } from '../../src/meeting/webrtc-meeting-adapter.js';
import { HttpTransport } from '../../src/transport/http-transport.js';

export type CallMode = 'direct' | 'relay';

const API = `${location.origin}/api`;
/** The SDK's default restart interval while a connection is down: the baseline retries as often. */
const RESTART_INTERVAL_MS = 4000;

interface Frames {
  /** Resolves when the video has shown a frame after now (requestVideoFrameCallback). */
  next(timeoutMs?: number): Promise<number>;
}

function framesOf(video: () => HTMLVideoElement | null): Frames {
  return {
    next: (timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const attach = () => {
          const el = video();
          if (el?.srcObject) el.requestVideoFrameCallback(() => resolve(performance.now()));
          else if (performance.now() - started > timeoutMs) reject(new Error('no remote video in time'));
          else requestAnimationFrame(attach);
        };
        attach();
      }),
  };
}

function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) resolve();
      else if (performance.now() - started > timeoutMs) reject(new Error('timed out'));
      else setTimeout(check, 10);
    };
    check();
  });
}

/** The element with part `name` anywhere in `el`'s shadow trees (the device check has its own). */
function part(el: Element | undefined, name: string): HTMLElement | null {
  const root = el?.shadowRoot;
  if (!root) return null;
  const found = root.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (found) return found;
  for (const child of root.querySelectorAll('*')) {
    const inner = child.shadowRoot ? part(child, name) : null;
    if (inner) return inner;
  }
  return null;
}
const stage = () => document.getElementById('stage')!;

// ——— ours: two <vc-waiting-room>s ———

let ours: { provider: Clinic; requester: Clinic; adapter: WebRtcMeetingAdapter; rooms: HTMLElement[]; sessionId: string | null } | null = null;

async function callSetup(mode: CallMode): Promise<void> {
  await callEnd();
  const http = (token: string) => new HttpTransport({ baseUrl: API, getToken: () => token });
  const provider = createClinic({ transport: http('demo-okafor'), watchWakeSignals: false, tabs: false });
  const requester = createClinic({ transport: http('demo-frontdesk'), watchWakeSignals: false, tabs: false });
  await Promise.all([provider.start(), requester.start()]);
  // Direct: no ICE servers at all (host candidates on this machine); relay: the clinic's GET /ice-servers, TURN only.
  const adapter = new WebRtcMeetingAdapter(mode === 'direct' ? { iceServers: [] } : { iceTransportPolicy: 'relay' });
  ours = { provider, requester, adapter, rooms: [], sessionId: null };
}

function mountRoom(clinic: Clinic, sessionId: string, adapter: WebRtcMeetingAdapter): HTMLElement {
  const root = document.createElement('vc-clinic') as HTMLElement & { clinic: Clinic };
  root.clinic = clinic;
  const room = document.createElement('vc-waiting-room');
  room.setAttribute('session-id', sessionId);
  room.meetingAdapter = adapter;
  root.append(room);
  stage().append(root);
  return room;
}

/** Both in the waiting room, the requester's camera checked; then Enter Meeting → the provider's first remote frame, ms. */
async function callRun(): Promise<number> {
  const o = ours!;
  const sent = await o.requester.requestSession('prov-okafor', 'svc-urgent');
  if (!sent.ok) throw new Error(`request failed: ${sent.error.code}`);
  const accepted = await o.provider.acceptRequest(sent.changes.requests[0]!.id, { enter: false });
  if (!accepted.ok) throw new Error(`accept failed: ${accepted.error.code}`);
  const sessionId = accepted.changes.sessions[0]!.id;
  o.sessionId = sessionId;
  const requesterRoom = mountRoom(o.requester, sessionId, o.adapter);
  const providerRoom = mountRoom(o.provider, sessionId, o.adapter);
  o.rooms = [requesterRoom, providerRoom];
  await until(() => part(requesterRoom, 'enter-button') !== null);
  part(requesterRoom, 'enter-button')!.click();
  const preview = () => part(requesterRoom, 'preview') as HTMLVideoElement | null;
  await until(() => (preview()?.videoWidth ?? 0) > 0 && part(providerRoom, 'participant-status')?.textContent?.trim() === 'In Waiting Room');
  const enter = part(providerRoom, 'enter-button') as HTMLButtonElement;
  await until(() => !enter.disabled);
  const frame = framesOf(() => part(providerRoom, 'remote-video') as HTMLVideoElement | null).next();
  const started = performance.now();
  enter.click();
  return (await frame) - started;
}

const connected = (room: HTMLElement | undefined) => part(room, 'call-status')?.dataset['state'] === 'connected';
const reconnecting = (room: HTMLElement | undefined) => part(room, 'call-status')?.dataset['state'] === 'reconnecting';

/** After callRun: waits until both sides say Reconnecting… (the bench has stopped the TURN server). */
async function callDropped(): Promise<void> {
  const [a, b] = ours!.rooms;
  await until(() => reconnecting(a) && reconnecting(b), 90_000);
}

/** The TURN server is back: ms until the provider's remote video shows frames again. */
async function callBack(): Promise<number> {
  const started = performance.now();
  const providerRoom = ours!.rooms[1]!;
  await until(() => connected(providerRoom), 90_000);
  const at = await framesOf(() => part(providerRoom, 'remote-video') as HTMLVideoElement | null).next(90_000);
  return at - started;
}

/** Leaves the session (both sides' calls end) and clears the stage. */
async function callLeave(): Promise<void> {
  const o = ours;
  if (!o?.sessionId) return;
  await o.provider.leaveSession(o.sessionId);
  for (const room of o.rooms) room.parentElement?.remove();
  o.rooms = [];
  o.sessionId = null;
}

async function callEnd(): Promise<void> {
  await callLeave();
  ours?.provider.destroy();
  ours?.requester.destroy();
  ours = null;
  await bareEnd();
}

// ——— the baseline: two bare RTCPeerConnections, signalled in memory ———

interface Bare {
  a: RTCPeerConnection;
  b: RTCPeerConnection;
  streams: MediaStream[];
  video: HTMLVideoElement;
  stopRetry: () => void;
}
let bare: Bare | null = null;
let bareMode: CallMode = 'direct';
/** The requester's stream, opened before the clock starts (the waiting room's check). */
let bareChecked: MediaStream | null = null;

async function bareIceServers(token: string): Promise<RTCIceServer[]> {
  const answer = await fetch(`${API}/ice-servers`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await answer.json()) as { iceServers: RTCIceServer[] }).iceServers;
}

async function bareSetup(mode: CallMode): Promise<void> {
  await bareEnd();
  bareMode = mode;
}

/** The same as callRun with bare peer connections: the provider's camera, ICE servers, offer/answer, until its first remote frame. */
async function bareRun(): Promise<number> {
  await bareEnd();
  bareChecked = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  stage().append(video);
  const started = performance.now();
  const relay = bareMode === 'relay';
  const [own, serversA, serversB] = await Promise.all([
    navigator.mediaDevices.getUserMedia({ audio: true, video: true }),
    relay ? bareIceServers('demo-okafor') : Promise.resolve([]),
    relay ? bareIceServers('demo-frontdesk') : Promise.resolve([]),
  ]);
  const policy: RTCIceTransportPolicy = relay ? 'relay' : 'all';
  const a = new RTCPeerConnection({ iceServers: serversA, iceTransportPolicy: policy });
  const b = new RTCPeerConnection({ iceServers: serversB, iceTransportPolicy: policy });
  a.onicecandidate = ({ candidate }) => void (candidate && b.addIceCandidate(candidate).catch(() => {}));
  b.onicecandidate = ({ candidate }) => void (candidate && a.addIceCandidate(candidate).catch(() => {}));
  a.ontrack = ({ streams }) => {
    if (video.srcObject !== streams[0]) video.srcObject = streams[0] ?? null;
  };
  for (const track of own.getTracks()) a.addTrack(track, own);
  for (const track of bareChecked.getTracks()) b.addTrack(track, bareChecked);
  const negotiate = async (iceRestart = false) => {
    await a.setLocalDescription(await a.createOffer({ iceRestart }));
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription!);
  };
  // Recovery as the SDK does it: restart ICE when the connection drops, again every interval while down.
  let retry: ReturnType<typeof setInterval> | null = null;
  const down = () => a.connectionState === 'disconnected' || a.connectionState === 'failed';
  a.onconnectionstatechange = () => {
    if (down() && !retry) {
      void negotiate(true).catch(() => {});
      retry = setInterval(() => void (down() ? negotiate(true).catch(() => {}) : undefined), RESTART_INTERVAL_MS);
    } else if (a.connectionState === 'connected' && retry) {
      clearInterval(retry);
      retry = null;
    }
  };
  bare = { a, b, streams: [own, bareChecked], video, stopRetry: () => retry && clearInterval(retry) };
  const frame = framesOf(() => video).next();
  await negotiate();
  return (await frame) - started;
}

async function bareDropped(): Promise<void> {
  await until(() => bare!.a.connectionState !== 'connected' && bare!.b.connectionState !== 'connected', 90_000);
}

async function bareBack(): Promise<number> {
  const started = performance.now();
  await until(() => bare!.a.connectionState === 'connected', 90_000);
  const at = await framesOf(() => bare!.video).next(90_000);
  return at - started;
}

async function bareEnd(): Promise<void> {
  if (!bare) return;
  bare.stopRetry();
  bare.a.close();
  bare.b.close();
  for (const stream of bare.streams) for (const track of stream.getTracks()) track.stop();
  bare.video.remove();
  bare = null;
}

export const callBench = { callSetup, callRun, callDropped, callBack, callLeave, callEnd, bareSetup, bareRun, bareDropped, bareBack, bareEnd };
