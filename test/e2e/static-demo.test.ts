/** The static build of the demo (`npm run build` → dist/demo/) works from a plain file server. */
import { expect, waitUntil } from '@open-wc/testing';
import { chooseOption, clickButton, findButton, findItem, seeText } from '../support/deep-query.js';
import { closeDemos, openDemo, pane } from '../support/demo-frame.js';

async function requestAndAccept(doc: Document): Promise<void> {
  const requester = await pane(doc, 'Requester: Riverside Front Desk');
  const lindqvist = await pane(doc, 'Provider: Dr. Erik Lindqvist');
  await waitUntil(() => findItem(requester, 'li', 'Dr. Erik Lindqvist', 'Request Session Now'), 'no provider item', { timeout: 5000 });
  const item = findItem(requester, 'li', 'Dr. Erik Lindqvist', 'Request Session Now')!;
  chooseOption(item, 'Behavioral Health');
  findButton(item, 'Request Session Now')!.click();
  await seeText(lindqvist, '(Behavioral Health)');
  await clickButton(lindqvist, 'Accept');
  await seeText(requester, 'Session with Dr. Erik Lindqvist');
}

describe('the static demo build', function () {
  this.timeout(30_000);
  afterEach(closeDemos);

  it('runs the flow with the mock backend in the browser', async () => {
    const doc = await openDemo('', '/static-demo/index.html');
    expect(doc.querySelector('script[type="module"]')?.getAttribute('src')).to.equal('./demo.js');
    await requestAndAccept(doc);
  });

  // Issue 16.12: served with the README's policy plus `trusted-types … vc-demo` (see
  // web-test-runner.config.mjs), the demo starts its service worker through that policy only.
  it('runs the flow under the strict CSP with Trusted Types, with no violation', async () => {
    const violations: string[] = [];
    const seen = new WeakSet<Document>();
    // Listen on each document the frame gets, before its module script (deferred) runs.
    const watch = setInterval(() => {
      const frameDoc = document.querySelector<HTMLIFrameElement>('iframe[title="demo"]')?.contentDocument;
      if (!frameDoc || seen.has(frameDoc)) return;
      seen.add(frameDoc);
      frameDoc.addEventListener('securitypolicyviolation', (event) => {
        violations.push(`${event.effectiveDirective}: ${event.blockedURI} ${event.sample}`);
      });
    }, 0);
    try {
      const doc = await openDemo('', '/static-demo-csp/index.html');
      const response = await fetch('/static-demo-csp/index.html');
      expect(response.headers.get('content-security-policy')).to.equal(
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html vc-demo",
      );
      await requestAndAccept(doc);
      // The policy holds in the page: a string may not reach a script sink.
      expect(() => {
        (doc.createElement('script') as HTMLScriptElement).src = 'x.js';
      }).to.throw(/TrustedScriptURL/);
      // The probe above is the one violation expected: it shows the detector sees them.
      await waitUntil(() => violations.length > 0, 'the probe violation was not seen');
      expect(violations).to.have.length(1);
      expect(violations[0]).to.match(/^require-trusted-types-for/);
    } finally {
      clearInterval(watch);
    }
  });
});
