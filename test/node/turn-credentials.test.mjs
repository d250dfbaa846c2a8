// The TURN credential rule (src/rules/turn-credentials.js, issue 18 §3): the scheme coturn's
// use-auth-secret checks, computed here independently with node:crypto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { turnCredentials } from '../../src/rules/turn-credentials.js';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';

const config = { secret: 'north-wing', urls: ['turn:127.0.0.1:3478?transport=udp'], stunUrls: ['stun:127.0.0.1:3478'], ttlSeconds: 600 };
const now = Date.UTC(2026, 10, 30, 5, 0, 0);

test('username is <expiry>:<user id>, credential base64(HMAC-SHA1(secret, username)), expiresAt the same moment', async () => {
  const answer = await turnCredentials(config, 'req-frontdesk', now);
  const expiry = now / 1000 + 600;
  const username = `${expiry}:req-frontdesk`;
  assert.deepEqual(answer, {
    iceServers: [
      { urls: ['stun:127.0.0.1:3478'] },
      { urls: ['turn:127.0.0.1:3478?transport=udp'], username, credential: createHmac('sha1', 'north-wing').update(username).digest('base64') },
    ],
    expiresAt: new Date(expiry * 1000).toISOString(),
  });
});

test('a pure function: the same inputs give the same answer; another user or time another one', async () => {
  assert.deepEqual(await turnCredentials(config, 'u1', now), await turnCredentials(config, 'u1', now));
  assert.notDeepEqual(await turnCredentials(config, 'u1', now), await turnCredentials(config, 'u2', now));
  assert.notDeepEqual(await turnCredentials(config, 'u1', now), await turnCredentials(config, 'u1', now + 1000));
});

test('refuses to sign without a secret', async () => {
  await assert.rejects(() => turnCredentials({ ...config, secret: '' }, 'u1', now), /secret/);
});

test('the mock hands the signed-in participant their own credentials, and an empty list without a TURN server', async () => {
  const backend = createClinicBackend({ now: () => now, turn: config });
  const answer = await (await backend.handle(new Request('http://clinic.test/api/ice-servers', { headers: { Authorization: 'Bearer demo-okafor' } }))).json();
  assert.equal(answer.iceServers[1].username, `${now / 1000 + 600}:prov-okafor`);
  const refused = await backend.handle(new Request('http://clinic.test/api/ice-servers'));
  assert.equal(refused.status, 401);
  backend.close();
  const plain = createClinicBackend({ now: () => now });
  const none = await (await plain.handle(new Request('http://clinic.test/api/ice-servers', { headers: { Authorization: 'Bearer demo-okafor' } }))).json();
  assert.deepEqual(none.iceServers, []);
  plain.close();
});
