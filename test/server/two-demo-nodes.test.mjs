// Two nodes of one PostgreSQL started as `npm run server -- --demo` (the demo's directory and
// tokens), with the admin API: what one node is told reaches the streams of the other (issue 14).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertReachChangeIsHeard, command, freshPostgresDatabase, startServerProcess, streamClient, waitFor } from './support.mjs';

// Issue 14: the demo's reset (POST /api/reset) empties every log and restarts every seq at 0, so
// a stream left open on any node would wait past seqs that no longer come: the reset ends the
// streams of every node (through the same LISTEN/NOTIFY path as live events), not only its own.
const ADMIN_TOKEN = 'demo-nodes-admin-credential-0123456789';
/** Presence's grace period (issue 16.6), short: the test waits for its outcome, never for a time. */
const GRACE = 1000;

describe('two demo nodes on one PostgreSQL', { timeout: 900_000 }, () => {
  let database;
  const nodes = [];
  before(async () => {
    database = await freshPostgresDatabase();
    const env = { DATABASE_URL: database.url, ADMIN_TOKEN, HEARTBEAT_SECONDS: '60', LOG_LEVEL: 'info', PRESENCE_GRACE_MS: String(GRACE) };
    nodes.push(await startServerProcess({ env: { ...env, NODE_ID: 'demo-a' } }));
    nodes.push(await startServerProcess({ env: { ...env, NODE_ID: 'demo-b' } }));
  }, { timeout: 600_000 });
  after(async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    database?.stop();
  });

  test('a reset on one node ends the streams on every node, which start again from the new log', async () => {
    const [a, b] = nodes;
    const onA = streamClient(a.baseUrl, 'demo-okafor');
    const onB = streamClient(b.baseUrl, 'demo-frontdesk');
    await Promise.all([onA.open(), onB.open()]);
    // Some history first, so that the seqs are ahead of the log that the reset starts again.
    const made = await command(a.baseUrl, 'demo-frontdesk', 'POST', '/requests', { providerId: 'prov-okafor', serviceId: 'svc-urgent' });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    await waitFor(() => onB.received.length > 0 && onA.received.length > 0, 'the request on both streams');

    const reset = await fetch(`${a.baseUrl}/reset`, { method: 'POST', headers: { Authorization: 'Bearer demo-reset' } });
    assert.equal(reset.status, 200);
    await waitFor(() => onA.ended && onB.ended, 'both nodes to end their streams');

    // Back on the other node from a fresh snapshot, the requester hears what happens next.
    const again = streamClient(a.baseUrl, 'demo-frontdesk');
    await again.open();
    assert.equal(again.startSeq, 0, 'the log started again');
    const next = await command(b.baseUrl, 'demo-frontdesk', 'POST', '/requests', { providerId: 'prov-okafor', serviceId: 'svc-urgent' });
    assert.equal(next.status, 201, JSON.stringify(next.json));
    await waitFor(() => again.received.some((e) => e.type === 'request' && e.request.id === next.json.requests[0].id), 'the new request on the new stream');
    again.close();
  });

  // Issue 14: a directory rule that reaches further (migration 3's account_reach) is a change like
  // any other: the users of the account hear of each provider that came into sight, on any node.
  test('a reach rule changed on one node: the account\'s users hear of the providers now in sight on the other', async () => {
    const [a, b] = nodes;
    await assertReachChangeIsHeard({ adminUrl: a.url, adminToken: ADMIN_TOKEN, streamBaseUrl: b.baseUrl });
  });

  // Issue 16.6: presence across nodes. The provider's dashboard closes on node A; the requester,
  // on node B, sees them not reachable once the grace period passed, a request is declined at
  // once (not-connected), and a dashboard opened on node B brings them back.
  test('a provider whose last stream closed on one node is not reachable on the other after the grace period, and back with a stream', async () => {
    const [a, b] = nodes;
    const desk = streamClient(b.baseUrl, 'demo-nursecart');
    await desk.open();
    const dashboard = streamClient(a.baseUrl, 'demo-lindqvist');
    await dashboard.open();
    dashboard.close();
    const lindqvist = () => desk.received.filter((e) => e.type === 'provider' && e.provider.id === 'prov-lindqvist').at(-1)?.provider;
    await waitFor(() => lindqvist()?.connected === false, "Dr. Lindqvist shown as not connected on the requester's stream");
    const refused = await command(b.baseUrl, 'demo-nursecart', 'POST', '/requests', { providerId: 'prov-lindqvist', serviceId: null });
    assert.equal(refused.status, 201, JSON.stringify(refused.json));
    assert.deepEqual([refused.json.requests[0].status, refused.json.requests[0].declineReason], ['declined', 'not-connected']);
    const back = streamClient(b.baseUrl, 'demo-lindqvist');
    await back.open();
    await waitFor(() => lindqvist()?.connected === true, 'Dr. Lindqvist back on the requester\'s stream');
    const made = await command(a.baseUrl, 'demo-nursecart', 'POST', '/requests', { providerId: 'prov-lindqvist', serviceId: null });
    assert.equal(made.json.requests[0].status, 'pending', JSON.stringify(made.json));
    assert.equal((await command(a.baseUrl, 'demo-nursecart', 'POST', `/requests/${made.json.requests[0].id}/cancel`)).status, 200);
    back.close();
    desk.close();
  });
});
