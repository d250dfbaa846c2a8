// The house lint: what must never appear in src/ (it would open a door to injection, or break a
// host's strict Content-Security-Policy). Prints each offence with its place; exits 1 if any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const RULES = [
  [/\bunsafeHTML\b|\bunsafeSVG\b|\bunsafeStatic\b/, 'unsafe* directives render markup from strings'],
  [/\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|createContextualFragment/, 'HTML from strings'],
  [/document\.write/, 'document.write'],
  [/\beval\s*\(|new\s+Function\s*\(/, 'code from strings'],
  [/set(?:Timeout|Interval)\(\s*['"`]/, 'string timers'],
  [/\bstyle\s*=\s*["'$]/, 'inline style attributes break a strict CSP (use classes and custom properties)'],
  [/\bconsole\.(log|info|debug)\(/, 'console output may leak patient data'],
  [/\blocalStorage\b|\bsessionStorage\b|\bindexedDB\b|document\.cookie|\bcaches\.open\b/, 'storage outlives the session: tokens and patient data stay in memory (SECURITY.md)'],
  [/\bsrcdoc\b|\bDOMParser\b|parseFromString/, 'HTML from strings'],
  [/trustedTypes\.createPolicy/, 'a Trusted Types policy of our own would have to be allowed in every host\'s CSP (lit-html is the only one, SECURITY.md)'],
  [/['"`]\s*javascript:/i, 'javascript: URLs'],
];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|js|mjs)$/.test(name)) yield path;
  }
}

let offences = 0;
for (const file of files('src')) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (/^\s*(\/\/|\*)/.test(line)) return;
    for (const [pattern, why] of RULES) {
      if (pattern.test(line)) {
        offences++;
        console.error(`${file}:${i + 1}: ${why}\n    ${line.trim()}`);
      }
    }
  });
}
if (offences) {
  console.error(`lint: ${offences} offence(s)`);
  process.exit(1);
}
console.log('lint: src/ is clean');
