/**
 * What both dashboards share: the meeting and media settings they hand down to their waiting
 * room, and the layout tokens. (One small base, not a mixin stack: the dashboards differ only in
 * which tags they hold.)
 */
import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { MediaLayer } from '../../media/media-layer.js';
import type { MeetingAdapter } from '../../meeting/meeting-adapter.js';
import { ClinicElement } from './clinic-element.js';
import { innerTag } from './inner-tags.js';
import { exportPartsOf, INNER_PARTS } from './inner-parts.js';
import { tokens } from './shared.styles.js';
import { dashboardStyles } from './dashboard.styles.js';

export class DashboardElement extends ClinicElement {
  static override styles = [tokens, dashboardStyles];

  /** Handed to the inner `<vc-waiting-room>` (unset: its default, the built-in video call). */
  @property({ attribute: false })
  accessor meetingAdapter: MeetingAdapter | null | undefined = undefined;

  /** Handed to the inner `<vc-waiting-room>` (unset: the browser's camera and microphone). */
  @property({ attribute: false })
  accessor mediaLayer: MediaLayer | undefined = undefined;

  /**
   * The dashboard's settings that belong to an inner tag, by property name (issue 19.4): set on
   * the dashboard (attribute or property), each reaches that tag under the same name; unset, the
   * inner tag keeps its own default.
   */
  static forwarded: Readonly<Record<string, keyof typeof INNER_PARTS>> = {};

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const forwarded = (this.constructor as typeof DashboardElement).forwarded;
    for (const [name, suffix] of Object.entries(forwarded)) {
      const value = (this as unknown as Record<string, unknown>)[name];
      if ((changed as Map<PropertyKey, unknown>).has(name) && value !== undefined) (this.inner(suffix) as unknown as Record<string, unknown>)[name] = value;
    }
    const room = this.inner('waiting-room') as HTMLElement & { meetingAdapter?: MeetingAdapter | null; mediaLayer?: MediaLayer };
    if (changed.has('meetingAdapter') && this.meetingAdapter !== undefined) room.meetingAdapter = this.meetingAdapter;
    if (changed.has('mediaLayer') && this.mediaLayer !== undefined) room.mediaLayer = this.mediaLayer;
  }

  /**
   * The inner tag `suffix`, made once, with its part and its own parts forwarded under a prefix
   * (`providers-request-button`), so a host styles it inside the dashboard as it would alone.
   */
  protected inner(suffix: keyof typeof INNER_PARTS, part: string = INNER_PARTS[suffix].prefix, children?: () => Node[]): HTMLElement {
    // Beside the waiting room, the sessions list leaves it the news of entered sessions.
    const quiet: Record<string, string> = suffix === 'session-list' ? { 'quiet-entered': '' } : {};
    const element = innerTag(this, suffix, { part, exportparts: exportPartsOf(suffix), ...quiet }, children) as HTMLElement & Pick<ClinicElement, 'clinic'>;
    // Inside a <vc-clinic> this is the clinic the inner tag gets from it anyway; outside one, it is
    // the clinic a host set on the dashboard (its `clinic` property, issue 19.3), which no context
    // hands down. Made (or rendered again) with each change of it, since it is `@state`.
    element.clinic = this.clinic;
    return element;
  }
}
