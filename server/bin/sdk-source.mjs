// A module resolution hook (node:module register): in a checkout of the SDK's repository the
// server runs on the SDK's TypeScript sources, which the SDK's exports map names under the
// "vc-source" condition (`@virtual-clinic/sdk/rules` → src/rules/index.ts), so no build is
// needed first. Where that file is absent (the SDK installed from npm), the usual targets (dist/)
// are resolved as always.
export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('@virtual-clinic/sdk/')) {
    try {
      return await nextResolve(specifier, { ...context, conditions: [...context.conditions, 'vc-source'] });
    } catch {
      // not a checkout: the package's own files
    }
  }
  return nextResolve(specifier, context);
}
