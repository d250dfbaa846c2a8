/**
 * Issue 8 §3 and §4: the bearer token and the patients' data stay where they belong.
 *
 * Every flow of the product (support/every-flow.ts) runs once, through `<vc-clinic base-url>` and
 * the global fetch as on a host's page, against a clinic whose every name, specialty, account,
 * service and note is a unique marker and whose every token is a unique secret. A token refresh, a
 * timed-out command and a refused token run too. Meanwhile every output channel is recorded
 * (support/channels.ts); each test below searches one channel for the secrets or the markers.
 */
import { expect } from '@open-wc/testing';
import { SEED, type Seed } from '../../mock-server/seed.js';
import type { Clinic } from '../../src/core/clinic.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';
import '../../src/define.js';
import { BASE_URL, connect, createBackend, type Backend } from '../support/fixtures.js';
import { deepMarkup, deepText, untilText } from './support/dom.js';
import { persistentPlaces, recordChannels, serialize, type Recording } from './support/channels.js';
import { exerciseEveryFlow } from './support/every-flow.js';

const run = Math.random().toString(36).slice(2, 8);
const secret = (who: string) => `SECRET-TOKEN-${who}-${run}`;
const SECRETS = {
  desk: secret('desk'),
  okafor: secret('okafor'),
  nurseCart: secret('nursecart'),
  lindqvist: secret('lindqvist'),
  kiosk: secret('kiosk'),
  reyes: secret('reyes'),
  refreshed: secret('refreshed'),
  expired: secret('expired'),
  revoked: secret('revoked'),
  timedOut: secret('timedout'),
};
const marker = (what: string) => `MARKER-${what}-${run}`;
const NOTE = marker('NOTE');

/** The demo clinic with every name a marker and every token a secret. */
function markedSeed(): Seed {
  const tokenOf: Record<string, string> = {
    'req-frontdesk': SECRETS.desk,
    'prov-okafor': SECRETS.okafor,
    'req-nursecart': SECRETS.nurseCart,
    'prov-lindqvist': SECRETS.lindqvist,
    'req-kiosk': SECRETS.kiosk,
    'prov-reyes': SECRETS.reyes,
  };
  return {
    accounts: SEED.accounts.map((account) => ({
      ...account,
      name: marker(`ACCOUNT-${account.id}`),
      services: account.services.map((service) => ({ ...service, name: marker(`SERVICE-${service.id}`) })),
    })),
    users: SEED.users.map((user) => ({
      ...user,
      name: marker(`NAME-${user.id}`),
      ...(user.specialty ? { specialty: marker(`SPECIALTY-${user.id}`) } : {}),
    })),
    tokens: {
      ...Object.fromEntries(Object.entries(tokenOf).map(([userId, token]) => [token, userId])),
      [SECRETS.refreshed]: 'prov-lindqvist',
      [SECRETS.timedOut]: 'prov-reyes',
    },
    reach: SEED.reach,
  };
}

const ALL_SECRETS = Object.values(SECRETS);
const ALL_MARKERS = (() => {
  const seed = markedSeed();
  return [
    ...seed.users.map((u) => u.name),
    ...seed.users.flatMap((u) => (u.specialty ? [u.specialty] : [])),
    ...seed.accounts.map((a) => a.name),
    ...seed.accounts.flatMap((a) => a.services.map((s) => s.name)),
    NOTE,
  ];
})();
/** The common part of every marker and every secret, so that a piece of one is found too. */
const found = (haystack: string, needles: readonly string[]) => needles.filter((needle) => haystack.includes(needle));

describe('no leaked tokens or patient data', () => {
  let backend: Backend;
  let recording: Recording & { stop(): void };
  let places: Record<string, string>;
  /** Every error object the SDK produced: failures, sign-outs, the results of actions. */
  const errors: unknown[] = [];
  let states: string[] = [];
  let markup = '';
  let lightAttributes = '';
  let pageText = '';
  const mounted: VcClinic[] = [];
  let container: HTMLDivElement | undefined;

  function watchErrors(clinic: Clinic | undefined): void {
    if (!clinic) return;
    clinic.on('action-failed', (failure) => errors.push(failure));
    clinic.on('signed-out', (event) => errors.push(event));
  }

  before(async function () {
    this.timeout(60_000);
    backend = createBackend({ seed: markedSeed() });
    recording = recordChannels((request) => (request.url.startsWith(`${BASE_URL}/`) ? backend.handle(request) : null));
    try {
      // A plain element appended by hand: open-wc's fixture would wait for a frame, and a test page
      // in a background tab gets none.
      const page = document.createElement('div');
      page.id = 'host-page';
      document.body.append(page);
      container = page;
      const mount = (token: string, tags: string[], attributes: Record<string, string> = {}, options: Partial<VcClinic> = {}) => {
        const clinic = document.createElement('vc-clinic');
        clinic.setAttribute('base-url', BASE_URL);
        for (const [name, value] of Object.entries(attributes)) clinic.setAttribute(name, value);
        // Both ways a host hands over the token: its callback, or the in-memory property.
        if (token === SECRETS.desk) clinic.getToken = () => token;
        else clinic.token = token;
        Object.assign(clinic, options);
        for (const tag of tags) clinic.append(document.createElement(tag));
        page.append(clinic);
        mounted.push(clinic);
        void clinic.updateComplete.then(() => watchErrors(clinic.activeClinic));
        return clinic;
      };
      states = await exerciseEveryFlow({
        doc: document,
        win: window,
        cast: {
          tokens: { desk: SECRETS.desk, okafor: SECRETS.okafor, nurseCart: SECRETS.nurseCart },
          names: { okafor: marker('NAME-prov-okafor'), desk: marker('NAME-req-frontdesk') },
          note: NOTE,
        },
        mount,
        mountRefused: (tags) => mount(SECRETS.revoked, tags),
        faults: {
          failNextCommand: async (status) => backend.faults.failNext(status),
          dropStreams: async () => backend.faults.dropStreams(),
          blockStreams: async (on) => {
            backend.faults.blockStream = on;
          },
        },
      });

      // The host's refresh callback: the first token has expired, a fresh one comes back.
      const refreshed = mount(SECRETS.expired, ['vc-availability-toggle'], {}, { refreshToken: async () => SECRETS.refreshed });
      await untilText(refreshed, 'I Am Available for Sessions');
      refreshed.token = SECRETS.refreshed;
      states.push('token refreshed');

      // A command that times out: the error the host sees must not carry the request it was.
      backend.faults.delayMs = 300;
      const slow = connect(backend, SECRETS.timedOut, { transport: { timeoutMs: 50, fetch: (input, init) => fetch(input, init) } });
      watchErrors(slow);
      const outcome = await slow.setAvailability(true);
      errors.push(outcome);
      backend.faults.delayMs = 0;
      slow.destroy();
      states.push('command timed out');

      for (const clinic of mounted) for (const failure of [clinic.activeClinic?.$lastFailure.get()]) if (failure) errors.push(failure);
      markup = deepMarkup(document.documentElement);
      pageText = deepText(document.documentElement);
      lightAttributes = [...document.querySelectorAll('*')].map((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`).join(' ')).join('\n');
      places = await persistentPlaces();
    } finally {
      recording.stop();
    }
  });

  after(() => {
    for (const clinic of mounted) clinic.activeClinic?.destroy();
    container?.remove();
    backend?.close();
  });

  it('ran every flow, and the channels saw traffic (the search has something to search)', () => {
    expect(states).to.have.length(22);
    expect(recording.requests.length).to.be.greaterThan(30);
    expect(recording.events.filter((e) => e.type.startsWith('vc-')).length).to.be.greaterThan(30);
    expect(errors.length).to.be.greaterThan(3);
    expect(serialize(errors)).to.contain('TimeoutError', 'a timed-out command, whose cause once held the Request and its token');
    expect(pageText).to.contain(marker('NAME-prov-okafor'), 'the markers were on screen');
    // The markers and secrets are findable where they belong: in the Authorization header, on screen.
    expect(recording.requests.some((r) => r.headers.authorization === `Bearer ${SECRETS.desk}`)).to.equal(true);
    expect(recording.events.some((e) => e.type === 'vc-request-declined' && e.detail.includes(NOTE))).to.equal(true);
  });

  describe('the bearer token (§3)', () => {
    it('is sent only in the Authorization header, and only to the configured backend', () => {
      const carrying = recording.requests.filter((r) => found(serialize(r), ALL_SECRETS).length > 0);
      expect(carrying.length).to.be.greaterThan(0);
      for (const request of carrying) {
        expect(request.url.startsWith(`${BASE_URL}/`), request.url).to.equal(true);
        const { authorization, ...otherHeaders } = request.headers;
        expect(authorization).to.match(/^Bearer SECRET-TOKEN-/);
        expect(found(serialize(otherHeaders), ALL_SECRETS)).to.deep.equal([]);
      }
      const elsewhere = recording.requests.filter((r) => !r.url.startsWith(`${BASE_URL}/`));
      expect(found(serialize(elsewhere), ALL_SECRETS)).to.deep.equal([], 'no request to another origin carries it');
    });

    it('never appears in a URL: requests, resources, the page, its history', () => {
      const urls = [...recording.requests.map((r) => r.url), places['resource URLs']!, places['page URL']!, places['history.state']!].join('\n');
      expect(found(urls, ALL_SECRETS)).to.deep.equal([]);
    });

    it('never appears in storage: local, session, cookies, IndexedDB, Cache Storage', () => {
      for (const where of ['localStorage', 'sessionStorage', 'cookies', 'IndexedDB databases', 'Cache Storage']) {
        expect(found(places[where]!, ALL_SECRETS), where).to.deep.equal([]);
      }
    });

    it('never appears in the console', () => {
      expect(found(recording.console.join('\n'), ALL_SECRETS)).to.deep.equal([]);
    });

    it('never appears in an event', () => {
      expect(found(serialize(recording.events), ALL_SECRETS)).to.deep.equal([]);
    });

    it('never appears in an error: message, stack, cause or any field', () => {
      expect(found(serialize([...errors, ...recording.errors]), ALL_SECRETS)).to.deep.equal([]);
    });

    it('never appears in the page: no attribute, no text, shadow roots included; `token` does not reflect', () => {
      expect(found(markup, ALL_SECRETS)).to.deep.equal([]);
      expect(found(pageText, ALL_SECRETS)).to.deep.equal([]);
      for (const clinic of mounted) expect(clinic.hasAttribute('token')).to.equal(false);
    });

    it('never goes to another window or tab', () => {
      expect(found(recording.messages.join('\n'), ALL_SECRETS)).to.deep.equal([]);
    });
  });

  describe('patient data: names, specialties, accounts, services, notes (§4)', () => {
    it('never appears in the console', () => {
      expect(found(recording.console.join('\n'), ALL_MARKERS)).to.deep.equal([]);
    });

    it('never appears in a URL: requests, resources, the page, its history', () => {
      const urls = [...recording.requests.map((r) => r.url), places['resource URLs']!, places['page URL']!, places['history.state']!].join('\n');
      expect(found(urls, ALL_MARKERS)).to.deep.equal([]);
    });

    it('never appears in a request header', () => {
      expect(found(serialize(recording.requests.map((r) => r.headers)), ALL_MARKERS)).to.deep.equal([]);
    });

    // The note is written for the requester: the provider's own vc-request-declined carries it, and
    // so does the requester's (issue 19.8: the requester side fires the same outcome, same detail).
    it('never appears in an event, except the note in vc-request-declined, once on each side', () => {
      const leaking = recording.events.filter((event) => found(event.detail, ALL_MARKERS).length > 0);
      expect(leaking.map((event) => event.type)).to.deep.equal(['vc-request-declined', 'vc-request-declined']);
      for (const event of leaking) expect(found(event.detail, ALL_MARKERS)).to.deep.equal([NOTE]);
    });

    it('never appears in an error: message, stack, cause or any field', () => {
      expect(found(serialize([...errors, ...recording.errors]), ALL_MARKERS)).to.deep.equal([]);
    });

    it('never appears in storage, the page title or the page URL', () => {
      for (const where of ['localStorage', 'sessionStorage', 'cookies', 'IndexedDB databases', 'Cache Storage', 'document.title', 'page URL']) {
        expect(found(places[where]!, ALL_MARKERS), where).to.deep.equal([]);
      }
    });

    it('never appears in an attribute of the host page (outside the tags\' shadow roots)', () => {
      expect(found(lightAttributes, ALL_MARKERS)).to.deep.equal([]);
    });

    it('goes to other tabs only on the SDK\'s own channel for this user, and to no other window', () => {
      const carrying = recording.messages.filter((message) => found(message, ALL_MARKERS).length > 0);
      for (const message of carrying) expect(message).to.match(/^BroadcastChannel\(virtual-clinic:[^)]*:(req|prov)-[\w-]+\): /);
    });
  });
});
