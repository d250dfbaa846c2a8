/**
 * Two tabs against the Node mock backend: each shows one user's dashboard (`?as=`), and each sees
 * the other's actions without a reload — the way two devices play the two roles for real.
 */
import { expect } from '@open-wc/testing';
import { clickButton, deepText, findButton, findItem, seeText } from '../support/deep-query.js';
import { closeDemos, openDemo, pane } from '../support/demo-frame.js';
import { SEED } from '../../mock-server/seed.js';

const NODE_BACKEND = '&backend=node&api=/e2e-node/api';
/** The demo page, served under a path no MSW worker controls (see web-test-runner.config.mjs). */
const SHARED_PAGE = '/shared-demo/index.html';

describe('two tabs on the Node mock backend', function () {
  this.timeout(30_000);
  afterEach(closeDemos);

  it('the requester tab and the provider tab see each other\'s actions live', async () => {
    const reset = await fetch('/e2e-node/api/reset', { method: 'POST', headers: { Authorization: `Bearer ${SEED.resetToken}` } });
    expect(reset.status).to.equal(200);
    const requesterTab = await openDemo(`?as=req-nursecart${NODE_BACKEND}`, SHARED_PAGE);
    const providerTab = await openDemo(`?as=prov-lindqvist${NODE_BACKEND}`, SHARED_PAGE);
    expect(requesterTab.documentElement.dataset.backend).to.equal('node');
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
