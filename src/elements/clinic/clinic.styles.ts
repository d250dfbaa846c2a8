import { css } from 'lit';

/** `<vc-clinic>` draws nothing of its own: its children lay out as if it were not there. */
export const clinicStyles = css`
  :host {
    display: contents;
  }
`;
