/**
 * The camera and microphone check of <vc-waiting-room>: a live preview, a level meter, the choice
 * of camera, microphone and speaker, and what to do when something fails. A Lit controller, so
 * that the devices are released when the element leaves the page.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { DeviceKind } from '../../media/device-choices.js';
import { watchLevel, type LevelMeter } from '../../media/level-meter.js';
import { IDLE_MEDIA_STATE, LocalMedia, type LocalMediaState, type MediaProblems } from '../../media/local-media.js';
import type { MediaLayer } from '../../media/media-layer.js';
import type { MediaProblem } from '../../media/media-problem.js';
import type { LocalizeController } from '../../i18n/localize.js';
import { keepFocus } from './focus-keeper.js';
import { fireVcEvent } from '../../events/fire.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

const SELECTS: ReadonlyArray<{ kind: DeviceKind; label: 'media.camera' | 'media.microphone' | 'media.speaker'; fallback: 'media.camera-n' | 'media.microphone-n' | 'media.speaker-n'; part: string }> = [
  { kind: 'videoinput', label: 'media.camera', fallback: 'media.camera-n', part: 'camera-select' },
  { kind: 'audioinput', label: 'media.microphone', fallback: 'media.microphone-n', part: 'microphone-select' },
  { kind: 'audiooutput', label: 'media.speaker', fallback: 'media.speaker-n', part: 'speaker-select' },
];

/** Trying again cannot help with these: the page itself must change. */
const FINAL_PROBLEMS: ReadonlySet<MediaProblem> = new Set(['insecure', 'unsupported', 'blocked-by-page']);

/** One message per problem: the same problem on both sides is said once, for "camera and microphone". */
export function problemMessages(problems: MediaProblems): Array<{ problem: MediaProblem; device: 'camera' | 'microphone' | 'both' }> {
  const { camera, microphone } = problems;
  if (camera && camera === microphone) return [{ problem: camera, device: 'both' }];
  const messages: Array<{ problem: MediaProblem; device: 'camera' | 'microphone' | 'both' }> = [];
  if (camera) messages.push({ problem: camera, device: 'camera' });
  if (microphone) messages.push({ problem: microphone, device: 'microphone' });
  return messages;
}

/** Said once per page: the console is the developer's, not the patient's. */
let policyWarned = false;

/**
 * When the page's permissions policy forbids a device, the host's developer is told what the
 * embedding `<iframe>` lacks: one console warning per page and a `vc-media-blocked-by-page` event
 * per check (issue 16 case 9). Returns whether there was anything to tell.
 */
function tellDeveloperOfPolicy(host: HTMLElement, problems: MediaProblems): boolean {
  const features = (['camera', 'microphone'] as const).filter((feature) => problems[feature] === 'blocked-by-page');
  if (features.length === 0) return false;
  const allow = `allow="${features.join('; ')}"`;
  if (!policyWarned) {
    policyWarned = true;
    console.warn(
      `[virtual-clinic] This page's permissions policy forbids the ${features.join(' and ')}: the patient cannot turn ${features.length > 1 ? 'them' : 'it'} on. ` +
        `If the Virtual Clinic runs in an <iframe>, give that iframe ${allow} (and allow ${features.length > 1 ? 'them' : 'it'} in any Permissions-Policy header).`,
    );
  }
  fireVcEvent(host, 'vc-media-blocked-by-page', { features: [...features], allow });
  return true;
}

/** What went wrong, one sentence per problem, in the user's language. */
function problemTexts(t: LocalizeController, problems: MediaProblems): string[] {
  return problemMessages(problems).map(({ problem, device }) => t.term(`media.problem.${problem}`, { device: t.term(`media.device.${device}`) }));
}

export class DeviceCheck implements ReactiveController {
  readonly #host: Host;
  readonly #layer: () => MediaLayer;
  /** Says what went wrong, when it changes (the host's announcer: issue 20). */
  readonly #tell: ((problems: MediaProblems) => void) | null;
  #media: LocalMedia | null = null;
  #stopFollowing: (() => void) | null = null;
  #meter: LevelMeter | null = null;
  #meterStream: MediaStream | null = null;

  constructor(host: Host, layer: () => MediaLayer, tell: ((problems: MediaProblems) => void) | null = null) {
    this.#host = host;
    this.#layer = layer;
    this.#tell = tell;
    host.addController(this);
  }

  /** The sentences of what went wrong now ('' for nothing), to be said. */
  static spoken(t: LocalizeController, problems: MediaProblems): string {
    return problemTexts(t, problems).join(' ');
  }

  get state(): LocalMediaState {
    return this.#media?.state ?? IDLE_MEDIA_STATE;
  }

  /** Opens the camera and microphone (once); resolves to the stream, or null without either. */
  start(): Promise<MediaStream | null> {
    return this.#localMedia().start();
  }

  /** Opens the devices (once) and hands the stream over: the check forgets it without stopping it. */
  async handOver(): Promise<MediaStream | null> {
    const media = this.#localMedia();
    await media.start();
    const stream = media.handOver();
    this.stop();
    return stream;
  }

  /** Releases the devices; the check starts afresh next time. */
  stop(): void {
    this.#stopMeter();
    this.#stopFollowing?.();
    this.#stopFollowing = null;
    this.#media?.stop();
    this.#media = null;
  }

  hostUpdated(): void {
    this.#followLevel();
  }

  hostDisconnected(): void {
    this.stop();
  }

  #localMedia(): LocalMedia {
    if (!this.#media) {
      const media = new LocalMedia(this.#layer());
      this.#media = media;
      let told = false;
      let said = '';
      this.#stopFollowing = media.$state.listen((state) => {
        if (!told) told = tellDeveloperOfPolicy(this.#host, state.problems);
        const now = JSON.stringify(problemMessages(state.problems));
        if (now !== said) {
          said = now;
          if (now !== '[]') this.#tell?.(state.problems);
        }
        this.#host.requestUpdate();
      });
    }
    return this.#media;
  }

  #meterElement(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('[part~="meter"]');
  }

  /** The meter reads the stream shown now; it is drawn straight into its element, not through a render per reading. */
  #followLevel(): void {
    const stream = this.#meterElement() ? this.state.stream : null;
    if (stream === this.#meterStream) return;
    this.#stopMeter();
    if (!stream) return;
    this.#meterStream = stream;
    let shown = -1;
    this.#meter = watchLevel(stream, (level) => {
      const percent = Math.round(level * 100);
      const meter = this.#meterElement();
      if (percent === shown || !meter) return;
      shown = percent;
      meter.setAttribute('aria-valuenow', String(percent));
      // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
      meter.style.setProperty('--_vc-level', String(level));
    });
  }

  #stopMeter(): void {
    this.#meter?.stop();
    this.#meter = null;
    this.#meterStream = null;
  }

  /** What went wrong (said through the host's announcer, not a region of its own); alone in the meeting, where the rest of the check is gone. */
  renderProblems(t: LocalizeController) {
    return html`<div part="media-messages">${problemMessages(this.state.problems).map(
      ({ problem, device }) => html`<p part="media-message" data-problem=${problem}>${t.term(`media.problem.${problem}`, { device: t.term(`media.device.${device}`) })}</p>`,
    )}</div>`;
  }

  render(t: LocalizeController) {
    const state = this.state;
    const { stream, status } = state;
    const hasVideo = (stream?.getVideoTracks().length ?? 0) > 0;
    const hasAudio = (stream?.getAudioTracks().length ?? 0) > 0;
    const problems = problemMessages(state.problems);
    return html`
      <div ${keepFocus()} part="media" role="group" aria-label=${t.term('media.label')} tabindex="-1" data-focus-scope data-focus-landing>
        <div part="preview-frame">
          <video part="preview" aria-label=${t.term('media.preview')} autoplay muted playsinline .srcObject=${hasVideo ? stream : null} ?hidden=${!hasVideo}></video>
          ${hasVideo
            ? nothing
            : html`<p part="preview-placeholder">${status === 'starting' || status === 'idle' ? t.term('media.starting') : t.term('media.no-picture')}</p>`}
        </div>
        ${hasAudio
          ? html`<div part="meter" role="meter" aria-label=${t.term('media.meter')} aria-valuemin="0" aria-valuemax="100" aria-valuenow="0">
              <div part="meter-level"></div>
            </div>`
          : nothing}
        ${status === 'live' ? this.#renderSelects(t, state) : nothing} ${this.renderProblems(t)}
        ${problems.length > 0 ? html`<p part="media-stay">${t.term('media.stay')}</p>` : nothing}
        ${problems.some(({ problem }) => !FINAL_PROBLEMS.has(problem))
          ? html`<button ${keepFocus()} part="retry-button" type="button" @click=${() => void this.#media?.restart()}>${t.term('media.retry')}</button>`
          : nothing}
      </div>
    `;
  }

  #renderSelects(t: LocalizeController, state: LocalMediaState) {
    const layer = this.#layer();
    const shown = SELECTS.filter(({ kind }) => state.devices[kind].length > 0 && (kind !== 'audiooutput' || layer.canChooseSpeaker));
    if (shown.length === 0) return nothing;
    return html`
      <div part="devices">
        ${shown.map(
          ({ kind, label, fallback, part }) => html`
            <label part="device-label">
              <span>${t.term(label)}</span>
              <select ${keepFocus()} part=${part} @change=${(event: Event) => void this.#media?.choose(kind, (event.target as HTMLSelectElement).value)}>
                ${state.devices[kind].map(
                  (device, i) => html`<option value=${device.deviceId} ?selected=${device.deviceId === state.inUse[kind]}>${device.label || t.term(fallback, { n: i + 1 })}</option>`,
                )}
              </select>
            </label>
          `,
        )}
      </div>
    `;
  }
}
