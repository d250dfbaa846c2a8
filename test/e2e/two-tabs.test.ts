/**
 * Two tabs on one backend: each shows one user's dashboard (`?as=`), and each sees the other's
 * actions without a reload — the way two devices play the two roles for real. The same test runs
 * against the Node mock and against the reference server (`npm run server -- --demo` on PGlite,
 * started by web-test-runner.config.mjs), whose own demo page the tabs open (issue 14.7).
 */
import { expect } from '@open-wc/testing';
import { clickButton, deepText, findButton, findItem, seeText } from '../support/deep-query.js';
import { closeDemos, openDemo, pane } from '../support/demo-frame.js';
import { SEED } from '../../mock-server/seed.js';

const BACKENDS = [
  // The mock's demo page, served under a path no MSW worker controls (see web-test-runner.config.mjs).
  { name: 'the Node mock backend', mode: 'node', api: '/e2e-node/api', page: '/shared-demo/index.html', query: '&backend=node', startMs: 0 },
  // The server's own demo page (its config.json names the server); its first start (PGlite,
  // migrations, the page's build) takes a while on a busy machine.
  { name: 'the reference server on PGlite', mode: 'server', api: '/e2e-server/api', page: '/e2e-server/demo/index.html', query: '', startMs: 300_000 },
] as const;

for (const backend of BACKENDS) {
  describe(`two tabs on ${backend.name}`, function () {
    this.timeout(30_000 + backend.startMs);
    afterEach(closeDemos);

    it('the requester tab and the provider tab see each other\'s actions live', async () => {
      const reset = await fetch(`${backend.api}/reset`, { method: 'POST', headers: { Authorization: `Bearer ${SEED.resetToken}` } });
      expect(reset.status).to.equal(200);
      const query = `${backend.query}&api=${backend.api}`;
      const requesterTab = await openDemo(`?as=req-nursecart${query}`, backend.page);
      const providerTab = await openDemo(`?as=prov-lindqvist${query}`, backend.page);
      expect(requesterTab.documentElement.dataset.backend).to.equal(backend.mode);
      const requester = await pane(requesterTab, 'Requester: Lakeside Nurse Cart 3');
      const provider = await pane(providerTab, 'Provider: Dr. Erik Lindqvist');
      expect(deepText(requesterTab.body)).not.to.include('Provider: Dr. Erik Lindqvist');

      // Exactly one service on this account: no choice, it is implied (R2).
      await seeText(requester, 'Dr. Erik Lindqvist');
      const item = findItem(requester, 'li', 'Dr. Erik Lindqvist', 'Request Session Now')!;
      findButton(item, 'Request Session Now')!.click();
      await seeText(provider, 'Lakeside Nurse Cart 3');
      await seeText(provider, '(General Consult)');
      await clickButton(provider, 'Accept');
      await clickButton(requester, 'Enter Waiting Room');
      await seeText(provider, 'In Waiting Room');
      await clickButton(provider, 'Enter Meeting');
      await seeText(requester, 'In the meeting with Dr. Erik Lindqvist.');
    });
  });
}
