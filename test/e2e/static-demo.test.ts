/** The static build of the demo (`npm run build` → dist/demo/) works from a plain file server. */
import { expect, waitUntil } from '@open-wc/testing';
import { chooseOption, clickButton, findButton, findItem, seeText } from '../support/deep-query.js';
import { closeDemos, openDemo, pane } from '../support/demo-frame.js';

describe('the static demo build', function () {
  this.timeout(30_000);
  afterEach(closeDemos);

  it('runs the flow with the mock backend in the browser', async () => {
    const doc = await openDemo('', '/static-demo/index.html');
    expect(doc.querySelector('script[type="module"]')?.getAttribute('src')).to.equal('./demo.js');
    const requester = await pane(doc, 'Requester: Riverside Front Desk');
    const lindqvist = await pane(doc, 'Provider: Dr. Erik Lindqvist');
    await waitUntil(() => findItem(requester, 'li', 'Dr. Erik Lindqvist', 'Request Session Now'), 'no provider item', { timeout: 5000 });
    const item = findItem(requester, 'li', 'Dr. Erik Lindqvist', 'Request Session Now')!;
    chooseOption(item, 'Behavioral Health');
    findButton(item, 'Request Session Now')!.click();
    await seeText(lindqvist, '(Behavioral Health)');
    await clickButton(lindqvist, 'Accept');
    await seeText(requester, 'Session with Dr. Erik Lindqvist');
  });
});
