// The server's database layer on both engines (issue 14 item 2–3): the migrations apply once,
// and the invariants hold by constraints even when transactions race.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresDatabase, serverModule } from './support.mjs';

const { openPglite, openPostgres } = await serverModule('db/database.ts');
const { migrate } = await serverModule('db/migrate.ts');
const { appendEvents, readEvents, currentSeq } = await serverModule('db/events.ts');
const { writeDirectory, checkDirectory, findAccount, findMember } = await serverModule('db/directory.ts');

const DIRECTORY = {
  accounts: [
    { id: 'acct-a', name: 'Account A', services: [{ id: 'svc-1', name: 'Urgent Care' }], notesEnabled: true, requestTimeoutSeconds: 300 },
    { id: 'acct-b', name: 'Account B', services: [], notesEnabled: false, requestTimeoutSeconds: 60 },
  ],
  users: [
    { id: 'req-1', name: 'Front Desk', role: 'requester', accountId: 'acct-a' },
    { id: 'prov-1', name: 'Dr. One', role: 'provider', accountId: 'acct-a', specialty: 'Family Medicine', available: true },
    { id: 'prov-2', name: 'Dr. Two', role: 'provider', accountId: 'acct-b' },
  ],
};

function requestDoc(id, status, version = 1) {
  return { id, requesterId: 'req-1', providerId: 'prov-1', status, version };
}

async function insertRequest(db, id, status = 'pending') {
  const now = new Date().toISOString();
  await db.pool.query(
    `INSERT INTO requests (id, requester_id, provider_id, status, created_at, expires_at, visible_to_provider, version, doc)
     VALUES ($1, 'req-1', 'prov-1', $2, $3, $3, true, 1, $4)`,
    [id, status, now, JSON.stringify(requestDoc(id, status))],
  );
}

/** Moves a request out of `pending`, as a command's transaction would. */
function answer(db, id, status, version) {
  return db.pool.query('UPDATE requests SET status = $2, version = $3, doc = $4 WHERE id = $1', [id, status, version, JSON.stringify(requestDoc(id, status, version))]);
}

function suite(name, open) {
  // Opening PGlite runs initdb in WebAssembly: over a minute on a busy two-core machine.
  describe(name, { timeout: 600_000 }, () => {
    let db;
    let cleanup = () => {};
    before(async () => {
      ({ db, cleanup } = await open());
    }, { timeout: 600_000 });
    after(async () => {
      await db?.close();
      cleanup();
    });

    test('the migrations apply once: a second start finds nothing to do', async () => {
      const first = await migrate(db);
      assert.deepEqual(first, ['1700000000001_initial', '1700000000002_guards', '1700000000003_reach', '1700000000004_presence', '1700000000005_provider_removed']);
      assert.deepEqual(await migrate(db), []);
    });

    test('the directory imports and reads back; a bad file is refused with every problem named', async () => {
      assert.deepEqual(checkDirectory(DIRECTORY), []);
      await db.transaction((tx) => writeDirectory(tx, DIRECTORY, async () => []));
      assert.deepEqual(await findAccount(db.pool, 'acct-a'), DIRECTORY.accounts[0]);
      assert.deepEqual(await findMember(db.pool, 'prov-2'), { id: 'prov-2', name: 'Dr. Two', role: 'provider', accountId: 'acct-b', active: true });
      const problems = checkDirectory({ accounts: [{ id: '', name: 'x', services: [], notesEnabled: 'yes', requestTimeoutSeconds: 0 }], users: [{ id: 'u', role: 'admin' }] });
      assert.ok(problems.some((p) => p.startsWith('accounts[0].id')));
      assert.ok(problems.some((p) => p.startsWith('accounts[0].notesEnabled')));
      assert.ok(problems.some((p) => p.startsWith('users[0].role')));
    });

    test('one pending request per requester and provider, by a unique index', async () => {
      await insertRequest(db, 'r-pending-1');
      await assert.rejects(insertRequest(db, 'r-pending-2'), { code: '23505' });
      await answer(db, 'r-pending-1', 'cancelled', 2);
      await insertRequest(db, 'r-pending-2');
      await answer(db, 'r-pending-2', 'expired', 2);
    });

    test('one answer per request: a second answer and a stale version are refused', async () => {
      await insertRequest(db, 'r-answer');
      await answer(db, 'r-answer', 'accepted', 2);
      await assert.rejects(answer(db, 'r-answer', 'cancelled', 3), /already accepted/);
      await assert.rejects(db.pool.query("UPDATE requests SET version = 2 WHERE id = 'r-answer'"), /version 2 is not above 2/);
      const { rows } = await db.pool.query("SELECT outcome FROM request_answers WHERE request_id = 'r-answer'");
      assert.deepEqual(rows, [{ outcome: 'accepted' }]);
    });

    test('racing answers to one pending request: exactly one wins', async () => {
      await insertRequest(db, 'r-race');
      const outcomes = ['accepted', 'declined', 'cancelled', 'expired', 'accepted', 'cancelled'];
      const results = await Promise.allSettled(
        outcomes.map((status) =>
          db.transaction(async (tx) => {
            const { rows } = await tx.query("SELECT status, version FROM requests WHERE id = 'r-race' FOR UPDATE");
            if (rows[0].status !== 'pending') return 'refused';
            await tx.query("UPDATE requests SET status = $1, version = version + 1 WHERE id = 'r-race'", [status]);
            return status;
          }),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled' && r.value !== 'refused');
      assert.equal(won.length, 1, JSON.stringify(results));
      const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM request_answers WHERE request_id = 'r-race'");
      assert.equal(rows[0].n, 1);
    });

    test('one use per idempotency key', async () => {
      const insert = () =>
        db.pool.query(
          "INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, expires_at) VALUES ('req-1', 'k-1', 'h', 200, '{}', now() + interval '1 day')",
        );
      await insert();
      await assert.rejects(insert(), { code: '23505' });
    });

    test('each user\'s events are numbered 1, 2, 3 … without gaps, whichever transaction appends', async () => {
      const before = await currentSeq(db.pool, 'req-1');
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db.transaction((tx) =>
            appendEvents(tx, [
              { userId: 'req-1', event: { type: 'signal', n: i } },
              { userId: 'prov-1', event: { type: 'signal', n: i } },
              { userId: 'req-1', event: { type: 'signal', n: i, second: true } },
            ]),
          ),
        ),
      );
      const events = await readEvents(db.pool, 'req-1', before);
      assert.deepEqual(events.map((e) => e.seq), Array.from({ length: 40 }, (_, i) => before + i + 1));
      // Both events of one transaction sit next to each other, in the order given.
      for (let i = 0; i < 40; i += 2) {
        const [a, b] = [JSON.parse(events[i].json), JSON.parse(events[i + 1].json)];
        assert.equal(a.n, b.n);
        assert.equal(b.second, true);
        assert.equal(a.seq, events[i].seq);
      }
      assert.equal(await currentSeq(db.pool, 'req-1'), before + 40);
    });
  });
}

suite('PostgreSQL', async () => {
  const database = await freshPostgresDatabase();
  return { db: await openPostgres(database.url, 10), cleanup: database.stop };
});

suite('PGlite (embedded)', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'vc-pglite-test-'));
  return { db: await openPglite(join(folder, 'data'), 6), cleanup: () => rmSync(folder, { recursive: true, force: true }) };
});
