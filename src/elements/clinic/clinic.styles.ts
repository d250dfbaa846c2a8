import { css } from 'lit';

/**
 * `<vc-clinic>` draws nothing of its own (its children lay out as if it were not there), but for
 * what could not be loaded: a message with Try Again, in the tags' colours (the same tokens).
 */
export const clinicStyles = css`
  :host {
    display: contents;
  }
  [part='load-problem'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    margin-block-end: var(--vc-space, 0.75rem);
    padding: var(--vc-space, 0.75rem);
    border: 1px solid var(--vc-color-danger, light-dark(#b3261e, #f2a7a2));
    border-radius: var(--vc-radius, 0.5rem);
    font-family: var(--vc-font-family, system-ui, sans-serif);
    color: var(--vc-color-text, light-dark(#1d232b, #e7ebf0));
    background: var(--vc-color-surface, light-dark(#ffffff, #1b2129));
  }
  [part='load-problem-message'] {
    flex: 1 1 20rem;
    margin: 0;
  }
  [part='retry-button'] {
    font: inherit;
  }
`;
