/**
 * Issue 20.5 and 20.6, read from the browser's accessibility tree (what a screen reader gets):
 * a switch's name does not change with its state and holds no mark ("✓"); the seed's words stay
 * on screen; repeated buttons and fields carry distinct names that begin with their visible text
 * ("Request Session Now with Dr. Amara Okafor"); one Leave Session per dashboard.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../src/define.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { deepElements, deepText, findButton } from '../support/deep-query.js';
import { mountInClinic, settled } from '../support/mount.js';
import { fakeMediaLayer } from '../support/fake-media.js';

interface AxNode {
  role: string;
  name: string;
  checked?: boolean | 'mixed';
  description: string;
}
const tree = () => executeServerCommand<AxNode[], undefined>('accessibility-tree');

describe('names that say what a control is, whatever its state (issue 20.5, 20.6)', function () {
  this.timeout(20_000);
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(closeAll);

  it("the availability switch keeps its name in both states; the seed's words stay visible and never contradict it", async () => {
    const { el } = await mountInClinic<HTMLElement>(backend, TOKENS.okafor, html`<vc-availability-toggle></vc-availability-toggle>`);
    await settled(el);
    const switchNode = async () => (await tree()).find((n) => n.role === 'switch')!;
    const on = await switchNode();
    expect(on.name).to.equal('Available for Sessions');
    expect(on.checked).to.equal(true);
    expect(deepText(el)).to.include('I Am Available for Sessions');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[role="switch"]')!.click();
    await waitUntil(() => deepText(el).includes('I Am Unavailable for Sessions'), 'the seed words for off');
    await waitUntil(async () => (await switchNode()).checked === false, 'the switch is off');
    const off = await switchNode();
    expect(off.name).to.equal(on.name, 'the name does not change with the state');
    expect(off.description).to.include('I Am Unavailable for Sessions');
  });

  it('the sound switch is named "Sound alerts" on and off, with no mark in its name', async () => {
    const { el } = await mountInClinic<HTMLElement>(backend, TOKENS.okafor, html`<vc-alerts></vc-alerts>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="sound-switch"]'));
    const sound = async () => (await tree()).find((n) => n.role === 'switch' && n.name.includes('Sound'))!;
    await waitUntil(async () => Boolean(await sound()), `no sound switch in ${JSON.stringify(await tree())}`);
    const on = await sound();
    expect(on.checked).to.equal(true);
    expect(on.name).to.equal('Sound alerts');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="sound-switch"]')!.click();
    await waitUntil(async () => (await sound()).checked === false);
    expect((await sound()).name).to.equal('Sound alerts');
  });

  it('Request Session Now, Cancel Request and Service are named for their provider, beginning with the visible words', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-lindqvist', 'svc-urgent');
    const { el } = await mountInClinic<HTMLElement>(backend, TOKENS.frontDesk, html`<vc-provider-list></vc-provider-list>`);
    await waitUntil(() => findButton(el, 'Request Session Now') && findButton(el, 'Cancel Request'), 'both kinds of button');
    const nodes = await tree();
    const names = (role: string, start: string) => nodes.filter((n) => n.role === role && n.name.startsWith(start)).map((n) => n.name);
    expect(names('button', 'Request Session Now')).to.have.members(['Request Session Now with Dr. Amara Okafor', 'Request Session Now with Dr. Sofia Reyes']);
    expect(names('button', 'Cancel Request')).to.deep.equal(['Cancel Request to Dr. Erik Lindqvist']);
    const services = names('combobox', 'Service');
    expect(services).to.have.members(['Service Dr. Amara Okafor', 'Service Dr. Sofia Reyes']);
    // Every button's name is unique on the page.
    const buttons = nodes.filter((n) => n.role === 'button').map((n) => n.name);
    expect(new Set(buttons).size).to.equal(buttons.length, buttons.join(' | '));
  });

  it('a dashboard has one Leave Session for the entered session, named for the other participant', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    const okafor = await open(backend, TOKENS.okafor);
    const requested = await desk.requestSession('prov-okafor', 'svc-urgent');
    if (!requested.ok) throw requested.error;
    const accepted = await okafor.acceptRequest(requested.changes.requests[0]!.id);
    if (!accepted.ok) throw accepted.error;
    await desk.enterSession(accepted.changes.sessions[0]!.id);
    const { el } = await mountInClinic<HTMLElement>(
      backend,
      TOKENS.frontDesk,
      html`<vc-requester-dashboard .mediaLayer=${fakeMediaLayer()}></vc-requester-dashboard>`,
    );
    await waitUntil(() => [...deepElements(el)].some((e) => e.matches('[part~="leave-button"]')), 'a Leave Session button');
    await settled(el);
    const nodes = await tree();
    const leaves = nodes.filter((n) => n.role === 'button' && n.name.startsWith('Leave Session'));
    expect(leaves.length, JSON.stringify(nodes.filter((n) => n.role === 'button'))).to.equal(1);
    expect(leaves.map((n) => n.name)).to.deep.equal(['Leave Session with Dr. Amara Okafor']);
  });
});
