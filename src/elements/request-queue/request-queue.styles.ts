import { css } from 'lit';

export const requestQueueStyles = css`
  :host {
    --_vc-queue-highlight: var(--vc-queue-highlight-color, var(--_vc-highlight));
    --_vc-queue-accent: var(--vc-queue-highlight-accent, var(--_vc-warning));
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: var(--_vc-space);
  }
  [part~='item'] {
    border-inline-start-width: 4px;
    transition: background-color var(--_vc-transition), border-color var(--_vc-transition);
  }
  [part~='overdue'] {
    border-inline-start: 4px solid var(--vc-queue-overdue-color, var(--_vc-danger));
  }
  [part='overdue-badge'] {
    display: inline-block;
    padding: 0 0.375rem;
    border-radius: 999px;
    border: 1px solid var(--vc-queue-overdue-color, var(--_vc-danger));
    color: var(--vc-queue-overdue-color, var(--_vc-danger));
    font-size: var(--_vc-font-size-small);
    font-weight: 600;
  }
  [part~='new'] {
    background: var(--_vc-queue-highlight);
    border-inline-start-color: var(--_vc-queue-accent);
    animation: vc-queue-arrive 1.2s ease-out 2;
  }
  @keyframes vc-queue-arrive {
    50% {
      box-shadow: 0 0 0 4px var(--_vc-queue-accent);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='new'] {
      animation: none;
    }
  }
  p {
    margin: 0;
  }
  .who {
    font-weight: 600;
  }
  [part='service'] {
    font-weight: 400;
  }
  [part='new-badge'] {
    display: inline-block;
    margin-inline-start: 0.25rem;
    padding: 0 0.5rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: var(--_vc-font-size-small);
    font-weight: 600;
  }
  [part='actions'],
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [part='decline-form'] {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    padding: var(--_vc-space);
    border-radius: var(--_vc-radius);
    background: var(--_vc-surface-alt);
  }
  [part='note-label'] {
    font-weight: 600;
  }
  [part='note'] {
    inline-size: 100%;
    box-sizing: border-box;
    resize: vertical;
  }
  .help {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5rem;
    color: var(--_vc-muted);
    font-size: var(--_vc-font-size-small);
  }
  [part='empty'],
  [part='loading'] {
    color: var(--_vc-muted);
  }
  [part='error']:empty {
    display: none;
  }
  [aria-busy='true'] {
    cursor: progress;
  }
  @media (forced-colors: active) {
    [part~='new'] {
      border-inline-start-color: Highlight;
    }
  }
`;
