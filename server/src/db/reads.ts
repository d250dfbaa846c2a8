/**
 * What one user may see, read in one REPEATABLE READ transaction so that the snapshot's `seq`
 * and its rows belong to the same moment (a client then drops live events up to that seq).
 */
import type { Database } from './database.js';
import type { Snapshot } from '@virtual-clinic/sdk/contract';
import { snapshotOf, type ProviderRow, type RequestRow, type SessionRow } from '@virtual-clinic/sdk/rules';
import { findAccount, reachOf, type Member } from './directory.js';

type Row<T> = { doc: T };

/**
 * The user's snapshot, composed by the rules' `snapshotOf` from the candidate rows that the same
 * visibility rules select in SQL (the providers of the own account and of those it reaches, own
 * requests, own sessions).
 */
export async function readSnapshot(db: Database, member: Member): Promise<Snapshot> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const seq = await client.query<{ seq: string }>('SELECT seq FROM event_streams WHERE user_id = $1', [member.id]);
    const epoch = await client.query<{ value: string }>("SELECT value FROM clinic_meta WHERE key = 'epoch'");
    const account = await findAccount(client, member.accountId);
    const reach = await reachOf(client, member.accountId);
    const providers = await client.query<Row<ProviderRow>>(
      'SELECT doc FROM providers WHERE account_id = $1 OR user_id = $2 OR account_id = ANY($3::text[]) ORDER BY user_id',
      [member.accountId, member.id, reach],
    );
    const requests = await client.query<Row<RequestRow>>(
      'SELECT doc FROM requests WHERE requester_id = $1 OR (provider_id = $1 AND visible_to_provider) ORDER BY created_at, id',
      [member.id],
    );
    const sessions = await client.query<Row<SessionRow>>(
      'SELECT s.doc FROM sessions s JOIN participants p ON p.session_id = s.id WHERE p.user_id = $1 ORDER BY s.id',
      [member.id],
    );
    await client.query('COMMIT');
    const user = { id: member.id, name: member.name, role: member.role, accountId: member.accountId };
    return snapshotOf(
      {
        user,
        account: account!,
        seq: Number(seq.rows[0]?.seq ?? 0),
        epoch: epoch.rows[0]?.value ?? 'epoch',
        reach,
        providers: providers.rows.map((r) => r.doc),
        requests: requests.rows.map((r) => r.doc),
        sessions: sessions.rows.map((r) => r.doc),
      },
      Date.now(),
    );
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
