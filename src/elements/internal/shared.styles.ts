/**
 * The design tokens and base styles every tag shares. Each visual value reads a public `--vc-*`
 * custom property with a default for light and for dark mode; the tags use the private `--_vc-*`
 * copies so the fallbacks live in one place.
 */
import { css } from 'lit';

/**
 * The theme every tag reads (set them on `<vc-clinic>` or any ancestor; they inherit). Each has a
 * light default and a dark one, chosen by the host page's `color-scheme` (CSS `light-dark()`), not
 * by the operating system: a light host page on a dark system keeps the light colours (issue 20.4).
 * A host that wants the dark ones on a dark system says so with `color-scheme: light dark`. Every
 * tag paints its own background (`--vc-color-background`), so its text meets 4.5:1 and its field
 * boundaries and focus ring 3:1 whatever the host paints around it.
 *
 * @cssproperty --vc-font-family - The typeface.
 * @cssproperty --vc-font-size - The body text size.
 * @cssproperty --vc-font-size-small - Secondary text (times, help, status).
 * @cssproperty --vc-space - The base spacing unit.
 * @cssproperty --vc-radius - Corner radius of items, buttons and fields.
 * @cssproperty --vc-color-background - Each tag's own background (default white, or a dark grey in a dark scheme).
 * @cssproperty --vc-color-text - Body text.
 * @cssproperty --vc-color-muted - Secondary text.
 * @cssproperty --vc-color-surface - Item and field background.
 * @cssproperty --vc-color-surface-alt - Alternate background (headers, forms).
 * @cssproperty --vc-color-border - Borders and dividers.
 * @cssproperty --vc-color-primary - Primary buttons and links.
 * @cssproperty --vc-color-on-primary - Text on the primary colour.
 * @cssproperty --vc-color-danger - Errors and destructive actions.
 * @cssproperty --vc-color-on-danger - Text on the danger colour.
 * @cssproperty --vc-color-success - Positive states (available, live).
 * @cssproperty --vc-color-warning - Warnings (reconnecting, expiring).
 * @cssproperty --vc-color-highlight - The highlight of something new.
 * @cssproperty --vc-color-focus - The focus ring.
 * @cssproperty --vc-transition-duration - Animations (0 under prefers-reduced-motion).
 */
export const tokens = css`
  :host {
    --_vc-font: var(--vc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_vc-font-size: var(--vc-font-size, 1rem);
    --_vc-font-size-small: var(--vc-font-size-small, 0.875rem);
    --_vc-space: var(--vc-space, 0.75rem);
    --_vc-radius: var(--vc-radius, 0.5rem);
    --_vc-background: var(--vc-color-background, light-dark(#ffffff, #161b22));
    --_vc-text: var(--vc-color-text, light-dark(#1d232b, #e7ebf0));
    --_vc-muted: var(--vc-color-muted, light-dark(#4f5b69, #aab4c0));
    --_vc-surface: var(--vc-color-surface, light-dark(#ffffff, #1b2129));
    --_vc-surface-alt: var(--vc-color-surface-alt, light-dark(#f3f5f8, #252d37));
    --_vc-border: var(--vc-color-border, light-dark(#737f8e, #7d8a99));
    --_vc-primary: var(--vc-color-primary, light-dark(#0b5cad, #8ab8f0));
    --_vc-on-primary: var(--vc-color-on-primary, light-dark(#ffffff, #0b1a2b));
    --_vc-danger: var(--vc-color-danger, light-dark(#b3261e, #f2a7a2));
    --_vc-on-danger: var(--vc-color-on-danger, light-dark(#ffffff, #2b0b09));
    --_vc-success: var(--vc-color-success, light-dark(#1d6b36, #8fd6a5));
    --_vc-warning: var(--vc-color-warning, light-dark(#8a5300, #f0c674));
    --_vc-highlight: var(--vc-color-highlight, light-dark(#fff4c2, #4a3f0f));
    --_vc-focus: var(--vc-color-focus, light-dark(#1a73e8, #8ab8f0));
    --_vc-transition: var(--vc-transition-duration, 150ms);
    font-family: var(--_vc-font);
    font-size: var(--_vc-font-size);
    color: var(--_vc-text);
    /* The SDK's own surface under its text, so that its colours never depend on what the host paints. */
    background-color: var(--_vc-background);
    line-height: 1.4;
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_vc-transition: 0ms;
    }
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

export const controls = css`
  button,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 2.25rem;
    min-width: 2.25rem;
    padding: 0.375rem 0.875rem;
    border-radius: var(--_vc-radius);
    border: 1px solid var(--_vc-border);
    background: var(--_vc-surface);
    cursor: pointer;
    transition: background-color var(--_vc-transition), border-color var(--_vc-transition);
  }
  button.primary {
    background: var(--_vc-primary);
    border-color: var(--_vc-primary);
    color: var(--_vc-on-primary);
  }
  button.danger {
    color: var(--_vc-danger);
    border-color: var(--_vc-danger);
  }
  button:hover:not([disabled]):not([aria-disabled='true']) {
    filter: brightness(0.95);
  }
  button[disabled],
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.65;
  }
  button:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  input:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--_vc-focus);
    outline-offset: 2px;
  }
  select,
  textarea {
    min-height: 2.25rem;
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_vc-border);
    border-radius: var(--_vc-radius);
    background: var(--_vc-surface);
  }
  .error {
    color: var(--_vc-danger);
    font-size: var(--_vc-font-size-small);
  }
  @media (forced-colors: active) {
    button,
    select,
    textarea {
      border: 1px solid ButtonText;
    }
    button.primary {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
    button:focus-visible,
    select:focus-visible,
    textarea:focus-visible,
    input:focus-visible,
    [tabindex]:focus-visible {
      outline-color: Highlight;
    }
  }
`;

/**
 * The blocks the tags that show lists share (issue 13: written once, so that they cannot drift):
 * the heading that names a list, the list, the card of one item (`part~="item"`), secondary
 * `.meta` text, the row of `actions`, a participant's status colour (`data-status`), error and
 * empty texts, and the busy cursor. A tag's own styles file adds only what is its own, after these.
 */
export const blocks = css`
  :host {
    display: block;
  }
  [part='heading'] {
    margin: 0;
    font-size: 1.125rem;
    font-weight: 700;
  }
  [part='list'] {
    display: flex;
    flex-direction: column;
    gap: var(--_vc-space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* The virtualizer places each row itself: margins, not a gap, keep them apart. */
  [part='list'].virtual [part~='item'] {
    margin-block-end: var(--_vc-space);
  }
  /* Headings, lists and items take focus only when the tag hands it to them: a ring by keyboard. */
  [part='heading']:focus,
  [part='list']:focus,
  [part~='item']:focus {
    outline: none;
  }
  [part='heading']:focus-visible,
  [part='list']:focus-visible,
  [part~='item']:focus-visible {
    outline: 3px solid var(--_vc-focus);
    outline-offset: 2px;
  }
  [part~='item'] {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    padding: var(--_vc-space);
    border: 1px solid var(--_vc-border);
    border-radius: var(--_vc-radius);
    background: var(--_vc-surface);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem var(--_vc-space);
    margin: 0;
    color: var(--_vc-muted);
    font-size: var(--_vc-font-size-small);
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [data-status='in-waiting-room'] {
    color: var(--_vc-warning);
    font-weight: 600;
  }
  [data-status='in-meeting'] {
    color: var(--_vc-success);
    font-weight: 600;
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
