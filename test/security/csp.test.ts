/**
 * Issue 8 §1: every tag, in every state, on a page served with the strict policy
 *   default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';
 *   require-trusted-types-for 'script'; trusted-types lit-html
 * raises no `securitypolicyviolation`. The page (test/security/csp/page.html, served raw with that
 * header by csp-server.mjs) loads only the script tag's loader, which fetches each tag's chunk as
 * the tag appears, and talks to a Node mock clinic on its own origin. The test runner's own page injects inline scripts, so the strict page runs in an iframe
 * and this test drives it from outside, as a user would: clicks, keys, the network going away.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { exerciseEveryFlow } from './support/every-flow.js';
import { untilText } from './support/dom.js';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  line: number;
  disposition: string;
}
type StrictWindow = Window & typeof globalThis & { cspViolations: Violation[] };

const PAGE = '/__vc-security/csp/page.html';
const API = '/__vc-security/api';

async function control(action: string, query = ''): Promise<void> {
  const response = await fetch(`/__vc-security/control/${action}${query}`, { method: 'POST' });
  if (!response.ok) throw new Error(`control ${action} failed`);
}

async function openStrictPage(): Promise<{ frame: HTMLIFrameElement; win: StrictWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.title = 'strict CSP page';
  frame.style.width = '1000px';
  frame.style.height = '800px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = PAGE;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as StrictWindow;
  // The script tag's loader ran: it registers each tag as the tag appears (issue 15.2).
  const claims = (win as unknown as Record<symbol, Map<string, object> | undefined>)[Symbol.for('virtual-clinic.claimed-tags')];
  expect(claims?.has('vc-clinic'), 'the loader claimed the vc- tags').to.equal(true);
  return { frame, win, doc: frame.contentDocument! };
}

describe('strict Content-Security-Policy and Trusted Types', () => {
  let frame: HTMLIFrameElement;
  let win: StrictWindow;
  let doc: Document;

  beforeEach(async () => {
    await control('reset');
    ({ frame, win, doc } = await openStrictPage());
  });
  afterEach(() => {
    for (const clinic of doc.querySelectorAll('vc-clinic')) clinic.remove();
    frame.remove();
  });

  /** A <vc-clinic> on the strict page, signed in with `token`, holding `tags`. */
  function mountClinic(token: string, tags: string[], attributes: Record<string, string> = {}): HTMLElement {
    const clinic = doc.createElement('vc-clinic');
    clinic.setAttribute('base-url', API);
    for (const [name, value] of Object.entries(attributes)) clinic.setAttribute(name, value);
    (clinic as HTMLElement & { token: string }).token = token;
    for (const tag of tags) clinic.append(doc.createElement(tag));
    doc.body.append(clinic);
    return clinic;
  }

  it('the policy is enforced and every violation is seen (the detector can fail)', async () => {
    const before = win.cspViolations.length;
    // The iframe's TypeError is another realm's class: match the message, not the constructor.
    expect(() => {
      doc.body.innerHTML = '<b>injected</b>';
    }).to.throw(/TrustedHTML/);
    expect(() => win.eval('1')).to.throw();
    const style = doc.createElement('style');
    style.textContent = 'body { color: red; }';
    doc.head.append(style);
    const inline = doc.createElement('div');
    inline.setAttribute('style', 'color: red');
    doc.body.append(inline);
    await waitUntil(() => win.cspViolations.length >= before + 4, 'four violations reported');
    const directives = win.cspViolations.map((v) => v.directive);
    // eval is refused by Trusted Types first (it would need a TrustedScript), so it reports that directive.
    expect(directives.filter((d) => d === 'require-trusted-types-for')).to.have.length(2);
    expect(directives).to.include.members(['style-src-elem', 'style-src-attr']);
    expect(win.cspViolations.every((v) => v.disposition === 'enforce')).to.equal(true);
    expect(doc.body.querySelector('b')).to.equal(null);
  });

  it('every tag, in every state, raises no violation', async function () {
    this.timeout(40_000);
    const states = await exerciseEveryFlow({
      doc,
      win,
      cast: {
        tokens: { desk: 'demo-frontdesk', okafor: 'demo-okafor', nurseCart: 'demo-nursecart' },
        names: { okafor: 'Dr. Amara Okafor', desk: 'Riverside Front Desk' },
        note: 'Please try Dr. Lindqvist.',
      },
      mount: mountClinic,
      mountRefused: (tags) => mountClinic('not-a-token', tags),
      faults: {
        failNextCommand: (status) => control('fail-next', `?status=${status}`),
        dropStreams: () => control('drop-streams'),
        blockStreams: (on) => control('block-streams', `?on=${on ? 1 : 0}`),
      },
    });
    expect(states).to.have.length(20);
    expect(win.cspViolations).to.deep.equal([]);
  });

  it('a page with only <vc-provider-list> fetches no call, camera, queue or alerts code (issue 15)', async () => {
    const clinic = mountClinic('demo-frontdesk', ['vc-provider-list']);
    await untilText(clinic, 'Dr. Amara Okafor', 'the providers never showed');
    const manifest = (await (await fetch('/__vc-security/csp/manifest.json')).json()) as Record<string, string[]>;
    const fetched = win.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/__vc-security/csp/') && path.endsWith('.js'))
      .map((path) => path.slice('/__vc-security/csp/'.length));
    expect(fetched).to.include('virtual-clinic.js');
    const modules = fetched.flatMap((file) => manifest[file] ?? []);
    expect(modules).to.include('src/elements/provider-list/provider-list.ts');
    const unwanted = /^src\/(meeting|media|alerts)\/|^src\/elements\/(request-queue|alerts|waiting-room|availability-toggle|provider-dashboard)\/|^src\/elements\/internal\/device-check\.ts$/;
    expect(modules.filter((module) => unwanted.test(module))).to.deep.equal([]);
    expect(win.cspViolations).to.deep.equal([]);
  });

  it('the shipped code builds nothing from strings: no eval, new Function or string timers', async () => {
    const scan = (await (await fetch('/__vc-security/bundle-scan')).json()) as {
      files: { name: string; bytes: number }[];
      findings: { file: string; what: string; near: string }[];
      probeFindings: number;
      patterns: number;
    };
    expect(scan.probeFindings).to.equal(scan.patterns, 'each pattern finds its sample');
    expect(scan.files[0]!.bytes).to.be.greaterThan(20_000, 'the bundle holds the SDK and its dependencies');
    expect(scan.findings).to.deep.equal([]);
  });
});
