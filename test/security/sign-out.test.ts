/**
 * Issue 17.2: nothing of one user stays for the next. On one page, a requester's and a provider's
 * dashboard are used by a first pair of users whose every name, service and note is a unique
 * marker: a decline with a note is announced, a service is chosen, a new request is announced, a
 * decline note is typed. Both sign out (idle) and a second pair signs in on the same tags. Then the
 * whole DOM — text, hidden live regions, attributes, form values, every shadow root — and the
 * browser's accessibility tree are searched for the first users' markers.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { SEED, type Seed } from '../../mock-server/seed.js';
import type { Clinic } from '../../src/core/clinic.js';
import '../../src/define.js';
import { connect, createBackend, open, type Backend } from '../support/fixtures.js';
import { deepElements, findButton } from '../support/deep-query.js';
import { settled } from '../support/mount.js';
import { deepMarkup, deepText } from './support/dom.js';

const run = Math.random().toString(36).slice(2, 8);
const marker = (what: string) => `MARKER-${what}-${run}`;
const NOTE = marker('NOTE');
const DRAFT = marker('DRAFT');
/** Riverside, the first users' account, with every name a marker; the second users are of other accounts. */
function markedSeed(): Seed {
  return {
    ...SEED,
    accounts: SEED.accounts.map((account) =>
      account.id === 'acct-riverside'
        ? { ...account, name: marker('ACCOUNT'), services: account.services.map((s) => ({ ...s, name: marker(`SERVICE-${s.id}`) })) }
        : account,
    ),
    users: SEED.users.map((user) => (user.accountId === 'acct-riverside' ? { ...user, name: marker(`NAME-${user.id}`) } : user)),
  };
}
const MARKER_PATTERN = new RegExp(`MARKER-[A-Za-z-]*${run}`, 'g');

/** Every value a form field holds (not in the DOM as text or attribute). */
function formValues(root: Element): string {
  return [...deepElements(root)]
    .map((element) => {
      if (element.localName === 'select') return [...(element as HTMLSelectElement).selectedOptions].map((o) => o.text).join(' ');
      if (element.localName === 'textarea' || element.localName === 'input') return (element as HTMLInputElement).value;
      return '';
    })
    .join('\n');
}

describe('sign-out leaves nothing of the user for the next (issue 17.2)', function () {
  this.timeout(40_000);
  let backend: Backend;
  let page: HTMLElement;
  const clinics: Clinic[] = [];

  afterEach(() => {
    for (const clinic of clinics.splice(0)) clinic.destroy();
    page?.remove();
    backend?.close();
  });

  function mount(tokens: { value: string }, tag: string): { root: HTMLElement; clinic: Clinic } {
    const clinic = connect(backend, tokens.value, { transport: { getToken: () => tokens.value } });
    clinics.push(clinic);
    const root = document.createElement('vc-clinic') as HTMLElement & { clinic: Clinic };
    root.clinic = clinic;
    root.append(document.createElement(tag));
    page.append(root);
    void clinic.start();
    return { root, clinic };
  }

  it('after signOut() and the next sign-in, no marker is in the DOM, a live region, a field or the accessibility tree', async () => {
    backend = createBackend({ seed: markedSeed() });
    page = document.createElement('div');
    document.body.append(page);
    const requesterToken = { value: 'demo-frontdesk' };
    const providerToken = { value: 'demo-okafor' };
    const requester = mount(requesterToken, 'vc-requester-dashboard');
    const provider = mount(providerToken, 'vc-provider-dashboard');
    await waitUntil(() => findButton(requester.root, 'Request Session Now') && deepText(provider.root).includes('No one is waiting.'), 'both dashboards', { timeout: 10_000 });

    // The requester chooses a service for Dr. Lindqvist and asks; Dr. Lindqvist declines with a note.
    const lindqvistItem = [...deepElements(requester.root)].find((e) => e.getAttribute('data-provider-id') === 'prov-lindqvist')!;
    const select = [...deepElements(lindqvistItem)].find((e) => e.localName === 'select') as HTMLSelectElement;
    select.value = 'svc-behavioral';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const lindqvist = await open(backend, 'demo-lindqvist');
    const declined = await requester.clinic.requestSession('prov-lindqvist', 'svc-behavioral');
    if (!declined.ok) throw declined.error;
    await lindqvist.declineRequest(declined.changes.requests[0]!.id, NOTE);
    await waitUntil(() => deepText(requester.root).includes(NOTE), 'the note on screen');
    // A choice left in Dr. Okafor's row, not sent.
    const okaforItem = [...deepElements(requester.root)].find((e) => e.getAttribute('data-provider-id') === 'prov-okafor')!;
    const okaforSelect = [...deepElements(okaforItem)].find((e) => e.localName === 'select') as HTMLSelectElement;
    okaforSelect.value = 'svc-urgent';
    okaforSelect.dispatchEvent(new Event('change', { bubbles: true }));

    // A request reaches Dr. Okafor's queue (announced), who starts a decline note.
    const other = await open(backend, 'demo-frontdesk');
    await other.requestSession('prov-okafor', 'svc-behavioral');
    await waitUntil(() => findButton(provider.root, 'Decline'), 'the request in the queue');
    findButton(provider.root, 'Decline')!.click();
    await waitUntil(() => [...deepElements(provider.root)].some((e) => e.localName === 'textarea'), 'the decline form');
    const textarea = [...deepElements(provider.root)].find((e) => e.localName === 'textarea') as HTMLTextAreaElement;
    textarea.value = DRAFT;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    const before = deepText(page) + deepMarkup(page) + formValues(page);
    expect(before.match(MARKER_PATTERN)?.length ?? 0).to.be.greaterThan(5, 'the first users left markers to find');

    // Idle sign-out of both; the next two people sign in on the same tags.
    requester.clinic.signOut('idle');
    provider.clinic.signOut('idle');
    requesterToken.value = 'demo-kiosk';
    providerToken.value = 'demo-reyes';
    requester.clinic.reconnect();
    provider.clinic.reconnect();
    await waitUntil(
      () => requester.clinic.$me.get()?.user.id === 'req-kiosk' && provider.clinic.$me.get()?.user.id === 'prov-reyes',
      'the next users signed in',
      { timeout: 10_000 },
    );
    await waitUntil(() => findButton(provider.root, 'Available for Sessions'), 'the next provider dashboard');
    for (const element of deepElements(page)) if (element.localName.startsWith('vc-')) await settled(element);

    // What the server shows the next users is theirs to see (the mock lists every provider to every
    // requester): only what they were not sent counts as left behind.
    const served = new Set(requester.clinic.$providers.get().map((p) => p.name));
    const leftBehind = (text: string) => [...new Set(text.match(MARKER_PATTERN) ?? [])].filter((m) => !served.has(m));
    expect(leftBehind(deepText(page) + '\n' + deepMarkup(page) + '\n' + formValues(page))).to.deep.equal([], 'no marker anywhere in the page');
    const tree = await executeServerCommand<Array<{ name: string; description: string }>, undefined>('accessibility-tree');
    expect(leftBehind(tree.map((node) => `${node.name} ${node.description}`).join('\n'))).to.deep.equal([], 'no marker in the accessibility tree');
  });
});
