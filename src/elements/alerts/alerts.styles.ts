import { css } from 'lit';

export const alertsStyles = css`
  :host {
    display: block;
    font-size: var(--_vc-font-size-small);
  }
  [part='base'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    border: 0;
    margin: 0;
    padding: 0;
  }
  legend {
    float: inline-start;
    font-weight: 600;
    padding: 0;
    margin-inline-end: 0.5rem;
  }
  button[role='switch'] {
    min-height: 2rem;
  }
  /* The mark shows the state to the eye only ("/ ''"): the name stays "Sound alerts" in both states. */
  button[role='switch'][aria-checked='true']::before {
    content: '✓ ' / '';
  }
`;
