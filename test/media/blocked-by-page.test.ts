/**
 * Issue 16 case 9: the SDK inside an <iframe> that does not allow the camera and microphone. The
 * browser refuses them as if the patient had, but no setting of the patient's can lift the block:
 * the waiting room says that this page does not allow them (not "use the address-bar icon"), offers
 * no useless Try Again, and tells the host's developer what the iframe lacks (one console warning,
 * one typed event). The frame here is real: Chromium applies its `allow` policy.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { windowMediaLayer } from '../../src/media/media-layer.js';
import type { VcWaitingRoom } from '../../src/elements/waiting-room/waiting-room.js';
import { acceptedSession, closeAll, createBackend, TOKENS, type Backend } from '../support/fixtures.js';
import { text } from '../support/harness.js';
import { mountInClinic, shadow } from '../support/mount.js';

describe('camera and microphone in a frame that does not allow them (issue 16 case 9)', () => {
  let backend: Backend;
  let frame: HTMLIFrameElement;
  const warnings: string[] = [];
  const realWarn = console.warn;

  beforeEach(async () => {
    backend = createBackend();
    frame = document.createElement('iframe');
    frame.setAttribute('allow', "camera 'none'; microphone 'none'");
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = '/test/media/blank.html';
    document.body.append(frame);
    await loaded;
    warnings.length = 0;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });

  afterEach(() => {
    console.warn = realWarn;
    frame.remove();
    closeAll();
  });

  it('the browser refuses the frame as if the user had (the case as it is)', async () => {
    const view = frame.contentWindow!;
    const refused = await view.navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then(
      () => 'allowed',
      (error: Error) => error.name,
    );
    expect(refused).to.equal('NotAllowedError');
    expect(windowMediaLayer(view).allows!('camera')).to.equal(false);
    expect(windowMediaLayer(window).allows!('camera')).to.equal(true, 'the test page itself allows the camera');
  });

  it('the waiting room says the page does not allow them, offers no Try Again, and tells the developer once', async () => {
    const { desk, sessionId } = await acceptedSession(backend);
    await desk.enterSession(sessionId);
    const layer = windowMediaLayer(frame.contentWindow!);
    const blocked: CustomEvent[] = [];
    const record = (event: Event) => blocked.push(event as CustomEvent);
    document.addEventListener('vc-media-blocked-by-page', record);
    try {
      const { el } = await mountInClinic<VcWaitingRoom>(backend, TOKENS.frontDesk, html`<vc-waiting-room .mediaLayer=${layer}></vc-waiting-room>`);
      const messages = () => shadow(el).querySelector('[part="media-messages"]');
      await waitUntil(() => text(messages()) !== '', 'no message about the camera and microphone');
      expect(text(messages())).to.equal(
        'This page does not allow your camera and microphone to be used: the website that shows it has not allowed it, and no setting of yours can change that. Please tell the clinic.',
      );
      expect(text(messages())).to.not.contain('address bar');
      expect(shadow(el).querySelector('[part="retry-button"]'), 'no Try Again: trying cannot help').to.equal(null);
      expect(text(shadow(el).querySelector('[part="media-stay"]'))).to.equal('You can stay in the waiting room without them: your provider still knows that you are here.');
      await waitUntil(() => blocked.length === 1, 'no vc-media-blocked-by-page event');
      expect(blocked[0]!.detail).to.deep.equal({ features: ['camera', 'microphone'], allow: 'allow="camera; microphone"' });
      expect(warnings.filter((w) => w.includes('permissions policy'))).to.have.length(1);
      expect(warnings[0]).to.contain('allow="camera; microphone"');
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('vc-media-blocked-by-page', record);
    }
  });
});
