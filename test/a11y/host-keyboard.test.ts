/**
 * Issue 16.8, the keyboard: a host page that owns a "/" shortcut (focus its search box) must not
 * hear the keys typed into the SDK's fields. The provider types "/" and more into the decline note:
 * everything lands in the note, the host's shortcut never fires.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../src/define.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { deepElements, findButton } from '../support/deep-query.js';
import { mountInClinic } from '../support/mount.js';

describe("keys typed into the SDK's fields stay there (issue 16.8)", function () {
  this.timeout(20_000);
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(closeAll);

  it('typing "/" in the decline note does not fire the host\'s "/" shortcut', async () => {
    const shortcuts: string[] = [];
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '/') shortcuts.push(event.type);
    };
    for (const type of ['keydown', 'keypress', 'keyup'] as const) document.addEventListener(type, onKey);
    try {
      const desk = await open(backend, TOKENS.frontDesk);
      await desk.requestSession('prov-okafor', 'svc-urgent');
      const { el } = await mountInClinic<HTMLElement>(backend, TOKENS.okafor, html`<vc-request-queue></vc-request-queue>`);
      await waitUntil(() => findButton(el, 'Decline'), 'the request');
      findButton(el, 'Decline')!.click();
      await waitUntil(() => [...deepElements(el)].some((e) => e.localName === 'textarea'), 'the decline form');
      const note = [...deepElements(el)].find((e) => e.localName === 'textarea') as HTMLTextAreaElement;
      note.focus();
      await sendKeys({ type: 'see /notes' });
      await waitUntil(() => note.value === 'see /notes', `the note holds what was typed (${note.value})`);
      expect(shortcuts).to.deep.equal([]);
    } finally {
      for (const type of ['keydown', 'keypress', 'keyup'] as const) document.removeEventListener(type, onKey);
    }
  });
});
