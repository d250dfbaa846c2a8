/**
 * The waiting room's camera and microphone check, loaded when it is first needed (issue 15.3): the
 * requester entering the waiting room, the provider asking for a check. It stands in for
 * `DeviceCheck` (./device-check.ts, with the media layer) with the same methods; until the check's
 * code has arrived it shows "Loading the camera and microphone check…", and when the code could
 * not be loaded (offline, blocked) a clear message with **Try Again**.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { loadOnDemand } from '../../core/load-on-demand.js';
import type { LocalizeController } from '../../i18n/localize.js';
import type { MediaProblems } from '../../media/local-media.js';
import type { MediaLayer } from '../../media/media-layer.js';
import type { DeviceCheck } from './device-check.js';
import { keepFocus } from './focus-keeper.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class DeviceCheckOnDemand implements ReactiveController {
  readonly #host: Host;
  readonly #layer: () => MediaLayer;
  readonly #tell: ((problems: MediaProblems, spoken: typeof DeviceCheck.spoken) => void) | null;
  /** Says that the check's code could not be loaded (the host's announcer: issue 20). */
  readonly #tellNotLoaded: (() => void) | null;
  #check: DeviceCheck | null = null;
  #loading: Promise<DeviceCheck> | null = null;
  /** The last load failed: nothing loads again until the user chooses Try Again. */
  #failed = false;
  /** Whether the waiting room wants the devices open (it may stop before the code arrives). */
  #wanted = false;

  /**
   * `tell` says what went wrong with the devices, in words `spoken` makes (`DeviceCheck`'s `tell`);
   * `tellNotLoaded` says that the check itself could not be loaded. Neither message is a live
   * region of its own: the clinic's one announcer says them (issue 20).
   */
  constructor(
    host: Host,
    layer: () => MediaLayer,
    tell: ((problems: MediaProblems, spoken: typeof DeviceCheck.spoken) => void) | null = null,
    tellNotLoaded: (() => void) | null = null,
  ) {
    this.#host = host;
    this.#layer = layer;
    this.#tell = tell;
    this.#tellNotLoaded = tellNotLoaded;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#wanted = false;
  }

  #load(): Promise<DeviceCheck> {
    this.#loading ??= loadOnDemand('elements/internal/device-check', () => import('./device-check.js')).then(
      ({ DeviceCheck }) => {
        // Added to a connected host, the check is told so at once (Lit's addController).
        const tell = this.#tell;
        this.#check = new DeviceCheck(this.#host, this.#layer, tell && ((problems) => tell(problems, DeviceCheck.spoken)));
        this.#host.requestUpdate();
        return this.#check;
      },
      (error: unknown) => {
        this.#loading = null;
        this.#failed = true;
        this.#tellNotLoaded?.();
        this.#host.requestUpdate();
        throw error;
      },
    );
    return this.#loading;
  }

  /** Opens the camera and microphone (once); resolves to the stream, or null without either (or without the check's code). */
  async start(): Promise<MediaStream | null> {
    this.#wanted = true;
    if (this.#check) return this.#check.start();
    if (this.#failed) return null;
    try {
      const check = await this.#load();
      return this.#wanted ? await check.start() : null;
    } catch {
      return null;
    }
  }

  /** Opens the devices (once) and hands the stream over; null without them (or without the check's code). */
  async handOver(): Promise<MediaStream | null> {
    if (this.#failed && !this.#check) return null;
    try {
      return await (await this.#load()).handOver();
    } catch {
      return null;
    }
  }

  stop(): void {
    this.#wanted = false;
    this.#check?.stop();
  }

  #retry(): void {
    this.#failed = false;
    this.#host.requestUpdate();
    if (this.#wanted) void this.start();
    else void this.#load().catch(() => {});
  }

  /** What went wrong with the devices (nothing until the check's code is there). */
  renderProblems(t: LocalizeController) {
    return this.#check ? this.#check.renderProblems(t) : nothing;
  }

  render(t: LocalizeController) {
    if (this.#check) return this.#check.render(t);
    return html`
      <div ${keepFocus()} part="media" role="group" aria-label=${t.term('media.label')} tabindex="-1" data-focus-scope data-focus-landing aria-busy=${this.#failed ? 'false' : 'true'}>
        ${this.#failed
          ? html`<div part="media-messages"><p part="media-message" data-problem="not-loaded">${t.term('chunk.failed')}</p></div>
              <button ${keepFocus()} part="retry-button" type="button" @click=${() => this.#retry()}>${t.term('chunk.retry')}</button>`
          : html`<div part="preview-frame"><p part="preview-placeholder">${t.term('media.loading')}</p></div>`}
      </div>
    `;
  }
}
