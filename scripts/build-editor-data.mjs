// Editor data generated from custom-elements.json (issue 19.3), so that HTML files get completion
// and hover docs for the vc-* tags, their attributes, properties, events, parts and custom properties:
//   dist/vscode.html-custom-data.json  VS Code's HTML custom data (settings: "html.customData")
//   dist/web-types.json                JetBrains web-types (package.json "web-types")
//
//   node scripts/build-editor-data.mjs   # writes both from a fresh manifest
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createManifest } from './build-manifest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const VSCODE_FILE = 'dist/vscode.html-custom-data.json';
export const WEB_TYPES_FILE = 'dist/web-types.json';

/** The tags of a manifest, in tag-name order. */
function tagsOf(manifest) {
  return manifest.modules
    .flatMap((module) => (module.declarations ?? []).filter((d) => d.customElement && d.tagName))
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

/** The properties a host sets (the manifest's fields), attribute-backed or not (`clinic`). */
const fieldsOf = (tag) => (tag.members ?? []).filter((m) => m.kind === 'field' && !m.static);

const describe = (d) => [d.summary, d.description].filter(Boolean).join('\n\n');

/** Lists what a tag has beyond its attributes (events, parts, custom properties), in markdown. */
function extras(tag) {
  const lines = [];
  const list = (title, items, show) => {
    if (items?.length) lines.push(`**${title}**: ${items.map(show).join(', ')}`);
  };
  list('Properties', fieldsOf(tag), (m) => `\`${m.name}\``);
  list('Events', tag.events, (e) => `\`${e.name}\``);
  list('Parts', tag.cssParts, (p) => `\`${p.name}\``);
  list('Slots', tag.slots, (s) => `\`${s.name || '(default)'}\``);
  return lines.join('\n\n');
}

/** VS Code HTML custom data, version 1.1. */
export function vscodeCustomData(manifest) {
  return {
    version: 1.1,
    tags: tagsOf(manifest).map((tag) => ({
      name: tag.tagName,
      description: [describe(tag), extras(tag)].filter(Boolean).join('\n\n'),
      attributes: (tag.attributes ?? []).map((attribute) => ({
        name: attribute.name,
        description: [attribute.description, attribute.type?.text && `Type: \`${attribute.type.text}\``, attribute.default && `Default: \`${attribute.default}\``].filter(Boolean).join('\n\n'),
        ...(attribute.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
      })),
    })),
  };
}

/** JetBrains web-types for the package. */
export function webTypes(manifest, pkg) {
  return {
    $schema: 'https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    contributions: {
      html: {
        elements: tagsOf(manifest).map((tag) => ({
          name: tag.tagName,
          description: describe(tag),
          attributes: (tag.attributes ?? []).map((attribute) => ({
            name: attribute.name,
            description: attribute.description ?? '',
            ...(attribute.default ? { default: attribute.default } : {}),
            value: { type: attribute.type?.text ?? 'string', required: false },
          })),
          events: (tag.events ?? []).map((event) => ({ name: event.name, description: event.description ?? '', ...(event.type ? { type: event.type.text } : {}) })),
          js: {
            properties: fieldsOf(tag).map((member) => ({
              name: member.name,
              description: member.description ?? '',
              value: { type: member.type?.text ?? 'unknown', required: false },
            })),
          },
          slots: (tag.slots ?? []).map((slot) => ({ name: slot.name, description: slot.description ?? '' })),
          css: {
            parts: (tag.cssParts ?? []).map((part) => ({ name: part.name, description: part.description ?? '' })),
            properties: (tag.cssProperties ?? []).map((property) => ({ name: property.name, description: property.description ?? '' })),
          },
        })),
      },
    },
  };
}

/** Both files' text, from `manifest` (default: a fresh one). */
export function editorData(manifest = createManifest()) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    [VSCODE_FILE]: `${JSON.stringify(vscodeCustomData(manifest), null, 2)}\n`,
    [WEB_TYPES_FILE]: `${JSON.stringify(webTypes(manifest, pkg), null, 2)}\n`,
  };
}

export function writeEditorData(manifest) {
  const files = editorData(manifest);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return Object.keys(files);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(writeEditorData().join('\n'));
}
