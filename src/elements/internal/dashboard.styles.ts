import { css } from 'lit';

/** The layout both dashboards share (each dashboard folder holds only its tag). */
export const dashboardStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    display: grid;
    gap: var(--vc-dashboard-gap, calc(var(--_vc-space) * 1.5));
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_vc-space);
  }
`;
