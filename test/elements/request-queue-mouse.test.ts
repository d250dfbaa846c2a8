/**
 * A real mouse press on Accept of a request that just arrived: the "New" highlight must not end
 * (and shift the layout) between the button going down and coming up, or the click is lost.
 * (Found in the demo: the press focused the button, the badge went away, the row reflowed.)
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import type { VcRequestQueue } from '../../src/elements/request-queue/request-queue.js';
import { closeAll, connect, createBackend, open, TOKENS } from '../support/fixtures.js';
import { settled, shadow } from '../support/mount.js';
import '../../src/define.js';

describe('<vc-request-queue> with a real mouse', () => {
  afterEach(async () => {
    closeAll();
    await resetMouse();
  });

  it('pressing Accept on a highlighted new request accepts it', async () => {
    const backend = createBackend();
    const clinic = connect(backend, TOKENS.okafor);
    // Narrow, as a pane beside others: the badge wraps onto its own line.
    const root = await fixture(html`<div style="width: 240px"><vc-clinic .clinic=${clinic}><vc-request-queue></vc-request-queue></vc-clinic></div>`);
    await clinic.start();
    const queue = root.querySelector('vc-request-queue') as VcRequestQueue;
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-behavioral');
    await waitUntil(() => shadow(queue).querySelector('[part~="new"]'), 'the request never arrived highlighted');
    await settled(queue);
    const accept = shadow(queue).querySelector<HTMLButtonElement>('[part="accept-button"]')!;
    const box = accept.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await waitUntil(() => backend.state().sessions.length === 1, 'the click was lost');
    expect(backend.state().requests[0]?.status).to.equal('accepted');
    clinic.destroy();
  });
});
