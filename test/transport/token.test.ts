/**
 * Issue 5 §6 and issue 8 §3: a 401 triggers exactly one refresh through the host's callback however
 * many requests were in flight; a failed refresh signs out; the token only ever travels in the
 * Authorization header.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { closeAll, connect, createBackend, TOKENS, type Backend } from '../support/fixtures.js';

describe('tokens', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(closeAll);

  it('many requests fail with 401 at once: one refresh, then they all go through', async () => {
    let token = 'expired-token';
    let refreshes = 0;
    const sent: Request[] = [];
    const desk = connect(backend, TOKENS.frontDesk, {
      sent,
      transport: {
        getToken: () => token,
        refreshToken: async () => {
          refreshes++;
          await new Promise((resolve) => setTimeout(resolve, 20));
          token = TOKENS.frontDesk;
          return token;
        },
      },
    });
    await desk.start();
    const results = await Promise.all([
      desk.requestSession('prov-okafor', 'svc-urgent'),
      desk.requestSession('prov-lindqvist', 'svc-urgent'),
      desk.requestSession('prov-reyes', 'svc-urgent'),
    ]);
    expect(results.map((r) => r.ok)).to.deep.equal([true, true, true]);
    expect(refreshes).to.equal(1);
    expect(desk.$connection.get()).to.equal('connected');
    expect(backend.state().requests).to.have.length(3);
    desk.destroy();
  });

  it('a refresh that fails signs the user out, tells the host, and keeps what was shown', async () => {
    const desk = connect(backend, TOKENS.frontDesk);
    await desk.start();
    desk.destroy();
    let token: string = TOKENS.frontDesk;
    const second = connect(backend, TOKENS.frontDesk, { transport: { getToken: () => token, refreshToken: async () => null } });
    await second.start();
    const signedOut: unknown[] = [];
    second.on('signed-out', (event) => signedOut.push(event));
    token = 'revoked';
    const result = await second.requestSession('prov-okafor', 'svc-urgent');
    expect(result.ok ? null : result.error.message).to.equal('You are signed out. Sign in again to continue.');
    await waitUntil(() => second.$connection.get() === 'signed-out');
    expect(signedOut.length).to.be.greaterThan(0);
    expect(second.$providers.get()).to.have.length(3, 'nothing shown is thrown away');
    second.destroy();
  });

  it('the token travels only in the Authorization header, never in a URL', async () => {
    const sent: Request[] = [];
    const desk = connect(backend, TOKENS.frontDesk, { sent });
    await desk.start();
    await desk.requestSession('prov-okafor', 'svc-urgent');
    expect(sent.length).to.be.greaterThan(2);
    for (const request of sent) {
      expect(request.url).not.to.contain(TOKENS.frontDesk);
      expect(request.headers.get('Authorization')).to.equal(`Bearer ${TOKENS.frontDesk}`);
      expect(request.credentials).to.equal('omit');
    }
    desk.destroy();
  });
});
