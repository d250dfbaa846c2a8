/**
 * Issue 17.5: names cannot impersonate. Provider names that look like "Dr. Amara Okafor" through
 * zero-width characters, bidi isolates or embeddings; "Dr. A\u202Eevil" that an override turns into
 * "Dr. Alive"; a requester whose unterminated right-to-left override would reverse the service and
 * the SDK's sentence after it; a decline note with an override. Each is rendered by every tag next to
 * the SDK's own text (items, live regions, labels), and the test checks that a reader can tell them
 * apart and that no direction control escapes its isolation.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import type { Seed } from '../../mock-server/seed.js';
import type { Changes } from '../../src/core/model.js';
import '../../src/define.js';
import { BASE_URL, connect, type Backend } from '../support/fixtures.js';
import { settled } from '../support/mount.js';
import { deepElements, deepText } from './support/dom.js';

const REAL = 'Dr. Amara Okafor';
const LOOKALIKES = {
  'prov-zwsp': 'Dr. Amara\u200B Okafor',
  'prov-zwj': 'Dr.\u200D Amara Okafor',
  'prov-isolated': '\u2068Dr. Amara Okafor\u2069',
  'prov-embedded': '\u202ADr. Amara Okafor\u202C',
};
const EVIL = 'Dr. A\u202Eevil';
const REQUESTER = 'Nurse Cart \u202E7 \u0645\u0631\u062D\u0628\u0627';
const REQUESTER_SHOWN = 'Nurse Cart \uFFFD7 \u0645\u0631\u062D\u0628\u0627';
const NOTE = 'Call \u202Eback later';
const SERVICE = 'General Consult';

/** Characters that change direction or hide: none may reach the page outside an FSI … PDI pair. */
const CONTROLS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

function seed(): Seed {
  return {
    accounts: [{ id: 'acct-x', name: 'Spoof Clinic', services: [{ id: 'svc-general', name: SERVICE }, { id: 'svc-other', name: 'Other' }], notesEnabled: true, requestTimeoutSeconds: 3600 }],
    users: [
      { id: 'req-spoof', name: REQUESTER, role: 'requester', accountId: 'acct-x' },
      { id: 'prov-real', name: REAL, role: 'provider', accountId: 'acct-x', specialty: 'Family Medicine', available: true },
      ...Object.entries(LOOKALIKES).map(([id, name]) => ({ id, name, role: 'provider' as const, accountId: 'acct-x', specialty: 'Family Medicine', available: true })),
      { id: 'prov-evil', name: EVIL, role: 'provider', accountId: 'acct-x', specialty: 'Surgery', available: true },
    ],
    tokens: { 't-req': 'req-spoof', 't-real': 'prov-real', 't-evil': 'prov-evil', 't-zwsp': 'prov-zwsp' },
  };
}

async function command(backend: Backend, token: string, path: string, body: unknown = {}): Promise<Changes> {
  const response = await backend.handle(
    new Request(`${BASE_URL}/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(body),
    }),
  );
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}`);
  return (await response.json()) as Changes;
}

/** Every piece of text a user or a screen reader gets: text nodes and naming attributes, through shadow roots. */
function spokenPieces(root: Element): Array<{ text: string; where: Node }> {
  const pieces: Array<{ text: string; where: Node }> = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE && node.textContent) pieces.push({ text: node.textContent, where: node });
    if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      if (element.localName === 'style') return;
      for (const name of ['aria-label', 'title', 'alt', 'placeholder', 'aria-description']) {
        const value = element.getAttribute(name);
        if (value) pieces.push({ text: value, where: element });
      }
      if (element.shadowRoot) visit(element.shadowRoot);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return pieces;
}

/** The text with every balanced FSI … PDI pair's content kept but the pair itself taken out. */
function outsideIsolates(text: string): string {
  return text.replace(/\u2068[^\u2066-\u2069]*\u2069/gu, (isolated) => isolated.slice(1, -1));
}

describe('names cannot impersonate (issue 17.5)', function () {
  this.timeout(20_000);
  let backend: Backend;
  const clinics: Array<{ destroy(): void }> = [];

  async function view(token: string, content: TemplateResult): Promise<Element> {
    const clinic = connect(backend, token);
    clinics.push(clinic);
    const root = await fixture(html`<vc-clinic .clinic=${clinic}>${content}</vc-clinic>`);
    await clinic.start();
    for (const child of root.children) await settled(child);
    return root;
  }

  beforeEach(async () => {
    backend = createClinicBackend({ seed: seed(), heartbeatMs: 60_000 });
    const declined = await command(backend, 't-req', 'requests', { providerId: 'prov-evil', serviceId: 'svc-general' });
    await command(backend, 't-evil', `requests/${declined.requests[0]!.id}/decline`, { note: NOTE });
    const accepted = await command(backend, 't-req', 'requests', { providerId: 'prov-zwsp', serviceId: 'svc-general' });
    await command(backend, 't-zwsp', `requests/${accepted.requests[0]!.id}/accept`, { enter: false });
    await command(backend, 't-req', 'requests', { providerId: 'prov-real', serviceId: 'svc-general' });
  });

  afterEach(() => {
    for (const clinic of clinics.splice(0)) clinic.destroy();
    backend.close();
  });

  it('every look-alike of "Dr. Amara Okafor" reads differently from the real one and from each other', async () => {
    const requester = await view('t-req', html`<vc-provider-list filter-threshold="0"></vc-provider-list>`);
    const shown = (id: string) => {
      const item = [...deepElements(requester)].find((element) => element.getAttribute('data-provider-id') === id)!;
      return [...deepElements(item)].find((element) => element.matches('[part~="name"]'))!.textContent!;
    };
    expect(shown('prov-real')).to.equal(REAL);
    const lookalikes = Object.keys(LOOKALIKES).map(shown);
    for (const text of lookalikes) expect(text, JSON.stringify(text)).not.to.equal(REAL);
    // What a reader sees holds no invisible character: they are shown (as "�"), not hidden.
    for (const text of lookalikes) expect(CONTROLS.test(text), JSON.stringify(text)).to.equal(false);
    expect(shown('prov-evil')).to.equal('Dr. A\uFFFDevil');
  });

  it('no direction control or invisible character escapes its isolation, in any tag, text, label or live region', async () => {
    const requester = await view(
      't-req',
      html`<vc-decline-notices></vc-decline-notices><vc-provider-list></vc-provider-list><vc-session-list></vc-session-list>`,
    );
    const provider = await view('t-real', html`<vc-request-queue></vc-request-queue><vc-session-list></vc-session-list>`);
    const sessionsOfZwsp = await view('t-zwsp', html`<vc-session-list></vc-session-list>`);
    // A request arriving while the queue is on screen is announced: the announcement is checked too.
    await command(backend, 't-req', 'requests', { providerId: 'prov-real', serviceId: 'svc-other' }).catch(() => undefined);
    await waitUntil(() => deepText(provider).includes('Nurse Cart'), 'the queue shows the request');
    for (const root of [requester, provider, sessionsOfZwsp]) {
      for (const { text, where } of spokenPieces(root)) {
        expect(CONTROLS.test(outsideIsolates(text)), `${JSON.stringify(text)} in <${(where as Element).localName ?? where.parentElement?.localName}>`).to.equal(false);
      }
    }
    // The names are there, isolated on screen: in a <bdi>, or an element of their own with dir="auto".
    const bdiText = (root: Element) => [...deepElements(root)].filter((e) => e.matches('bdi, [dir="auto"]')).map((e) => e.textContent);
    expect(bdiText(requester)).to.include.members(['Dr. A\uFFFDevil', REAL, 'Call \uFFFDback later']);
    // In a sentence, a right-to-left name is set in a <bdi> of its own.
    expect(bdiText(provider)).to.include(REQUESTER_SHOWN);
    expect(bdiText(sessionsOfZwsp)).to.include(REQUESTER_SHOWN);
    // In a sentence, a name with right-to-left letters is in a <bdi> of its own ("Session with …").
    expect([...deepElements(sessionsOfZwsp)].filter((e) => e.localName === 'bdi').map((e) => e.textContent)).to.include(REQUESTER_SHOWN);
  });

  it("a right-to-left name does not reverse the SDK's words after it", async () => {
    const provider = await view('t-real', html`<vc-request-queue></vc-request-queue>`);
    await waitUntil(() => [...deepElements(provider)].some((element) => element.matches('[part~="service"]')), 'the queue shows the service');
    const service = [...deepElements(provider)].find((element) => element.matches('[part~="service"]'))!;
    const requester = [...deepElements(provider)].find((element) => element.matches('[part~="requester"]'))!;
    /** Where on screen the character `char` of `element`'s text is (its left edge). */
    const leftOf = (element: Element, char: string) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const index = node.textContent!.indexOf(char);
        if (index < 0) continue;
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        return range.getBoundingClientRect().left;
      }
      throw new Error(`no "${char}" in ${element.textContent}`);
    };
    // "(General Consult)" reads left to right, after the requester's name.
    expect(leftOf(service, '(')).to.be.lessThan(leftOf(service, 'G'));
    expect(leftOf(service, 'G')).to.be.lessThan(leftOf(service, ')'));
    expect(leftOf(requester, 'N')).to.be.lessThan(leftOf(service, '('));
  });
});
