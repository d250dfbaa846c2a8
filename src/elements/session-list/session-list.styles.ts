import { css } from 'lit';

export const sessionListStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: var(--_vc-space);
  }
  [part='heading'] {
    margin: 0;
    font-size: 1.125rem;
  }
  [part='list'] {
    display: flex;
    flex-direction: column;
    gap: var(--vc-session-list-gap, var(--_vc-space));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='item'] {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    padding: var(--_vc-space);
    border: 1px solid var(--_vc-border);
    border-radius: var(--_vc-radius);
    background: var(--_vc-surface);
  }
  [part='title'] {
    margin: 0;
    font-size: var(--_vc-font-size);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem var(--_vc-space);
    margin: 0;
    color: var(--_vc-muted);
    font-size: var(--_vc-font-size-small);
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
  [data-status='in-waiting-room'] {
    color: var(--_vc-warning);
    font-weight: 600;
  }
  [data-status='in-meeting'] {
    color: var(--_vc-success);
    font-weight: 600;
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [part='error'],
  [part='empty'] {
    margin: 0;
  }
  [part='empty'] {
    color: var(--_vc-muted);
  }
  [aria-busy='true'] {
    cursor: progress;
  }
`;
