/**
 * The registering entry: importing it defines every Virtual Clinic tag (skipping, with a warning,
 * any name already taken by another copy of the SDK).
 */
import { ContextRoot } from '@lit/context';
import { defineElement } from './elements/define-element.js';
import { TAGS } from './elements/tags.js';

export * from './index.js';

const ROOT_FLAG = Symbol.for('virtual-clinic.context-root');
const page = globalThis as unknown as Record<symbol, boolean>;
if (typeof document !== 'undefined' && !page[ROOT_FLAG]) {
  // A tag upgraded before its <vc-clinic> asks for the clinic again once the root appears.
  page[ROOT_FLAG] = true;
  new ContextRoot().attach(document.documentElement);
}

for (const [tag, constructor] of Object.entries(TAGS)) defineElement(tag, constructor);
