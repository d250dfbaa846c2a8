/**
 * Issue 20.6, the demo page: at 320 CSS pixels wide it does not scroll sideways (WCAG 1.4.10
 * reflow), and each "Open in a new tab" link's name holds its visible text (2.5.3) and says whose
 * dashboard it opens, so the links differ.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { closeDemos, openDemo } from '../support/demo-frame.js';
import { deepText } from '../support/deep-query.js';

describe('the demo page (issue 20.6)', function () {
  this.timeout(30_000);
  afterEach(closeDemos);

  it('"Open in a new tab" links are named with their visible words and whose dashboard they open', async () => {
    const doc = await openDemo();
    const links = [...doc.querySelectorAll<HTMLAnchorElement>('a[target="_blank"]')];
    expect(links.length).to.be.greaterThan(1);
    const names = links.map((link) => {
      const labelledBy = link.getAttribute('aria-labelledby');
      const name = link.getAttribute('aria-label') ?? (labelledBy ? labelledBy.split(' ').map((id) => doc.getElementById(id)!.textContent!.trim()).join(' ') : link.textContent!.trim());
      expect(name.startsWith(link.textContent!.trim()), `"${name}" starts with "${link.textContent}"`).to.equal(true);
      return name;
    });
    expect(new Set(names).size).to.equal(names.length);
  });

  it('does not scroll sideways at 320 px', async () => {
    const doc = await openDemo();
    const frame = doc.defaultView!.frameElement as HTMLIFrameElement;
    frame.style.width = '320px';
    await waitUntil(() => doc.documentElement.clientWidth <= 320, 'the frame is 320 px wide');
    await waitUntil(() => deepText(doc.body).includes('Request Session Now'), 'the panes show their dashboards', { timeout: 10_000 });
    expect(doc.documentElement.scrollWidth, 'the page is as wide as the window').to.be.at.most(doc.documentElement.clientWidth);
  });
});
