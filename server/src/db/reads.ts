/**
 * What one user may see, read in one REPEATABLE READ transaction so that the snapshot's `seq`
 * and its rows belong to the same moment (a client then drops live events up to that seq).
 */
import type { Database } from './database.js';
import { findAccount, type Member } from './directory.js';

type Row = { doc: Record<string, unknown> };

/** The wire Provider from a stored row (the stored doc also keeps the account id). */
export function wireProvider(doc: Record<string, unknown>): Record<string, unknown> {
  const { accountId: _accountId, ...provider } = doc;
  return provider;
}

/** The wire SessionRequest from a stored row. */
export function wireRequest(doc: Record<string, unknown>): Record<string, unknown> {
  const { visibleToProvider: _visible, ...request } = doc;
  return request;
}

export async function readSnapshot(db: Database, member: Member, visibleProviderAccounts: (member: Member) => string[]) {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const seq = await client.query<{ seq: string }>('SELECT seq FROM event_streams WHERE user_id = $1', [member.id]);
    const epoch = await client.query<{ value: string }>("SELECT value FROM clinic_meta WHERE key = 'epoch'");
    const account = await findAccount(client, member.accountId);
    const providers = await client.query<Row>('SELECT doc FROM providers WHERE account_id = ANY($1::text[]) ORDER BY user_id', [visibleProviderAccounts(member)]);
    const requests = await client.query<Row>(
      `SELECT doc FROM requests WHERE requester_id = $1 OR (provider_id = $1 AND visible_to_provider) ORDER BY created_at, id`,
      [member.id],
    );
    const sessions = await client.query<Row>(
      'SELECT s.doc FROM sessions s JOIN participants p ON p.session_id = s.id WHERE p.user_id = $1 ORDER BY s.id',
      [member.id],
    );
    await client.query('COMMIT');
    return {
      seq: Number(seq.rows[0]?.seq ?? 0),
      epoch: epoch.rows[0]?.value ?? 'epoch',
      me: { user: { id: member.id, name: member.name, role: member.role, accountId: member.accountId }, account },
      providers: providers.rows.map((r) => wireProvider(r.doc)),
      requests: requests.rows.map((r) => wireRequest(r.doc)),
      sessions: sessions.rows.map((r) => r.doc),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
