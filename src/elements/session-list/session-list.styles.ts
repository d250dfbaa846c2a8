import { css } from 'lit';

export const sessionListStyles = css`
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: var(--_vc-space);
  }
  [part='list'] {
    gap: var(--vc-session-list-gap, var(--_vc-space));
  }
  [part='title'] {
    margin: 0;
    font-size: var(--_vc-font-size);
  }
  [part='participants'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem calc(var(--_vc-space) * 2);
    margin: 0;
  }
  [part='participants'] dd {
    margin: 0;
    font-size: var(--_vc-font-size-small);
  }
  [part='participant'],
  [part='self'] {
    font-weight: 600;
  }
`;
