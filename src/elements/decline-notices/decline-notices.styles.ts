import { css } from 'lit';

export const declineNoticesStyles = css`
  /* The wrapper takes focus only after the last notice was dismissed, so focus is not lost. */
  [part='base']:focus {
    outline: none;
  }
  [part='notice'] {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5rem;
    padding: var(--_vc-space);
    border: 1px solid var(--vc-notice-border-color, var(--_vc-border));
    border-inline-start: 0.25rem solid var(--vc-notice-accent-color, var(--_vc-warning));
    border-radius: var(--_vc-radius);
    background: var(--vc-notice-background, var(--_vc-surface-alt));
  }
  [part='message'] {
    margin: 0;
    font-weight: 600;
  }
  [part='service'] {
    font-weight: normal;
  }
  [part='note'] {
    margin: 0;
  }
  [part='note-label'] {
    display: block;
    font-size: var(--_vc-font-size-small);
    color: var(--_vc-muted);
  }
  /* The provider's note as typed: line breaks kept, long words wrapped. */
  .note-text {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  [part='next-steps'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [part='next-steps']:empty {
    display: none;
  }
  [part='notify-button'][aria-pressed='true'] {
    border-color: var(--_vc-primary);
    color: var(--_vc-primary);
    font-weight: 600;
  }
`;
