import { css } from 'lit';

export const availabilityToggleStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem var(--_vc-space);
  }
  [part='label'] {
    font-weight: 600;
  }
  [part='error'] {
    flex-basis: 100%;
  }
  [part~='switch'] {
    display: inline-flex;
    align-items: center;
    gap: var(--_vc-space);
    min-height: 2.75rem;
    padding: 0.5rem 1rem 0.5rem 0.5rem;
    border-radius: 999px;
    border: 1px solid var(--_vc-border);
    background: var(--_vc-surface);
    text-align: start;
    width: fit-content;
  }
  [part='track'] {
    position: relative;
    flex: none;
    width: 2.75rem;
    height: 1.5rem;
    border-radius: 999px;
    background: var(--vc-availability-off-color, var(--_vc-muted));
    transition: background-color var(--_vc-transition);
  }
  [part='thumb'] {
    position: absolute;
    top: 0.1875rem;
    inset-inline-start: 0.1875rem;
    width: 1.125rem;
    height: 1.125rem;
    border-radius: 50%;
    background: var(--_vc-surface);
    transition: inset-inline-start var(--_vc-transition);
  }
  [aria-checked='true'] [part='track'] {
    background: var(--vc-availability-on-color, var(--_vc-success));
  }
  [aria-checked='true'] [part='thumb'] {
    inset-inline-start: 1.4375rem;
  }
  [aria-busy='true'] {
    cursor: progress;
  }
  @media (forced-colors: active) {
    [part='track'] {
      border: 1px solid ButtonText;
    }
    [part='thumb'] {
      background: ButtonText;
    }
    [aria-checked='true'] [part='track'] {
      background: Highlight;
    }
  }
`;
