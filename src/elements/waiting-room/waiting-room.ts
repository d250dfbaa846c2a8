import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Clinic } from '../../core/clinic.js';
import { $deviceChoices } from '../../media/device-choices.js';
import { browserMediaLayer, type MediaLayer } from '../../media/media-layer.js';
import type { MeetingAdapter, MeetingHandle, SignalChannel } from '../../meeting/meeting-adapter.js';
import { WebRtcMeetingAdapter } from '../../meeting/webrtc-meeting-adapter.js';
import { ClinicElement, type ActionTarget } from '../internal/clinic-element.js';
import { FocusKeeper, keepFocus } from '../internal/focus-keeper.js';
import { NowController } from '../internal/now-controller.js';
import { blocks, controls, tokens } from '../internal/shared.styles.js';
import { hasEntered, SessionActions, shownStatus, viewOf, type SessionView } from '../internal/session-view.js';
import { DeviceCheckOnDemand } from '../internal/device-check-on-demand.js';
import { waitingRoomStyles } from './waiting-room.styles.js';
import { isolate, sentence, visibleText } from '../internal/user-text.js';

/**
 * @summary One session after entering it (SPEC R3, R10, X5). The requester waits here, told how
 * long they have waited, and checks their camera and microphone, until the provider starts the
 * meeting; the provider sees the requester arrive (**In Waiting Room**) and starts the meeting with
 * **Enter Meeting** (after an optional check of their own). Once both have entered, the meeting
 * starts through `meetingAdapter` (by default the built-in video call) and `vc-meeting-ready`
 * fires; leaving ends the session, and the call, for both.
 *
 * Camera and microphone open only in the tab where the user entered the session (issue 17.9): a
 * second tab of the same user shows the session with **Continue Here** and opens no device
 * without that click; a page reloaded during the visit, with no other tab holding it, takes it
 * back at once (issue 18.2). The devices are released when the meeting ends, the session ends, or the element leaves the
 * page; the requester may wait (and meet) without camera or microphone. Device choices are kept
 * in memory for the page's life, never in storage.
 *
 * @slot - The host's own content for the requester while they wait.
 * @slot device-check - The host's own content beside the camera and microphone check.
 * @slot meeting - The host's own meeting content, shown once both have entered (with `meetingAdapter = null`, mount your meeting here on `vc-meeting-ready`).
 *
 * @event vc-session-enter - Intent, cancelable: `detail.sessionId`, `detail.role` (the signed-in user's side).
 * @event vc-session-entered - The server took the entry.
 * @event vc-session-left - The user left; the session has ended for both.
 * @event vc-meeting-ready - Both participants have entered: mount the meeting in the `meeting` slot. Fired once per session.
 * @event vc-media-blocked-by-page - For the developer: the page's permissions policy forbids the camera or microphone (an iframe without `allow="camera; microphone"`); `detail.features`, `detail.allow`.
 * @event vc-error - Entering or leaving failed; the tag shows the message.
 * @event vc-call-microphone-change - The built-in call: the user muted or unmuted (`detail.muted`).
 * @event vc-call-camera-change - The built-in call: the user turned the camera off or on (`detail.cameraOff`).
 * @event vc-call-device-change - The built-in call: another camera, microphone or speaker (`kind`, `deviceId`, `reason`: chosen, replaced, lost).
 * @event vc-call-state-change - The built-in call: connecting, connected, reconnecting, failed (Try Again offered), peer-left.
 * @event vc-call-quality - The built-in call, every few seconds: `level` and the figures (round trip, packet loss, frames per second), no names.
 *
 * @csspart base - The wrapper.
 * @csspart title - "Session with …", the other participant's name.
 * @csspart service - The session's Account Service, when it has one.
 * @csspart status - What is happening: waiting, in the meeting, or "No session is open."
 * @csspart told - "Your provider has been told that you are here." (requester, while waiting).
 * @csspart waited - How long the requester has waited.
 * @csspart device-check - The wrapper of the camera and microphone check and the `device-check` slot.
 * @csspart check-button - **Check Camera and Microphone** (provider, before the meeting).
 * @csspart elsewhere - In a tab where the user did not enter the session (they entered in another tab): the note and **Continue Here**; no device opens here without that click.
 * @csspart elsewhere-message - "You entered this session in another tab or window …".
 * @csspart continue-here-button - **Continue Here**: camera and microphone open in this tab.
 * @csspart media - The camera and microphone check.
 * @csspart preview-frame - The box around the camera preview.
 * @csspart preview - The live camera preview (`<video>`), mirrored like a mirror.
 * @csspart preview-placeholder - Shown instead of the preview while the camera starts, or without a camera.
 * @csspart meter - The microphone level meter (`role="meter"`, `aria-valuenow` 0–100).
 * @csspart meter-level - The meter's moving bar.
 * @csspart devices - The device choices.
 * @csspart device-label - The label around each device choice.
 * @csspart camera-select - The camera choice.
 * @csspart microphone-select - The microphone choice.
 * @csspart speaker-select - The speaker choice (only where the browser lets a page choose).
 * @csspart media-messages - What went wrong with the devices (said at once through the clinic's announcer).
 * @csspart media-message - One message: permission denied, no device, device in use, insecure page …
 * @csspart media-stay - "You can stay in the waiting room without them …".
 * @csspart retry-button - **Try Again** after a device problem.
 * @csspart call - The meeting adapter's container.
 * @csspart call-videos - The built-in call: the box around both videos.
 * @csspart remote-video - The built-in call: the other participant's video.
 * @csspart local-video - The built-in call: your own camera, small, over the other video.
 * @csspart call-status - The built-in call: loading, connecting, connected, reconnecting, or the other participant left; or that its code could not be loaded.
 * @csspart unmute-button - The built-in call: **Turn On Sound**, where the browser started the call muted.
 * @csspart call-controls - The built-in call: the group of in-call controls.
 * @csspart microphone-button - The built-in call: **Mute Microphone** (`aria-pressed` true while muted).
 * @csspart camera-button - The built-in call: **Turn Off Camera** (`aria-pressed` true while off).
 * @csspart call-device-label - The built-in call: the label around each device choice.
 * @csspart call-microphone-select - The built-in call: the microphone in use.
 * @csspart call-camera-select - The built-in call: the camera in use.
 * @csspart call-speaker-select - The built-in call: the speaker (where the browser lets a page choose).
 * @csspart call-leave-button - The built-in call: **Leave Session**.
 * @csspart peer-muted - The built-in call: "… is muted", over the other participant's video.
 * @csspart peer-camera-off - The built-in call: "… turned their camera off".
 * @csspart call-retry-button - The built-in call: **Try Again**, once it could not recover in time, or when its code could not be loaded.
 * @csspart call-quality - The built-in call: "Connection quality: good / fair / poor" (`data-level`).
 * @csspart call-quality-icon - The built-in call: the coloured dot beside it.
 * @csspart call-message - The built-in call: what happened to a device (unplugged, could not start).
 * @csspart meeting-link - The meeting link (`UrlMeetingAdapter`).
 * @csspart participants - The other participant and their status.
 * @csspart participant - The other participant's name.
 * @csspart participant-status - The other participant's status, or Disconnected once their tabs are all closed (presence, issue 16.6); `data-status` says which.
 * @csspart actions - The buttons.
 * @csspart enter-button - **Enter Waiting Room** (requester) or **Enter Meeting** (provider).
 * @csspart leave-button - **Leave Session**.
 * @csspart busy - With a button's own part while its action is under way (`enter-button busy`): style the busy state from outside (issue 19.5).
 * @csspart disabled - With a button's own part while it does not act (`enter-button disabled`).
 * @csspart meeting - The wrapper of the `meeting` slot.
 * @csspart error - The message shown when entering or leaving failed.
 *
 * @cssproperty --vc-meeting-min-height - The least height of the meeting area.
 * @cssproperty --vc-preview-width - The width of the camera preview (default 20rem).
 * @cssproperty --vc-video-background - Behind a video with no picture yet (default #111).
 * @cssproperty --vc-meter-color - The level meter's bar (default the success color).
 * @cssproperty --vc-meter-height - The level meter's height (default 0.5rem).
 * @cssproperty --vc-local-video-width - The width of your own video in the call (default 25%).
 * @cssproperty --vc-call-controls-background - Behind the in-call controls (default none).
 * @cssproperty --vc-call-pressed-background - A pressed Mute or Camera Off button (default the danger color).
 * @cssproperty --vc-call-pressed-color - Its text (default #fff).
 * @cssproperty --vc-call-badge-background - Behind "muted" and "camera off" over the video (default rgb(0 0 0 / 0.75)).
 * @cssproperty --vc-call-badge-color - Their text (default #fff).
 * @cssproperty --vc-call-quality-good - The quality dot when good (default the success color).
 * @cssproperty --vc-call-quality-fair - When fair (default #b45309).
 * @cssproperty --vc-call-quality-poor - When poor (default the danger color).
 */
export class VcWaitingRoom extends ClinicElement {
  static override styles = [tokens, controls, blocks, waitingRoomStyles];

  readonly #me = this.watch((c) => c.$me, null);
  readonly #sessions = this.watch((c) => c.$sessions, []);
  /** The sessions the user entered in this tab: only there do the devices open (issue 17.9). */
  readonly #enteredHere = this.watch((c) => c.$enteredHere, {});
  readonly #resumingHere = this.watch((c) => c.$resumingHere, {});
  readonly #now = new NowController(this);
  readonly #focus = new FocusKeeper(this);
  readonly #actions = new SessionActions(this, {
    ...this.forHelpers(),
    busy: this.watch((c) => c.$busy, {}),
    focus: this.#focus,
    // The focused button went away with the state it belonged to: focus goes to the title (or "No session is open.").
    restoreTo: () => ['[tabindex="-1"]'],
  });
  /** When this tag first saw the requester in the waiting room, per session: the server keeps no such time. */
  readonly #waitingSince = new Map<string, number>();
  readonly #meetingReadyFired = new Set<string>();
  #view: SessionView | null = null;
  readonly #deviceCheck = new DeviceCheckOnDemand(
    this,
    () => this.mediaLayer,
    (problems, spoken) => this.announcer.announce(spoken(this.localize, problems), 'assertive'),
    () => this.announcer.announce(this.localize.term('chunk.failed'), 'assertive'),
  );
  #meeting: { sessionId: string; handle: MeetingHandle | null } | null = null;

  /** The session for which the provider asked to check camera and microphone before the meeting. */
  @state() private accessor checkRequestedFor: string | null = null;

  /** The session to show; without it, the newest open session that the signed-in user has entered. */
  @property({ attribute: 'session-id' })
  accessor sessionId: string | null = null;

  /**
   * What starts the meeting once both have entered: the built-in video call by default, a
   * `UrlMeetingAdapter`, the host's own, or null for none (mount yours on `vc-meeting-ready`).
   * Read when the meeting starts.
   */
  @property({ attribute: false })
  accessor meetingAdapter: MeetingAdapter | null = new WebRtcMeetingAdapter();

  /** Where cameras and microphones come from; read when the check starts. */
  @property({ attribute: false })
  accessor mediaLayer: MediaLayer = browserMediaLayer;

  /** Leaves out the built-in camera and microphone check (the meeting still uses the devices). */
  @property({ type: Boolean, attribute: 'no-device-check' })
  accessor noDeviceCheck = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#endMeeting();
  }

  protected override forgetUser(): void {
    this.#endMeeting();
    this.#deviceCheck.stop();
    this.#focus.cancel();
    this.#actions.reset();
    this.#waitingSince.clear();
    this.#meetingReadyFired.clear();
    this.#view = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const me = this.#me.value;
    const views = me ? this.#sessions.value.map((session) => viewOf(session, me.user.id)) : [];
    const shownBefore = this.#view?.session.id;
    const view = (this.sessionId ? views.find((v) => v.session.id === this.sessionId) : views.find((v) => hasEntered(v.self))) ?? null;
    this.#view = view;
    if (changed.has('clinic') || !me) {
      this.#actions.watcher.reset();
      return;
    }
    const news = this.#actions.watcher.changes(views).filter((a) => a.sessionId === shownBefore || a.sessionId === view?.session.id);
    this.announcer.announce(news.map(({ key, name }) => this.localize.term(key, { name: isolate(name) })).join(' '));
    if (view?.session.requester.status === 'in-waiting-room' && !this.#waitingSince.has(view.session.id)) {
      this.#waitingSince.set(view.session.id, this.#now.now);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view;
    if (view?.meeting && !this.#meetingReadyFired.has(view.session.id)) {
      this.#meetingReadyFired.add(view.session.id);
      this.fire('vc-meeting-ready', { sessionId: view.session.id, role: view.role });
    }
    // After the update, not in it: starting or stopping the devices changes what to render.
    queueMicrotask(() => this.#followMedia(this.#view));
  }

  /** Starts and ends the device check and the meeting with what the user sees. */
  #followMedia(view: SessionView | null): void {
    if (!this.isConnected) {
      this.#endMeeting();
      return;
    }
    const adapter = this.meetingAdapter;
    const clinic = this.clinic;
    const meetingId = view?.meeting && adapter && clinic && this.#here(view) ? view.session.id : null;
    if (this.#meeting && this.#meeting.sessionId !== meetingId) this.#endMeeting();
    if (this.#meeting) return;
    if (view && meetingId && adapter && clinic) {
      void this.#startMeeting(view, adapter, clinic);
      return;
    }
    if (view && this.#checksDevices(view)) void this.#deviceCheck.start();
    else this.#deviceCheck.stop();
  }

  /**
   * Whether the user entered this session in this tab (issue 17.9): another tab of theirs that
   * entered it holds camera and microphone, and this one opens none without a click.
   */
  #here(view: SessionView): boolean {
    return Boolean(this.#enteredHere.value[view.session.id]);
  }

  /** The requester checks as soon as they wait, where they entered; the provider when they ask to (a click here). */
  #checksDevices(view: SessionView): boolean {
    if (this.noDeviceCheck || view.meeting) return false;
    if (view.role === 'requester') return view.self.status === 'in-waiting-room' && this.#here(view);
    return this.checkRequestedFor === view.session.id;
  }

  /** In a tab where the user did not enter: says where the devices are, and offers to continue here. */
  #renderElsewhere(view: SessionView) {
    // For a moment after a reload the page asks whether another tab holds the visit: no
    // "another tab" message that the call replaces at once (issue 18.2).
    if (this.#resumingHere.value[view.session.id]) return nothing;
    return html`<div part="elsewhere">
      <p part="elsewhere-message">${this.localize.term('waiting.elsewhere')}</p>
      <button part="continue-here-button" type="button" @click=${() => this.clinic?.enterHere(view.session.id)}>${this.localize.term('waiting.continue-here')}</button>
    </div>`;
  }

  async #startMeeting(view: SessionView, adapter: MeetingAdapter, clinic: Clinic): Promise<void> {
    const { session, role, self, other } = view;
    const meeting: { sessionId: string; handle: MeetingHandle | null } = { sessionId: session.id, handle: null };
    this.#meeting = meeting;
    let localStream: MediaStream | null = null;
    // The checked stream goes on into the call: reopening the camera now is where calls used to fail.
    if (adapter.usesLocalStream) localStream = await this.#deviceCheck.handOver();
    else this.#deviceCheck.stop();
    await this.updateComplete;
    const container = this.renderRoot.querySelector<HTMLElement>('[part~="call"]');
    if (this.#meeting !== meeting || !container) {
      for (const track of localStream?.getTracks() ?? []) track.stop(); // the meeting ended meanwhile: nobody else holds them
      return;
    }
    const signals: SignalChannel = {
      // Once the session has ended the backend would refuse (409): a call's last `bye` stays home.
      send: async (type, payload) =>
        clinic.$sessionById.get()[session.id]?.status === 'open' && (await clinic.sendSignal(session.id, type, payload)).ok,
      listen: (listener) =>
        clinic.on('signal', (signal) => {
          if (signal.sessionId === session.id && signal.fromUserId === other.userId) listener(signal.type, signal.payload);
        }),
    };
    meeting.handle = adapter.start({
      sessionId: session.id,
      requestId: session.requestId,
      role,
      selfUserId: self.userId,
      peerUserId: other.userId,
      peerName: other.name,
      container,
      localStream,
      audioOutputId: $deviceChoices.get().audiooutput ?? null,
      signals,
      leave: () => void this.#leaveFromMeeting(view),
      term: (key, params) => this.localize.term(key, params),
      routeAudio: (element) => {
        const speaker = $deviceChoices.get().audiooutput;
        if (speaker) void this.mediaLayer.setSpeaker(element, speaker);
      },
      mediaLayer: this.mediaLayer,
      announce: (text) => this.announcer.announce(text),
      iceServers: () => clinic.iceServers(),
    });
  }

  #endMeeting(): void {
    const meeting = this.#meeting;
    this.#meeting = null;
    meeting?.handle?.end();
    this.#deviceCheck.stop();
  }

  /** The meeting's own hang-up: the same as Leave Session. */
  async #leaveFromMeeting(view: SessionView): Promise<void> {
    this.#actions.watcher.leftHere(view.session.id);
    const action: ActionTarget = { action: 'leave-session', targetId: view.session.id };
    const clinic = this.ready(action);
    if (!clinic) return;
    const result = await this.outcome(action, clinic.leaveSession(view.session.id));
    if (result.ok) this.fire('vc-session-left', { sessionId: view.session.id, role: view.role });
  }

  #waited(sessionId: string) {
    const since = this.#waitingSince.get(sessionId);
    if (since === undefined) return nothing;
    return this.localize.term('waiting.waited', { duration: this.localize.duration(this.#now.now - since) });
  }

  #renderState(view: SessionView) {
    const t = this.localize;
    const { session, role, self, other } = view;
    if (view.meeting) {
      return html`
        <p part="status">${sentence((p) => t.term('waiting.in-meeting', p), { name: other.name })}</p>
        ${this.meetingAdapter && !this.#here(view)
          ? this.#renderElsewhere(view)
          : this.meetingAdapter
            ? html`${this.#deviceCheck.renderProblems(t)}
                <div part="call" role="group" aria-label=${t.term('waiting.in-meeting', { name: isolate(other.name) })}></div>`
            : nothing}
        <div part="meeting"><slot name="meeting"></slot></div>
      `;
    }
    if (role === 'requester' && self.status === 'in-waiting-room') {
      return html`
        <p part="status">${sentence((p) => t.term('waiting.requester', p), { provider: other.name })}</p>
        <p part="told">${t.term('waiting.told')}</p>
        <p part="waited">${this.#waited(session.id)}</p>
        ${this.#here(view) || this.noDeviceCheck
          ? html`<div part="device-check">${this.noDeviceCheck ? nothing : this.#deviceCheck.render(t)}<slot name="device-check"></slot></div>`
          : this.#renderElsewhere(view)}
        <slot></slot>
      `;
    }
    const status = shownStatus(view, other);
    return html`
      <dl part="participants">
        <dt part="participant" dir="auto">${visibleText(other.name)}</dt>
        <dd part="participant-status" data-status=${status}>${t.term(`participant.${status}`)}</dd>
        ${role === 'provider' && status === 'in-waiting-room' ? html`<dd part="waited">${this.#waited(session.id)}</dd>` : nothing}
      </dl>
      ${role === 'provider' && !this.noDeviceCheck ? this.#renderProviderCheck(session.id) : nothing}
    `;
  }

  #renderProviderCheck(sessionId: string) {
    // One wrapper for the button and the check that replaces it: focus moves to the check (issue 20.2).
    return html`<div part="device-check" data-focus-scope>
      ${this.checkRequestedFor === sessionId
        ? this.#deviceCheck.render(this.localize)
        : html`<button ${keepFocus()} part="check-button" type="button" @click=${() => (this.checkRequestedFor = sessionId)}>${this.localize.term('media.check')}</button>`}
    </div>`;
  }

  #renderSession(view: SessionView) {
    const t = this.localize;
    const { session } = view;
    return html`
      <h2 ${keepFocus()} part="title" tabindex="-1" data-focus-room data-focus-session=${session.id} data-focus-request=${session.requestId}>${sentence((p) => t.term('sessions.with', p), { name: view.other.name })}</h2>
      ${session.serviceName ? html`<p part="service" dir="auto">${visibleText(session.serviceName)}</p>` : nothing} ${this.#renderState(view)}
      ${this.#actions.render(view, { error: 'error', leaveName: 'leave-name' }, true)}
    `;
  }

  #renderContent() {
    const t = this.localize;
    if (!this.clinic) return html`<p>${t.term('common.no-clinic')}</p>`;
    if (!this.#me.value) return html`<p>${this.loadingText()}</p>`;
    const view = this.#view;
    if (!view) return html`<p ${keepFocus()} part="status" tabindex="-1">${t.term('waiting.none')}</p>`;
    return this.#renderSession(view);
  }

  protected override render() {
    return html`
      <section part="base" aria-label=${this.localize.term('waiting.label')}>
        ${this.#renderContent()}
      </section>
    `;
  }
}
