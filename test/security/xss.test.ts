/**
 * Issue 8 §2: names, specialties, service names and decline notes from the server are always
 * text. Each payload of the corpus goes through the mock backend into every field a tag displays
 * — provider name and specialty, requester name, service name, decline note, session participant
 * — and the test checks that nothing ran (`__xss`, `alert` & co. never called), that no element was
 * injected (each view has exactly the elements it has with harmless names), that no attribute
 * carries a handler or a `javascript:` URL, and that the text reads exactly as typed.
 */
import { expect, fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import type { Seed } from '../../mock-server/seed.js';
import type { Changes } from '../../src/core/model.js';
import '../../src/define.js';
import { BASE_URL, connect, type Backend } from '../support/fixtures.js';
import { settled } from '../support/mount.js';
import { deepElements } from './support/dom.js';
import { XSS_PAYLOADS } from './xss-payloads.js';
import { visibleText } from '../../src/elements/internal/user-text.js';

const BATCH = 50;

type Hooked = typeof globalThis & { __xss?: (index: number) => void };
const hits: string[] = [];

function seedOf(names: readonly string[]): Seed {
  const K = names.length;
  const at = (k: number) => names[k % K]!;
  return {
    accounts: [
      {
        id: 'acct-x',
        name: at(0),
        services: names.map((name, k) => ({ id: `svc-${k}`, name })),
        notesEnabled: true,
        requestTimeoutSeconds: 3600,
      },
    ],
    users: [
      ...names.map((name, k) => ({ id: `req-${k}`, name, role: 'requester' as const, accountId: 'acct-x' })),
      ...names.map((name, k) => ({ id: `prov-${k}`, name, role: 'provider' as const, accountId: 'acct-x', specialty: at(k + 1), available: true })),
    ],
    tokens: Object.fromEntries(names.flatMap((_, k) => [[`t-req-${k}`, `req-${k}`], [`t-prov-${k}`, `prov-${k}`]])),
  };
}

async function command(backend: Backend, token: string, method: 'POST' | 'PUT', path: string, body: unknown = {}): Promise<Changes> {
  const response = await backend.handle(
    new Request(`${BASE_URL}/${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(body),
    }),
  );
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
  return (await response.json()) as Changes;
}

/**
 * How many elements of each kind a view holds. A `<bdi>` holding only text is left out: the SDK
 * isolates a name in one when it holds right-to-left letters (src/elements/internal/user-text.ts),
 * so a payload written in Arabic or Hebrew adds one where a Latin name does not. A `<bdi>` with
 * elements inside still counts.
 */
function shapeOf(root: Element): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const element of deepElements(root)) {
    if (element.localName === 'bdi' && element.childElementCount === 0) continue;
    counts[element.localName] = (counts[element.localName] ?? 0) + 1;
  }
  return counts;
}

const inShadow = (root: Element, selector: string): Element[] =>
  [...deepElements(root)].filter((element) => element.matches(selector));
const one = (root: Element, selector: string): Element => {
  const found = inShadow(root, selector);
  if (found.length !== 1) throw new Error(`${found.length} elements match ${selector}`);
  return found[0]!;
};
const textOf = (root: Element, selector: string) => one(root, selector).textContent ?? '';
const within = (scope: Element, selector: string) => {
  const found = [...deepElements(scope)].filter((element) => element.matches(selector));
  if (found.length !== 1) throw new Error(`${found.length} elements match ${selector} in <${scope.localName}>`);
  return found[0]!.textContent ?? '';
};

function dangerousAttributesIn(root: Element): string[] {
  const found: string[] = [];
  for (const element of deepElements(root)) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on') || /^\s*(javascript|data|vbscript):/i.test(attribute.value)) {
        found.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
      }
    }
  }
  return found;
}

interface Rendered {
  /** Each view's elements, by tag name and count: what markup the names could have added. */
  shapes: Record<string, Record<string, number>>;
  views: { requester: Element; provider: Element };
  /** Attributes an injection would add: event handlers, script URLs (every view, the queue included). */
  dangerousAttributes: string[];
  ids: { declined: string[]; queued: string[]; sessions: string[]; ownSession: string };
  /** What the provider's queue showed before the requests were accepted (it empties then), by request id. */
  queueShown: Record<string, { requester: string; service: string }>;
  close(): void;
}

/**
 * Seeds a clinic whose every displayed field holds one of `names`, runs the flow that puts them
 * on screen (request, decline with a note, accept, enter), and renders every view.
 */
async function render(names: readonly string[]): Promise<Rendered> {
  const K = names.length;
  const backend = createClinicBackend({ seed: seedOf(names), heartbeatMs: 60_000 });
  const declined: string[] = [''];
  for (let k = 1; k < K; k++) {
    const sent = await command(backend, 't-req-0', 'POST', 'requests', { providerId: `prov-${k}`, serviceId: `svc-${k}` });
    const id = sent.requests[0]!.id;
    declined.push(id);
    await command(backend, `t-prov-${k}`, 'POST', `requests/${id}/decline`, { note: names[k] });
    // Asked again, so that this provider's row shows the pending request, not another service
    // select: one select of K services (prov-0's row), not K of them.
    await command(backend, 't-req-0', 'POST', 'requests', { providerId: `prov-${k}`, serviceId: `svc-${k}` });
  }
  const queued: string[] = [];
  for (let k = 0; k < K; k++) {
    const sent = await command(backend, `t-req-${k}`, 'POST', 'requests', { providerId: 'prov-0', serviceId: `svc-${k}` });
    queued.push(sent.requests[0]!.id);
  }

  const clinics: Array<{ destroy(): void }> = [];
  const viewClinics = new Map<TemplateResult, { destroy(): void }>();
  async function view(token: string, content: TemplateResult): Promise<Element> {
    const clinic = connect(backend, token);
    clinics.push(clinic);
    viewClinics.set(content, clinic);
    const root = await fixture(html`<vc-clinic .clinic=${clinic}>${content}</vc-clinic>`);
    await clinic.start();
    for (const child of root.children) await settled(child);
    return root;
  }

  const queueContent = html`<vc-request-queue></vc-request-queue>`;
  const queue = await view('t-prov-0', queueContent);
  const queueShape = shapeOf(queue);
  const dangerousAttributes = dangerousAttributesIn(queue);
  const queueShown: Rendered['queueShown'] = {};
  for (const item of [...deepElements(queue)].filter((element) => element.matches('li[part~="item"]'))) {
    queueShown[item.id.replace(/^item-/, '')] = { requester: within(item, '[part="requester"]'), service: within(item, '[part="service"]') };
  }
  // Read; now out of the way, so that 50 accepts do not re-render it 50 times.
  viewClinics.get(queueContent)?.destroy();
  queue.remove();
  const sessions: string[] = [];
  for (const id of queued) sessions.push((await command(backend, 't-prov-0', 'POST', `requests/${id}/accept`, { enter: false })).sessions[0]!.id);
  // Not entered: a requester in the waiting room gets the device check, whose shape depends on the
  // machine's cameras, not on the names.
  const ownSession = sessions[0]!;
  const views = {
    requester: await view(
      't-req-0',
      html`<vc-decline-notices></vc-decline-notices><vc-provider-list></vc-provider-list><vc-session-list></vc-session-list
        ><vc-waiting-room session-id=${ownSession}></vc-waiting-room>`,
    ),
    provider: await view('t-prov-0', html`<vc-session-list></vc-session-list><vc-waiting-room session-id=${ownSession}></vc-waiting-room>`),
  };
  // Let anything that would fire later (an image's error, an animation, a focus) fire.
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const root of Object.values(views)) for (const child of root.children) await settled(child);

  const shapes: Rendered['shapes'] = { queue: queueShape };
  for (const [name, root] of Object.entries(views)) {
    shapes[name] = shapeOf(root);
    dangerousAttributes.push(...dangerousAttributesIn(root));
  }
  return {
    shapes,
    views,
    dangerousAttributes,
    ids: { declined, queued, sessions, ownSession },
    queueShown,
    close() {
      for (const clinic of clinics) clinic.destroy();
      backend.close();
    },
  };
}

describe('no injection: a corpus of XSS payloads in every displayed field', () => {
  const saved: Partial<Record<'alert' | 'confirm' | 'prompt' | 'print', unknown>> = {};
  let baseline: Rendered['shapes'];

  before(async function () {
    this.timeout(20_000);
    (globalThis as Hooked).__xss = (index) => hits.push(XSS_PAYLOADS[index] ?? String(index));
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      saved[name] = window[name];
      (window as unknown as Record<string, unknown>)[name] = () => hits.push(`window.${name}()`);
    }
    const harmless = await render(Array.from({ length: BATCH }, (_, k) => `Harmless name ${k}`));
    baseline = harmless.shapes;
    harmless.close();
  });

  after(() => {
    delete (globalThis as Hooked).__xss;
    for (const [name, value] of Object.entries(saved)) (window as unknown as Record<string, unknown>)[name] = value;
  });

  beforeEach(() => {
    hits.length = 0;
  });

  it(`the corpus: ${XSS_PAYLOADS.length} distinct payloads of at most 200 characters, and they do run when parsed as HTML`, async () => {
    expect(XSS_PAYLOADS.length).to.be.greaterThan(300);
    expect(new Set(XSS_PAYLOADS).size).to.equal(XSS_PAYLOADS.length);
    expect(XSS_PAYLOADS.every((p) => p.length <= 200)).to.equal(true);
    // The control: what an unsafe tag would do with them. If this stops firing, the test above it proves nothing.
    const sink = document.createElement('div');
    document.body.append(sink);
    // `src=x` and the like point at data: URLs here, so that the control fires without network noise.
    const offline = (p: string) => p.replaceAll('=`x`', '=data:,').replace(/((?:src|href|data|background)=)(["']?)x\2(?=[\s>/])/gi, '$1$2data:,$2');
    sink.innerHTML = XSS_PAYLOADS.slice(0, 80).map(offline).join('');
    await new Promise((resolve) => setTimeout(resolve, 300));
    sink.remove();
    expect(hits.length).to.be.greaterThan(5);
  });

  for (let from = 0; from < XSS_PAYLOADS.length; from += BATCH) {
    const chunk = XSS_PAYLOADS.slice(from, from + BATCH);
    it(`payloads ${from + 1}–${from + chunk.length}: nothing runs, nothing is injected, the text shows as typed`, async function () {
      this.timeout(60_000);
      // A short last batch is topped up with harmless names, so that every view has the baseline's shape.
      const names = [...chunk, ...Array.from({ length: BATCH - chunk.length }, (_, k) => `Harmless name ${k}`)];
      const rendered = await render(names);
      try {
        expect(hits).to.deep.equal([], 'no payload ran');
        expect(rendered.shapes).to.deep.equal(baseline, 'the views hold the same elements as with harmless names');
        expect(rendered.dangerousAttributes).to.deep.equal([], 'no event handler or script URL in any attribute');
        const { requester, provider } = rendered.views;
        const { declined, queued, sessions, ownSession } = rendered.ids;
        // One walk per view, then look-ups by id (walking thousands of elements per payload is slow).
        const byAttribute = (root: Element, attribute: string) =>
          new Map(inShadow(root, `li[${attribute}]`).map((element) => [element.getAttribute(attribute)!, element]));
        const providerItems = byAttribute(requester, 'data-provider-id');
        const noticeItems = byAttribute(requester, 'data-request-id');
        const sessionItems = byAttribute(provider, 'data-session-id');
        const item = (items: Map<string, Element>, id: string) => {
          const found = items.get(id);
          if (!found) throw new Error(`no item ${id}`);
          return found;
        };
        const options = new Map(inShadow(item(providerItems, 'prov-0'), 'option').map((option) => [option.getAttribute('value'), option.textContent ?? '']));
        names.forEach((typed, k) => {
          // As typed, except that invisible and control characters are shown as "�" (issue 17.5).
          const name = visibleText(typed);
          const shown = (actual: string | undefined, where: string) => expect(actual, `payload ${from + k + 1} as ${where}`).to.equal(name);
          shown(within(item(providerItems, `prov-${k}`), '[part="name"]'), 'provider name');
          shown(within(item(providerItems, `prov-${(k + names.length - 1) % names.length}`), '[part="specialty"]'), 'specialty');
          shown(options.get(`svc-${k}`), 'service option');
          if (k > 0) expect(inShadow(item(providerItems, `prov-${k}`), 'select')).to.have.length(0, 'a pending row');
          const queuedItem = rendered.queueShown[queued[k]!];
          shown(queuedItem?.requester ?? '(not in the queue)', 'requester name in the queue');
          expect(queuedItem?.service).to.equal(`(${name})`);
          const sessionItem = item(sessionItems, sessions[k]!);
          shown(within(sessionItem, '[part="participant"]'), 'session participant');
          shown(within(sessionItem, '[part="service"]'), 'session service');
          if (k === 0) return;
          const notice = item(noticeItems, declined[k]!);
          expect(within(notice, '[part="message"]')).to.contain(name);
          expect(within(notice, '[part="service"]')).to.equal(`(${name})`);
          if (typed.trim()) expect(within(notice, '.note-text'), `payload ${from + k + 1} as decline note`).to.equal(visibleText(typed.trim(), { multiline: true }));
        });
        const first = visibleText(names[0]!);
        expect(textOf(requester, `li[data-session-id="${ownSession}"] [part="participant"]`)).to.equal(first);
        expect(within(one(requester, 'vc-waiting-room'), '[part="title"]')).to.contain(first);
        expect(within(one(requester, 'vc-waiting-room'), '[part="participant"]')).to.equal(first);
        expect(within(one(provider, 'vc-waiting-room'), '[part="participant"]')).to.equal(first);
      } finally {
        rendered.close();
      }
    });
  }
});
