/**
 * Registers a tag unless the name is taken. A host page may load two copies (or two versions) of
 * the SDK; the second registration is skipped with a warning instead of throwing, and the first
 * copy's tags keep working.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): boolean {
  const registry = globalThis.customElements;
  if (!registry) return false;
  const existing = registry.get(tag);
  if (existing) {
    if (existing !== constructor) console.warn(`[virtual-clinic] <${tag}> is already defined on this page (another copy of the SDK?); keeping the first definition.`);
    return false;
  }
  registry.define(tag, constructor);
  return true;
}
