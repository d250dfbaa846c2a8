/**
 * Registers every Virtual Clinic tag, under `vc-` or a prefix of the host's choosing. Safe to call
 * from two copies (or two versions) of the SDK on one page: a name already taken is skipped, and
 * one warning lists what was skipped. (One tag alone: the per-tag modules of `src/tags/`.)
 */
import { TAGS } from './elements/tags.js';
import { defineTags, type DefineOptions, type DefineResult } from './tags/define-tags.js';

export type { DefineOptions, DefineResult };

export function defineVirtualClinic(options: DefineOptions = {}): DefineResult {
  return defineTags(TAGS, options);
}
