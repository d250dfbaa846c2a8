import { css } from 'lit';

export const waitingRoomStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: var(--_vc-space);
    padding: var(--_vc-space);
    border: 1px solid var(--_vc-border);
    border-radius: var(--_vc-radius);
    background: var(--_vc-surface);
  }
  [part='base'] > p,
  [part='title'] {
    margin: 0;
  }
  [part='title'] {
    font-size: 1.125rem;
  }
  [part='service'],
  [part='told'],
  [part='waited'] {
    color: var(--_vc-muted);
    font-size: var(--_vc-font-size-small);
  }
  [part='status'] {
    font-weight: 600;
  }
  [part='participants'] {
    margin: 0;
  }
  [part='participant'] {
    font-weight: 600;
  }
  [part='participants'] dd {
    margin: 0;
    font-size: var(--_vc-font-size-small);
  }
  [data-status='in-waiting-room'] {
    color: var(--_vc-warning);
    font-weight: 600;
  }
  [data-status='in-meeting'] {
    color: var(--_vc-success);
    font-weight: 600;
  }
  [part='meeting'] {
    min-height: var(--vc-meeting-min-height, 0);
    border-radius: var(--_vc-radius);
    background: var(--_vc-surface-alt);
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [aria-busy='true'] {
    cursor: progress;
  }
`;
