import { css } from 'lit';

export const connectionStatusStyles = css`
  :host {
    display: block;
    font-size: var(--_vc-font-size-small);
    color: var(--_vc-muted);
  }
  [part='base'] {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 1.5rem;
  }
  [part='indicator'] {
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    background: var(--vc-connection-problem-color, var(--_vc-warning));
  }
  [data-state='connected'] [part='indicator'] {
    background: var(--vc-connection-live-color, var(--_vc-success));
  }
  [data-state='signed-out'] [part='label'] {
    color: var(--_vc-danger);
  }
  @media (forced-colors: active) {
    [part='indicator'] {
      border: 1px solid CanvasText;
    }
  }
`;
