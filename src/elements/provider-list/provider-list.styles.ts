import { css } from 'lit';

export const providerListStyles = css`
  [part='heading'] {
    margin-block-end: var(--_vc-space);
  }
  .identity {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: var(--_vc-space);
    row-gap: 0.25rem;
  }
  [part='filter'] {
    margin-block-end: var(--_vc-space);
  }
  [part='filter-input'] {
    font: inherit;
    color: inherit;
    max-width: 24rem;
    min-height: 2.25rem;
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_vc-border);
    border-radius: var(--_vc-radius);
    background: var(--_vc-surface);
  }
  [part='filter-input']:focus-visible {
    outline: 3px solid var(--_vc-focus);
    outline-offset: 2px;
  }
  [part='no-match'] {
    margin: 0;
    color: var(--_vc-muted);
  }
  [part='name'] {
    margin: 0;
    font-size: 1.0625em;
    font-weight: 600;
  }
  [part='specialty'] {
    color: var(--_vc-muted);
  }
  [part='availability'] {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-size: var(--_vc-font-size-small);
  }
  /* Text says the state; the dot repeats it in shape as well as colour (filled vs ring). */
  .dot {
    flex: none;
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    box-sizing: border-box;
    border: 2px solid var(--vc-provider-unavailable-color, var(--_vc-muted));
    background: transparent;
  }
  .available .dot {
    border-color: var(--vc-provider-available-color, var(--_vc-success));
    background: var(--vc-provider-available-color, var(--_vc-success));
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_vc-space);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  label {
    font-size: var(--_vc-font-size-small);
    font-weight: 600;
  }
  select[aria-invalid='true'] {
    border-color: var(--_vc-danger);
  }
  [part='pending'] {
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
  }
  .pending-status {
    font-weight: 600;
    color: var(--_vc-warning);
  }
  .waited,
  .position {
    font-size: var(--_vc-font-size-small);
    color: var(--_vc-muted);
  }
  [part='error'] {
    margin: 0;
  }
  [part='notify-button'] {
    justify-self: start;
    width: fit-content;
  }
  [part='notify-button'][aria-pressed='true'] {
    border-color: var(--_vc-primary);
    color: var(--_vc-primary);
    font-weight: 600;
  }
  [part='available-notice'] {
    margin: 0;
    font-weight: 600;
    color: var(--_vc-success);
  }
  [aria-busy='true'] {
    cursor: progress;
  }
  [part='empty'] {
    margin: 0;
    color: var(--_vc-muted);
  }
  @media (forced-colors: active) {
    .dot {
      border-color: CanvasText;
    }
    .available .dot {
      forced-color-adjust: none;
      border-color: CanvasText;
      background: CanvasText;
    }
  }
`;
