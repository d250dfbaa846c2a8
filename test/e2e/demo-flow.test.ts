/**
 * The demo page walked by its visible labels, as a visitor plays every role of SPEC R1–R10 on one
 * screen (the mock backend runs in the page, through MSW's service worker).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { chooseOption, clickButton, deepElements, deepText, findButton, findItem, seeText } from '../support/deep-query.js';
import { closeDemos, openDemo, pane } from '../support/demo-frame.js';

async function providerItem(requester: HTMLElement, providerName: string): Promise<Element> {
  await waitUntil(() => findItem(requester, 'li', providerName, 'Request Session Now'), `no item for ${providerName}`, { timeout: 5000 });
  return findItem(requester, 'li', providerName, 'Request Session Now')!;
}

async function requestSession(requester: HTMLElement, providerName: string, serviceName?: string): Promise<void> {
  const item = await providerItem(requester, providerName);
  if (serviceName) chooseOption(item, serviceName);
  findButton(item, 'Request Session Now')!.click();
}

describe('the demo, end to end', function () {
  this.timeout(30_000);
  let doc: Document;
  let requester: HTMLElement;
  let okafor: HTMLElement;

  beforeEach(async () => {
    doc = await openDemo();
    requester = await pane(doc, 'Requester: Riverside Front Desk');
    okafor = await pane(doc, 'Provider: Dr. Amara Okafor');
  });
  afterEach(closeDemos);

  it('shows one requester and every provider, each pane with Open in a new tab', async () => {
    for (const name of ['Requester: Riverside Front Desk', 'Provider: Dr. Amara Okafor', 'Provider: Dr. Erik Lindqvist', 'Provider: Dr. Sofia Reyes']) {
      const region = await pane(doc, name);
      const link = [...region.querySelectorAll('a')].find((a) => a.textContent === 'Open in a new tab');
      expect(link?.getAttribute('href'), name).to.match(/^\?as=/);
    }
  });

  it('request with a service → Accept → Enter Waiting Room → In Waiting Room → Enter Meeting', async () => {
    await requestSession(requester, 'Dr. Amara Okafor', 'Urgent Care');
    await seeText(requester, 'Request pending');
    await seeText(okafor, 'Riverside Front Desk');
    await seeText(okafor, '(Urgent Care)');
    await clickButton(okafor, 'Accept');
    await clickButton(requester, 'Enter Waiting Room');
    await seeText(requester, 'You are in the waiting room. Dr. Amara Okafor will start the meeting.');
    await seeText(okafor, 'In Waiting Room');
    await clickButton(okafor, 'Enter Meeting');
    await seeText(requester, 'In the meeting with Dr. Amara Okafor.');
    await seeText(okafor, 'In the meeting with Riverside Front Desk.');
  });

  it('Accept and Enter puts the provider in the meeting at once', async () => {
    await requestSession(requester, 'Dr. Amara Okafor', 'Behavioral Health');
    await seeText(okafor, '(Behavioral Health)');
    await clickButton(okafor, 'Accept and Enter');
    await waitUntil(() => findButton(okafor, 'Leave Session'), 'the provider never entered', { timeout: 5000 });
    expect(findButton(okafor, 'Enter Meeting')).to.equal(undefined);
    await clickButton(requester, 'Enter Waiting Room');
    await seeText(requester, 'In the meeting with Dr. Amara Okafor.');
  });

  it('Decline with a note → the note shown → Dismiss', async () => {
    await requestSession(requester, 'Dr. Amara Okafor', 'Urgent Care');
    await seeText(okafor, '(Urgent Care)');
    await clickButton(okafor, 'Decline');
    const findTextarea = () => [...deepElements(okafor)].find((e) => e.localName === 'textarea') as HTMLTextAreaElement | undefined;
    await waitUntil(findTextarea, 'the decline form has no note field', { timeout: 5000 });
    const textarea = findTextarea()!;
    textarea.value = 'Please see the on-call team.';
    textarea.dispatchEvent(new (textarea.ownerDocument.defaultView!.Event)('input', { bubbles: true, composed: true }));
    await clickButton(okafor, 'Send Decline');
    await seeText(requester, 'Dr. Amara Okafor declined your request.');
    await seeText(requester, 'Please see the on-call team.');
    await clickButton(requester, 'Dismiss');
    await waitUntil(() => !findButton(requester, 'Dismiss'), 'the notice stayed after Dismiss', { timeout: 5000 });
    expect(findItem(requester, '[part~="notice"]', 'declined your request')).to.equal(undefined);
  });

  it('an unavailable provider: the request is declined at once and the provider is not alerted', async () => {
    const reyes = await pane(doc, 'Provider: Dr. Sofia Reyes');
    await requestSession(requester, 'Dr. Sofia Reyes', 'Urgent Care');
    await seeText(requester, 'Dr. Sofia Reyes is unavailable for sessions, so your request was declined.');
    expect(deepText(reyes)).to.include('No one is waiting.');
    expect(deepText(reyes)).not.to.include('Riverside Front Desk');
  });

  it('switching to unavailable declines what was pending', async () => {
    await requestSession(requester, 'Dr. Amara Okafor', 'Urgent Care');
    await seeText(okafor, '(Urgent Care)');
    await clickButton(okafor, 'Available for Sessions');
    await seeText(okafor, 'I Am Unavailable for Sessions');
    await seeText(okafor, 'No one is waiting.');
    await seeText(requester, 'Dr. Amara Okafor is unavailable for sessions, so your request was declined.');
  });

  it('cancel a pending request', async () => {
    await requestSession(requester, 'Dr. Erik Lindqvist', 'Behavioral Health');
    const lindqvist = await pane(doc, 'Provider: Dr. Erik Lindqvist');
    await seeText(lindqvist, '(Behavioral Health)');
    await clickButton(requester, 'Cancel Request');
    await seeText(lindqvist, 'No one is waiting.');
    await waitUntil(() => !deepText(requester).includes('Request pending'), 'still pending', { timeout: 5000 });
  });

  it('the event log shows the events a host would hear', async () => {
    await requestSession(requester, 'Dr. Amara Okafor', 'Urgent Care');
    await seeText(doc.getElementById('log')!, 'vc-request-sent');
    expect(deepText(doc.getElementById('log')!)).to.include('vc-request-session');
  });

  it('Reset returns the clinic to its seeded state', async () => {
    await clickButton(okafor, 'Available for Sessions');
    await seeText(doc.getElementById('log')!, 'vc-availability-changed'); // the server took it
    doc.getElementById('reset')!.click();
    await seeText(okafor, 'I Am Available for Sessions');
  });
});

describe('the demo themes', function () {
  this.timeout(30_000);
  afterEach(closeDemos);

  it('the vendor brand reaches the parts of the tags inside the dashboards', async () => {
    const doc = await openDemo();
    const requester = await pane(doc, 'Requester: Riverside Front Desk');
    (doc.querySelector('input[name="theme"][value="brand"]') as HTMLInputElement).click();
    await waitUntil(() => findButton(requester, 'Request Session Now'), 'no request button', { timeout: 5000 });
    const button = findButton(requester, 'Request Session Now')!;
    const style = button.ownerDocument.defaultView!.getComputedStyle(button);
    expect(style.textTransform).to.equal('uppercase');
    expect(style.backgroundColor).to.equal('rgb(0, 102, 94)');
  });
});
