/**
 * Issue 16 case 8: the host owns the layout. A host's framework removes and re-inserts our tags
 * (a re-render, a tab switch) or moves them to another container; every tag keeps working
 * afterwards, the provider's alerts included: nothing stops listening, nothing listens twice.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import type { Chime } from '../../src/alerts/chime.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';
import { closeAll, connect, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { requestQueue, text } from '../support/harness.js';
import { settled, shadow } from '../support/mount.js';

describe('tags removed and re-inserted, or moved, by the host (issue 16 case 8)', () => {
  let backend: Backend;
  const title = document.title;
  beforeEach(() => {
    backend = createBackend();
    document.title = 'Station';
  });
  afterEach(() => {
    closeAll();
    document.title = title;
  });

  async function providerStation() {
    let plays = 0;
    const chime: Chime = { play: () => void plays++ };
    const clinic = connect(backend, TOKENS.okafor);
    const root = await fixture<VcClinic>(html`
      <vc-clinic .clinic=${clinic}>
        <section id="left"><vc-alerts .chime=${chime}></vc-alerts><vc-request-queue></vc-request-queue></section>
        <section id="right"><vc-availability-toggle></vc-availability-toggle><vc-connection-status></vc-connection-status></section>
      </vc-clinic>
    `);
    await clinic.start();
    return { root, clinic, plays: () => plays };
  }

  for (const how of ['removed and re-inserted', 'moved to another container'] as const) {
    it(`${how}: the queue shows a new request, the alerts ring once and count it in the title, the switch still works`, async () => {
      const { root, clinic, plays } = await providerStation();
      const left = root.querySelector('#left')!;
      const right = root.querySelector('#right')!;
      const tags = [...root.querySelectorAll('vc-alerts, vc-request-queue, vc-availability-toggle, vc-connection-status')];
      for (const tag of tags) {
        if (how === 'removed and re-inserted') {
          const parent = tag.parentElement!;
          const next = tag.nextSibling;
          tag.remove();
          await settled(tag as HTMLElement);
          parent.insertBefore(tag, next);
        } else (tag.parentElement === left ? right : left).append(tag);
      }
      for (const tag of tags) await settled(tag as HTMLElement);

      const queue = root.querySelector('vc-request-queue')!;
      const toggle = root.querySelector('vc-availability-toggle')!;
      const desk = await open(backend, TOKENS.frontDesk);
      await desk.requestSession('prov-okafor', 'svc-urgent');
      await waitUntil(() => requestQueue(queue).requests().length === 1, 'the queue did not show the new request');
      expect(requestQueue(queue).requests()[0]).to.contain('Front Desk');
      await waitUntil(() => document.title === '(1) Station', `the title did not count it: "${document.title}"`);
      await waitUntil(() => plays() >= 1, 'the alerts did not ring');
      expect(plays()).to.equal(1, 'rang once: no second listener left from before the move');

      const switchButton = () => shadow(toggle).querySelector<HTMLButtonElement>('[part~="switch"]')!;
      expect(switchButton().getAttribute('aria-checked')).to.equal('true');
      switchButton().click();
      await waitUntil(() => clinic.$myProvider.get()?.available === false, 'the availability switch no longer works');
      await settled(toggle);
      expect(switchButton().getAttribute('aria-checked')).to.equal('false');
      expect(text(shadow(root.querySelector('vc-connection-status')!).querySelector('[part="label"]'))).to.not.contain('Loading');
    });
  }
});
