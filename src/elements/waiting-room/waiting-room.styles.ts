import { css } from 'lit';

export const waitingRoomStyles = css`
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: var(--_vc-space);
    padding: var(--_vc-space);
    border: 1px solid var(--_vc-border);
    border-radius: var(--_vc-radius);
    background: var(--_vc-surface);
  }
  [part='base'] > p,
  [part='title'] {
    margin: 0;
  }
  [part='title'] {
    font-size: 1.125rem;
  }
  [part='service'],
  [part='told'],
  [part='waited'] {
    color: var(--_vc-muted);
    font-size: var(--_vc-font-size-small);
  }
  [part='status'] {
    font-weight: 600;
  }
  [part='participants'] {
    margin: 0;
  }
  [part='participant'] {
    font-weight: 600;
  }
  [part='participants'] dd {
    margin: 0;
    font-size: var(--_vc-font-size-small);
  }
  [part='meeting'] {
    min-height: var(--vc-meeting-min-height, 0);
    border-radius: var(--_vc-radius);
    background: var(--_vc-surface-alt);
  }

  /* The camera and microphone check */
  [part='device-check'],
  [part='media'] {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_vc-space) * 0.75);
  }
  [part='preview-frame'] {
    position: relative;
    width: min(100%, var(--vc-preview-width, 20rem));
    aspect-ratio: 4 / 3;
    border-radius: var(--_vc-radius);
    overflow: hidden;
    background: var(--vc-video-background, #111);
  }
  [part='preview'] {
    width: 100%;
    height: 100%;
    object-fit: cover;
    /* A self-view is mirrored, as people expect from a mirror. */
    transform: scaleX(-1);
  }
  [part='preview-placeholder'] {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    margin: 0;
    padding: var(--_vc-space);
    text-align: center;
    color: #f3f5f8;
    font-size: var(--_vc-font-size-small);
  }
  [part='meter'] {
    width: min(100%, var(--vc-preview-width, 20rem));
    height: var(--vc-meter-height, 0.5rem);
    border-radius: calc(var(--vc-meter-height, 0.5rem) / 2);
    background: var(--_vc-surface-alt);
    border: 1px solid var(--_vc-border);
    overflow: hidden;
  }
  [part='meter-level'] {
    height: 100%;
    background: var(--vc-meter-color, var(--_vc-success));
    transform-origin: left center;
    transform: scaleX(var(--_vc-level, 0));
    transition: transform 80ms linear;
  }
  /* A meter grows in the reading direction: from the right in a right-to-left page. */
  [part='meter-level']:dir(rtl) {
    transform-origin: right center;
  }
  @media (forced-colors: active) {
    /* Backgrounds become Canvas in forced colours: the bar keeps a system colour of its own. */
    [part='meter'] {
      border-color: CanvasText;
    }
    [part='meter-level'] {
      forced-color-adjust: none;
      background: Highlight;
    }
  }
  [part='devices'] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_vc-space) * 0.75);
  }
  [part='device-label'] {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-size: var(--_vc-font-size-small);
    max-width: 100%;
  }
  [part='device-label'] select {
    max-width: 16rem;
  }
  [part='media-messages']:empty {
    display: none;
  }
  [part='media-message'] {
    margin: 0 0 0.25rem;
    color: var(--_vc-danger);
    font-size: var(--_vc-font-size-small);
  }
  [part='media-stay'] {
    margin: 0;
    color: var(--_vc-muted);
    font-size: var(--_vc-font-size-small);
  }
  [part='check-button'],
  [part='retry-button'],
  [part='unmute-button'] {
    align-self: flex-start;
  }

  /* The meeting */
  [part='call'] {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_vc-space) * 0.5);
  }
  [part='call']:empty {
    display: none;
  }
  [part='call-videos'] {
    position: relative;
    width: 100%;
    aspect-ratio: 4 / 3;
    border-radius: var(--_vc-radius);
    overflow: hidden;
    background: var(--vc-video-background, #111);
  }
  [part='remote-video'] {
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  [part='local-video'] {
    position: absolute;
    /* At the end of the line: bottom right, or bottom left in a right-to-left page. */
    inset-inline-end: 0.5rem;
    bottom: 0.5rem;
    width: var(--vc-local-video-width, 25%);
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border: 2px solid var(--_vc-surface);
    border-radius: calc(var(--_vc-radius) / 2);
    background: var(--vc-video-background, #111);
    transform: scaleX(-1);
  }
  [part='call-status'] {
    margin: 0;
    color: var(--_vc-muted);
    font-size: var(--_vc-font-size-small);
  }
  [part='remote-video'][data-camera-off] {
    visibility: hidden;
  }
  [part='peer-camera-off'],
  [part='peer-muted'] {
    position: absolute;
    left: 0.5rem;
    margin: 0;
    padding: 0.25rem 0.5rem;
    border-radius: calc(var(--_vc-radius) / 2);
    background: var(--vc-call-badge-background, rgb(0 0 0 / 0.75));
    color: var(--vc-call-badge-color, #fff);
    font-size: var(--_vc-font-size-small);
  }
  [part='peer-camera-off'] {
    top: 0.5rem;
  }
  [part='peer-muted'] {
    bottom: 0.5rem;
  }
  [part='call-controls'] {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: calc(var(--_vc-space) * 0.5);
    padding: calc(var(--_vc-space) * 0.5);
    border-radius: var(--_vc-radius);
    background: var(--vc-call-controls-background, transparent);
  }
  [part='microphone-button'][aria-pressed='true'],
  [part='camera-button'][aria-pressed='true'] {
    background: var(--vc-call-pressed-background, var(--_vc-danger));
    border-color: var(--vc-call-pressed-background, var(--_vc-danger));
    color: var(--vc-call-pressed-color, #fff);
  }
  [part='call-device-label'] {
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
    font-size: var(--_vc-font-size-small);
  }
  [part='call-quality'] {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    margin: 0;
    font-size: var(--_vc-font-size-small);
  }
  [part='call-quality-icon'] {
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    background: var(--vc-call-quality-good, var(--_vc-success));
  }
  [part='call-quality'][data-level='fair'] [part='call-quality-icon'] {
    background: var(--vc-call-quality-fair, #b45309);
  }
  [part='call-quality'][data-level='poor'] [part='call-quality-icon'] {
    background: var(--vc-call-quality-poor, var(--_vc-danger));
  }
  [part='call-message'] {
    margin: 0;
    color: var(--_vc-danger);
    font-size: var(--_vc-font-size-small);
  }
  [part='call-retry-button'] {
    align-self: flex-start;
  }
  [part='meeting-link-box'] {
    margin: 0;
  }
  [part='meeting-link'] {
    color: var(--_vc-primary);
    font-weight: 600;
  }
`;
