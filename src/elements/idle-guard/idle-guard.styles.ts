import { css } from 'lit';

export const idleGuardStyles = css`
  :host {
    display: block;
  }
  [part='dialog'] {
    max-width: min(28rem, calc(100vw - 2rem));
    padding: calc(var(--_vc-space) * 1.5);
    border: 1px solid var(--_vc-border);
    border-radius: var(--_vc-radius);
    background: var(--vc-idle-dialog-background, var(--_vc-surface));
    color: var(--_vc-text);
    font-family: var(--_vc-font);
  }
  [part='dialog']::backdrop {
    background: var(--vc-idle-backdrop, rgb(0 0 0 / 0.45));
  }
  [part='title'] {
    margin: 0 0 var(--_vc-space);
    font-size: 1.25rem;
  }
  [part='message'],
  [part='hint'] {
    margin: 0 0 var(--_vc-space);
  }
  [part='hint'] {
    color: var(--_vc-muted);
    font-size: var(--_vc-font-size-small);
  }
  [part='notice'].shown {
    margin: 0 0 var(--_vc-space);
    padding: var(--_vc-space);
    border: 1px solid var(--_vc-danger);
    border-radius: var(--_vc-radius);
    color: var(--_vc-danger);
    background: var(--_vc-surface);
  }
  @media (forced-colors: active) {
    [part='dialog'] {
      border: 2px solid CanvasText;
    }
  }
`;
