/**
 * Contrast by computation (WCAG 2.2: 1.4.3 text 4.5:1, large text 3:1; 1.4.11 boundaries and focus
 * indicators 3:1) over everything the tags render, shadow roots included. Colours are the computed
 * ones; a background is the stack of ancestors' backgrounds (through shadow hosts) composited down
 * to the page's canvas.
 */
import { deepElements } from './deep-query.js';

export type Rgba = [number, number, number, number];

const probe = (() => {
  let canvas: CanvasRenderingContext2D | null = null;
  return () => (canvas ??= Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true })!);
})();

/** Any CSS colour (rgb(), color(srgb …), oklch() …) as sRGB 0–255 and alpha 0–1. */
export function parseColor(css: string): Rgba {
  const rgb = /^rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:,?\s*\/?\s*([\d.]+%?))?\)$/.exec(css.trim());
  if (rgb) {
    const alpha = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? Number.parseFloat(rgb[4]) / 100 : Number(rgb[4]);
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), alpha];
  }
  if (css === 'transparent') return [0, 0, 0, 0];
  // Other syntaxes: let the browser draw it and read the pixel back.
  const context = probe();
  context.clearRect(0, 0, 1, 1);
  context.fillStyle = css;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a! / 255];
}

function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3] + bottom[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
  return [mix(0), mix(1), mix(2), a];
}

function luminance([r, g, b]: Rgba): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The WCAG contrast ratio of two opaque colours, 1–21. */
export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function parentOf(element: Element): Element | null {
  return element.parentElement ?? ((element.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
}

/** The page's canvas: the root's background, or the browser's default for the scheme in use. */
function canvas(doc: Document): Rgba {
  for (const element of [doc.documentElement, doc.body]) {
    const bg = parseColor(getComputedStyle(element).backgroundColor);
    if (bg[3] === 1) return bg;
  }
  const dark = getComputedStyle(doc.documentElement).colorScheme.includes('dark') && matchMedia('(prefers-color-scheme: dark)').matches;
  return dark ? [18, 18, 18, 1] : [255, 255, 255, 1];
}

/** The opaque colour behind `element`: its own and its ancestors' backgrounds over the canvas. */
export function backgroundBehind(element: Element, includeSelf = true): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = includeSelf ? element : parentOf(element); node; node = parentOf(node)) {
    const bg = parseColor(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] === 1) break;
  }
  let colour = canvas(element.ownerDocument);
  for (const layer of layers.reverse()) colour = over(layer, colour);
  return colour;
}

function inactive(element: Element): boolean {
  for (let node: Element | null = element; node; node = parentOf(node)) {
    if (node.matches('[disabled], [aria-disabled="true"]')) return true;
  }
  return false;
}

function shown(element: Element): boolean {
  if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  const box = element.getBoundingClientRect();
  // The visually hidden live regions (1 × 1 px, clipped) are for screen readers only.
  return box.width > 1 && box.height > 1;
}

export interface Finding {
  what: string;
  ratio: number;
  needed: number;
}

function describe(element: Element): string {
  const host = (element.getRootNode() as ShadowRoot).host;
  const part = element.getAttribute('part');
  const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return `<${host?.localName ?? 'page'}> ${element.localName}${part ? `[part=${part}]` : ''} "${text}"`;
}

/** Every shown text under `root` below its ratio (4.5:1, or 3:1 when large). */
export function textContrastFailures(root: Element): Finding[] {
  const failures: Finding[] = [];
  for (const element of deepElements(root)) {
    const ownText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    if (!ownText || !shown(element) || inactive(element)) continue;
    const style = getComputedStyle(element);
    const size = Number.parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const needed = large ? 3 : 4.5;
    const background = backgroundBehind(element);
    const ratio = contrast(over(parseColor(style.color), background), background);
    if (ratio < needed - 0.005) failures.push({ what: describe(element), ratio: Math.round(ratio * 100) / 100, needed });
  }
  return failures;
}

/** Every form field's boundary (input, select, textarea) against what surrounds it, below 3:1. */
export function boundaryContrastFailures(root: Element): Finding[] {
  const failures: Finding[] = [];
  for (const element of deepElements(root)) {
    if (!element.matches('input:not([type="radio"]):not([type="checkbox"]), select, textarea, [role="switch"]') || !shown(element) || inactive(element)) continue;
    const style = getComputedStyle(element);
    const outside = backgroundBehind(element, false);
    const border = over(parseColor(style.borderTopColor), outside);
    const width = Number.parseFloat(style.borderTopWidth);
    const inside = backgroundBehind(element);
    // A boundary is the border against the outside, or the field's own fill against the outside.
    const ratio = Math.max(width > 0 ? contrast(border, outside) : 1, contrast(inside, outside));
    if (ratio < 2.995) failures.push({ what: describe(element), ratio: Math.round(ratio * 100) / 100, needed: 3 });
  }
  return failures;
}

/** The focus ring of `element` (its outline while focused) against what is behind it, below 3:1. */
export function focusRingFailure(element: HTMLElement): Finding | null {
  const style = getComputedStyle(element);
  if (style.outlineStyle === 'none' || Number.parseFloat(style.outlineWidth) === 0) {
    return { what: `${describe(element)} has no focus outline`, ratio: 1, needed: 3 };
  }
  const outside = backgroundBehind(element, false);
  const ring = over(parseColor(style.outlineColor), outside);
  const ratio = contrast(ring, outside);
  return ratio < 2.995 ? { what: describe(element), ratio: Math.round(ratio * 100) / 100, needed: 3 } : null;
}
