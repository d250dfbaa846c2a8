/**
 * Text that comes from the server (names, services, specialties, notes) shown beside the SDK's own
 * words, so that it cannot impersonate anyone or rewrite the sentence around it (issue 17.5).
 *
 * Two steps, always together:
 * - **shown, not hidden**: characters a reader cannot see — direction overrides, embeddings,
 *   isolates and marks, zero-width spaces and joiners out of context, word joiners, soft hyphens,
 *   Hangul fillers, other format and control characters — are replaced by a visible
 *   U+FFFD "�", so "Dr. Amara\u200B Okafor" no longer looks like "Dr. Amara Okafor" and
 *   "Dr. A\u202Eevil" no longer looks like "Dr. Alive". Zero-width joiners and non-joiners stay where
 *   a script or an emoji needs them (after a non-Latin letter or a pictograph). Unusual spaces
 *   become a plain space.
 * - **isolated**: the result is set in its own direction (`<bdi>` in markup, U+2068 FSI … U+2069
 *   PDI in plain strings such as live-region text, labels and notifications, `dir="auto"` on an
 *   element that holds only that text), so that a right-to-left name cannot reorder the SDK's
 *   sentence after it.
 */
import { html, type TemplateResult } from 'lit';

/** What replaces a character a reader could not see. */
export const SHOWN_INVISIBLE = '\uFFFD';

const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Format (Cf) and control (Cc) characters, line and paragraph separators, the invisible letters
 * (Hangul fillers, the braille blank, the Khmer inherent vowels) and variation selectors standing alone.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\u2028\u2029\u115F\u1160\u3164\uFFA0\u2800\u17B4\u17B5\u034F]/u;
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/gu;
const JOINER = /^[\u200C\u200D]$/u;
/** Before a joiner: a letter or mark of a script that needs joiners (not Latin), or an emoji. */
const JOINS_HERE = /[\p{Extended_Pictographic}\uFE0F]|(?![\p{Script=Latin}\p{Script=Common}])[\p{L}\p{M}]/u;

/**
 * Server text as a reader should see it: invisible and control characters shown as "�" (joiners
 * kept where a script needs them), unusual spaces made plain. `multiline` keeps line breaks (notes).
 */
export function visibleText(text: string, options: { multiline?: boolean } = {}): string {
  const chars = [...text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(ODD_SPACE, ' ')];
  return chars
    .map((char, i) => {
      if (char === '\n') return options.multiline ? char : ' ';
      if (!INVISIBLE.test(char)) return char;
      const before = chars[i - 1] ?? '';
      const after = chars[i + 1] ?? '';
      const joinerInContext = JOINER.test(char) && JOINS_HERE.test(before) && after !== '' && !INVISIBLE.test(after);
      return joinerInContext ? char : SHOWN_INVISIBLE;
    })
    .join('');
}

/** Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko … Adlam). */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * Server text for a plain string (live region, `aria-label`, option, notification): shown, and
 * isolated between FSI and PDI when it holds right-to-left letters. (With every control character
 * already shown as "�", only such letters could reorder the sentence around it; text without them
 * stays free of marks, so that a copy or a search finds it as typed.)
 */
export function isolate(text: string): string {
  const shown = visibleText(text);
  return RIGHT_TO_LEFT.test(shown) ? `${FSI}${shown}${PDI}` : shown;
}

/** Server text for a template: shown and isolated in a `<bdi>`. */
export function userText(text: string, options: { multiline?: boolean } = {}): TemplateResult {
  return html`<bdi>${visibleText(text, options)}</bdi>`;
}

/** Every string parameter isolated: for SDK sentences that carry server text in plain strings. */
export function isolateParams(params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === 'string' && value !== '' ? isolate(value) : value]));
}

const SLOT = /\uE000(\d+)\uE001/g;

/**
 * An SDK sentence for a template, its server-text parameters shown and, when they hold
 * right-to-left letters, each in a `<bdi>`: `translate` is the localizer's `term` (any language
 * puts the name where its grammar wants it).
 */
export function sentence(
  translate: (params: Record<string, string | number>) => string,
  params: Record<string, string | number>,
): Array<string | TemplateResult> {
  // Without right-to-left letters (and with every control character shown), server text cannot
  // reorder the sentence: one plain string, as a search or a copy expects it.
  if (!Object.values(params).some((value) => typeof value === 'string' && RIGHT_TO_LEFT.test(value))) {
    return [translate(Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? visibleText(value) : value])))];
  }
  const values: string[] = [];
  const slotted = Object.fromEntries(
    Object.entries(params).map(([key, value]) => {
      if (typeof value !== 'string' || value === '') return [key, value];
      values.push(value);
      return [key, `\uE000${values.length - 1}\uE001`];
    }),
  );
  const text = translate(slotted);
  const out: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of text.matchAll(SLOT)) {
    out.push(text.slice(last, match.index));
    out.push(userText(values[Number(match[1])] ?? ''));
    last = match.index + match[0].length;
  }
  out.push(text.slice(last));
  return out;
}
