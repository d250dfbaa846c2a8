import { expect } from '@open-wc/testing';
import { en, type MessageKey } from '../../src/i18n/en.js';
import type { MeetingContext } from '../../src/meeting/meeting-adapter.js';
import { UrlMeetingAdapter } from '../../src/meeting/url-meeting-adapter.js';

describe('UrlMeetingAdapter', () => {
  const containers: HTMLElement[] = [];
  afterEach(() => {
    for (const container of containers.splice(0)) container.remove();
  });

  function context(): MeetingContext {
    const container = document.createElement('div');
    document.body.append(container);
    containers.push(container);
    return {
      sessionId: 'session-7',
      requestId: 'request-3',
      role: 'requester',
      selfUserId: 'req-frontdesk',
      peerUserId: 'prov-okafor',
      peerName: 'Dr. Amara Okafor',
      container,
      localStream: null,
      audioOutputId: null,
      signals: { send: async () => true, listen: () => () => {} },
      leave: () => {},
      term: (key: MessageKey, params = {}) => {
        const message = en[key];
        return typeof message === 'function' ? message(params) : message;
      },
      routeAudio: () => {},
    };
  }

  it("shows a link to the host's meeting, built from the session's ids, and removes it at the end", () => {
    const seen: unknown[] = [];
    const adapter = new UrlMeetingAdapter({
      url: (ids) => {
        seen.push(ids);
        return `https://meet.example/rooms/${ids.sessionId}?as=${ids.role}`;
      },
    });
    expect(adapter.usesLocalStream, 'the host product opens the camera itself').to.equal(false);
    const ctx = context();
    const handle = adapter.start(ctx);
    expect(seen).to.deep.equal([{ sessionId: 'session-7', requestId: 'request-3', role: 'requester', selfUserId: 'req-frontdesk', peerUserId: 'prov-okafor' }]);
    const link = ctx.container.querySelector('a')!;
    expect(link.href).to.equal('https://meet.example/rooms/session-7?as=requester');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.textContent).to.equal('Join the Video Meeting with Dr. Amara Okafor');
    expect(ctx.container.textContent).to.contain('(opens in a new tab)');
    handle.end();
    expect(ctx.container.children.length).to.equal(0);
  });

  it('refuses an address that is not http or https', () => {
    const ctx = context();
    new UrlMeetingAdapter({ url: () => 'javascript:alert(1)' }).start(ctx);
    expect(ctx.container.querySelector('a')).to.equal(null);
    expect(ctx.container.textContent).to.equal('The meeting link is not available. Ask your clinic for it.');
  });
});
