// custom-elements.json from the JSDoc headers of src/elements (@summary @slot @event @csspart
// @cssproperty), for editors, Storybook and framework tooling. Tag names come from the one tag
// list, src/elements/tags.ts; module paths point at the published dist/*.js.
//
//   node scripts/build-manifest.mjs            # writes dist/custom-elements.json
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const MANIFEST_FILE = 'dist/custom-elements.json';

function* sourceFiles(dir) {
  for (const entry of ts.sys.readDirectory(dir, ['.ts'], ['**/*.d.ts'], ['**/*'])) yield entry;
}

/** Reads `export const TAGS = { 'vc-x': VcX, … }` and makes those classes custom elements. */
function tagListPlugin() {
  const tagOfClass = new Map();
  return {
    name: 'vc-tag-list',
    analyzePhase({ node, moduleDoc }) {
      if (!moduleDoc.path.endsWith('elements/tags.ts') || !ts.isVariableDeclaration(node) || node.name.getText() !== 'TAGS') return;
      let list = node.initializer;
      while (list && (ts.isAsExpression(list) || ts.isSatisfiesExpression(list))) list = list.expression;
      for (const property of list.properties) tagOfClass.set(property.initializer.getText(), property.name.text);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const tagName = tagOfClass.get(declaration.name);
          if (declaration.kind !== 'class' || !tagName) continue;
          declaration.tagName = tagName;
          declaration.customElement = true;
          module.exports = [
            ...(module.exports ?? []),
            { kind: 'custom-element-definition', name: tagName, declaration: { name: declaration.name, module: module.path } },
          ];
        }
      }
    },
  };
}

/**
 * The theme tokens of src/elements/internal/shared.styles.ts (its `@cssproperty` lines, and the light and
 * dark defaults of its CSS), listed on every tag whose styles include them.
 */
function themeTokensPlugin(sources) {
  const text = sources.get('src/elements/internal/shared.styles.ts') ?? '';
  const header = text.slice(0, text.indexOf('export const tokens'));
  const defaults = new Map();
  for (const [, name, value] of text.matchAll(/var\((--vc-[\w-]+),\s*([^;]+)\);/g)) {
    // `light-dark(a, b)`: the light default, then the dark one (chosen by the page's color-scheme).
    const pair = /^light-dark\(([^,]+),\s*(.+)\)$/.exec(value.trim());
    const own = pair ? `${pair[1].trim()} (dark: ${pair[2].trim()})` : value.trim();
    defaults.set(name, defaults.has(name) ? `${defaults.get(name)} (dark: ${value.trim()})` : own);
  }
  const tokens = [...header.matchAll(/@cssproperty (--vc-[\w-]+) - (.+)/g)].map(([, name, description]) => ({
    name,
    description: description.trim(),
    ...(defaults.has(name) ? { default: defaults.get(name) } : {}),
  }));
  const usesTokens = (path) => /import \{[^}]*\btokens\b[^}]*\} from '\.\.\/internal\/shared\.styles\.js'/.test(sources.get(path) ?? '');
  return {
    name: 'vc-theme-tokens',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        if (!usesTokens(module.path)) continue;
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          const own = declaration.cssProperties ?? [];
          declaration.cssProperties = [...own, ...tokens.filter((token) => !own.some((p) => p.name === token.name))];
        }
      }
    },
  };
}

/**
 * `@state` fields a host may set all the same, with the type and description the manifest gives
 * them (the source's type names a module-private import; the description is the host's side).
 */
const HOST_STATE = {
  clinic: {
    type: { text: 'Clinic | undefined' },
    description:
      'The clinic the tag shows: handed down by the closest <vc-clinic>; outside one, set it yourself (`createClinic({ transport })`, or a `<vc-clinic>`\'s `.activeClinic`).',
  },
};

/**
 * What a host sees of each tag, and nothing more (issue 19.3): every event gets its `detail` type,
 * read from `VcEventDetails` in src/events/; members are the public properties a host sets (the
 * attribute-backed ones and the documented ones), never private (`#…`) or protected state, nor
 * the styles.
 */
function publicApiPlugin(sources) {
  // One class per event in src/events/ (`static readonly eventName = 'vc-…'`, extending
  // `CustomEvent<VcXDetail>`): the detail's shape where its type alias fits on one line, else its name.
  const detailOf = new Map();
  for (const [path, text] of sources) {
    if (!path.startsWith('src/events/')) continue;
    const name = /static readonly eventName = '(vc-[a-z-]+)'/.exec(text)?.[1];
    const detailName = /extends CustomEvent<(\w+)>/.exec(text)?.[1];
    if (!name || !detailName) continue;
    const shape = new RegExp(`export type ${detailName} = ([^\\n]+);\\s*$`, 'm').exec(text)?.[1];
    detailOf.set(name, shape ?? detailName);
  }
  return {
    name: 'vc-public-api',
    packageLinkPhase({ customElementsManifest }) {
      // Lit's internal reactive state (`@state() accessor x`) is not a host's to set. Read in the
      // file that declares the member. One exception, HOST_STATE: ClinicElement's `clinic` is
      // `@state` (what <vc-clinic> hands down re-renders the tag without reflecting), yet a host
      // may set it on a tag outside any <vc-clinic>, so every tag lists it.
      const stateFieldsOf = new Map([...sources].map(([path, text]) => [path, new Set([...text.matchAll(/@state\(\)\s+(?:accessor\s+)?(\w+)/g)].map((m) => m[1]))]));
      const sourceOf = (path) => path.replace(/^\/?(dist|src)\//, 'src/').replace(/\.js$/, '.ts');
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          // A base class that is no tag of its own (the dashboards' base) is not a custom element.
          if (declaration.customElement && !declaration.tagName) delete declaration.customElement;
          if (!declaration.customElement) continue;
          for (const event of declaration.events ?? []) {
            const detail = detailOf.get(event.name);
            if (detail) event.type = { text: `CustomEvent<${detail}>` };
          }
          const attributeFields = new Set((declaration.attributes ?? []).map((a) => a.fieldName));
          const isState = (member) =>
            !HOST_STATE[member.name] && (stateFieldsOf.get(sourceOf(member.inheritedFrom?.module ?? module.path))?.has(member.name) ?? false);
          for (const member of declaration.members ?? []) {
            if (HOST_STATE[member.name] && member.inheritedFrom) Object.assign(member, HOST_STATE[member.name]);
          }
          declaration.members = (declaration.members ?? []).filter(
            (member) =>
              !member.privacy &&
              !member.name.startsWith('#') &&
              !member.static &&
              !(isState(member) && !attributeFields.has(member.name)) &&
              (attributeFields.has(member.name) || (member.description && member.kind === 'field')),
          );
        }
      }
    },
  };
}

/** The manifest as an object (nothing written). */
export function createManifest() {
  const sources = new Map(
    [...sourceFiles(`${root}src`)].filter((file) => !file.includes('/src/react/')).map((file) => [relative(root, file), readFileSync(file, 'utf8')]),
  );
  const modules = [...sources].map(([path, text]) => ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true));
  const plugins = [...litPlugin(), tagListPlugin(), themeTokensPlugin(sources), publicApiPlugin(sources)];
  const manifest = create({ modules, plugins, context: { dev: false } });
  // The package ships dist/*.js, not src/*.ts.
  return JSON.parse(JSON.stringify(manifest).replace(/"src\/([^"]*)\.ts"/g, '"dist/$1.js"'));
}

export function writeManifest(file = `${root}${MANIFEST_FILE}`) {
  const manifest = createManifest();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const manifest = writeManifest();
  const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
  console.log(`${MANIFEST_FILE}: ${tags.length} tags (${tags.map((d) => d.tagName).join(', ')})`);
}
