/**
 * The directory: accounts (services, notes setting, request timeout) and users (role, account).
 * Provisioned by `vc-server import-directory <file.json>`, by the admin API, and with `--demo` by
 * the demo seed. The JSON shape is documented in docs/server.md ("The directory file").
 */
import type pg from 'pg';
import type { Account, Role, User } from '@virtual-clinic/sdk/contract';
import { appendEvents, type PendingEvent } from './events.js';

export interface DirectoryUser extends User {
  specialty?: string;
  /** Providers only: availability when the provider is first created (default false). */
  available?: boolean;
  /** false takes a user out: their history stays, they can no longer sign in. Default true. */
  active?: boolean;
}

export interface DirectoryFile {
  accounts: Account[];
  users: DirectoryUser[];
  /**
   * Tenancy's directory rule (docs/http-contract.md, `src/rules/visibility.ts`): account id → the
   * other accounts whose providers its users see and its requesters reach. An account listed here
   * gets exactly this list (an empty list removes its rule); accounts left out keep theirs.
   */
  reach?: Record<string, string[]>;
}

/** A signed-in user as the directory knows them. */
export interface Member extends User {
  active: boolean;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

const ID = /^[A-Za-z0-9._:@-]{1,200}$/;

/**
 * Checks a directory file's shape; every problem is listed with its place (`users[3].role`).
 * @returns the problems, empty when the file is valid
 */
export function checkDirectory(value: unknown): string[] {
  const problems: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const text = (v: unknown, where: string, max = 200) => {
    if (typeof v !== 'string' || v.trim() === '' || v.length > max) problems.push(`${where} must be a non-empty string of at most ${max} characters`);
  };
  const id = (v: unknown, where: string) => {
    if (typeof v !== 'string' || !ID.test(v)) problems.push(`${where} must be an id (letters, digits, . _ : @ -; 1–200 characters)`);
  };
  if (!isObject(value)) return ['the directory must be a JSON object { "accounts": [...], "users": [...] }'];
  if (!Array.isArray(value.accounts)) problems.push('"accounts" must be an array');
  if (!Array.isArray(value.users)) problems.push('"users" must be an array');
  const accountIds = new Set<string>();
  (Array.isArray(value.accounts) ? value.accounts : []).forEach((account: unknown, i) => {
    const at = `accounts[${i}]`;
    if (!isObject(account)) return void problems.push(`${at} must be an object`);
    id(account.id, `${at}.id`);
    if (typeof account.id === 'string') {
      if (accountIds.has(account.id)) problems.push(`${at}.id "${account.id}" appears twice`);
      accountIds.add(account.id);
    }
    text(account.name, `${at}.name`);
    if (typeof account.notesEnabled !== 'boolean') problems.push(`${at}.notesEnabled must be true or false`);
    const timeout = account.requestTimeoutSeconds;
    if (!Number.isInteger(timeout) || (timeout as number) < 1 || (timeout as number) > 86400) {
      problems.push(`${at}.requestTimeoutSeconds must be a whole number of seconds from 1 to 86400`);
    }
    if (!Array.isArray(account.services)) return void problems.push(`${at}.services must be an array`);
    const serviceIds = new Set<string>();
    account.services.forEach((service: unknown, j) => {
      const sat = `${at}.services[${j}]`;
      if (!isObject(service)) return void problems.push(`${sat} must be an object`);
      id(service.id, `${sat}.id`);
      text(service.name, `${sat}.name`);
      if (typeof service.id === 'string' && serviceIds.has(service.id)) problems.push(`${sat}.id "${service.id}" appears twice`);
      if (typeof service.id === 'string') serviceIds.add(service.id);
    });
  });
  if (value.reach !== undefined) {
    if (!isObject(value.reach)) problems.push('"reach" must be an object: account id → array of account ids');
    else {
      for (const [accountId, reached] of Object.entries(value.reach)) {
        id(accountId, `reach key "${accountId}"`);
        if (!Array.isArray(reached)) problems.push(`reach["${accountId}"] must be an array of account ids`);
        else reached.forEach((other: unknown, i) => {
          id(other, `reach["${accountId}"][${i}]`);
          if (other === accountId) problems.push(`reach["${accountId}"][${i}] names the account itself`);
        });
      }
    }
  }
  const userIds = new Set<string>();
  (Array.isArray(value.users) ? value.users : []).forEach((user: unknown, i) => {
    const at = `users[${i}]`;
    if (!isObject(user)) return void problems.push(`${at} must be an object`);
    id(user.id, `${at}.id`);
    if (typeof user.id === 'string') {
      if (userIds.has(user.id)) problems.push(`${at}.id "${user.id}" appears twice`);
      userIds.add(user.id);
    }
    text(user.name, `${at}.name`);
    if (user.role !== 'requester' && user.role !== 'provider') problems.push(`${at}.role must be "requester" or "provider"`);
    if (typeof user.accountId !== 'string') problems.push(`${at}.accountId must be a string`);
    if (user.specialty !== undefined && (typeof user.specialty !== 'string' || user.specialty.length > 200)) {
      problems.push(`${at}.specialty must be a string of at most 200 characters`);
    }
    for (const flag of ['available', 'active'] as const) {
      if (user[flag] !== undefined && typeof user[flag] !== 'boolean') problems.push(`${at}.${flag} must be true or false`);
    }
  });
  return problems;
}

/**
 * Writes a checked directory inside the caller's transaction: accounts and users are inserted or
 * updated by id (nothing is deleted; `active: false` takes a user out). A provider whose name,
 * specialty or notes setting changed gets a new version, and their audience an event.
 * @throws Error naming an account id that is neither in the file nor in the database
 */
export async function writeDirectory(tx: Queryable, directory: DirectoryFile, providerAudience: (accountId: string) => Promise<string[]>): Promise<{ accounts: number; users: number; changedUsers: string[] }> {
  for (const account of directory.accounts) {
    await tx.query(
      `INSERT INTO accounts (id, name, notes_enabled, request_timeout_seconds) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, notes_enabled = EXCLUDED.notes_enabled,
         request_timeout_seconds = EXCLUDED.request_timeout_seconds, updated_at = now()`,
      [account.id, account.name, account.notesEnabled, account.requestTimeoutSeconds],
    );
    await tx.query('DELETE FROM account_services WHERE account_id = $1', [account.id]);
    for (const [position, service] of account.services.entries()) {
      await tx.query('INSERT INTO account_services (account_id, id, name, position) VALUES ($1, $2, $3, $4)', [account.id, service.id, service.name, position]);
    }
  }
  const known = new Set((await tx.query<{ id: string }>('SELECT id FROM accounts')).rows.map((r) => r.id));
  for (const user of directory.users) {
    if (!known.has(user.accountId)) throw new Error(`users: "${user.id}" names an unknown account "${user.accountId}"`);
  }
  /** Account → the accounts its rule newly reaches (their providers come into its users' sight), or no longer reaches. */
  const gained = new Map<string, string[]>();
  const lost = new Map<string, string[]>();
  for (const [accountId, reached] of Object.entries(directory.reach ?? {})) {
    for (const id of [accountId, ...reached]) if (!known.has(id)) throw new Error(`users: reach names an unknown account "${id}"`);
    const before = await reachOf(tx, accountId);
    await tx.query('DELETE FROM account_reach WHERE account_id = $1', [accountId]);
    await tx.query('INSERT INTO account_reach (account_id, reaches) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [accountId, reached]);
    const added = [...new Set(reached)].filter((id) => !before.includes(id));
    if (added.length > 0) gained.set(accountId, added);
    const dropped = before.filter((id) => !reached.includes(id));
    if (dropped.length > 0) lost.set(accountId, dropped);
  }
  const events: PendingEvent[] = [];
  for (const user of directory.users) {
    await tx.query(
      `INSERT INTO users (id, account_id, role, name, specialty, active) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET account_id = EXCLUDED.account_id, role = EXCLUDED.role, name = EXCLUDED.name,
         specialty = EXCLUDED.specialty, active = EXCLUDED.active`,
      [user.id, user.accountId, user.role, user.name, user.specialty ?? '', user.active ?? true],
    );
    await tx.query('INSERT INTO event_streams (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [user.id]);
  }
  // Every provider's row follows the directory (name, specialty, the account's notes setting).
  const providers = await tx.query<{ id: string; account_id: string; name: string; specialty: string; notes_enabled: boolean; doc: Record<string, unknown> | null; version: string | null; available: boolean | null }>(
    `SELECT u.id, u.account_id, u.name, u.specialty, a.notes_enabled, p.doc, p.version, p.available
       FROM users u JOIN accounts a ON a.id = u.account_id LEFT JOIN providers p ON p.user_id = u.id
      WHERE u.role = 'provider' FOR UPDATE OF u`,
  );
  const initialAvailability = new Map(directory.users.map((u) => [u.id, u.available ?? false]));
  const changedUsers: string[] = [];
  for (const row of providers.rows) {
    const available = row.available ?? initialAvailability.get(row.id) ?? false;
    const next = { id: row.id, name: row.name, specialty: row.specialty, available, notesEnabled: row.notes_enabled };
    const previous = row.doc;
    if (previous && previous.name === next.name && previous.specialty === next.specialty && previous.notesEnabled === next.notesEnabled && row.account_id === previous.accountId) continue;
    const version = row.version === null ? 1 : Number(row.version) + 1;
    // Presence (issue 16.6) is not the directory's: it stays as it was.
    const doc = { ...next, ...(previous && typeof previous.connected === 'boolean' ? { connected: previous.connected } : {}), version, accountId: row.account_id };
    await tx.query(
      `INSERT INTO providers (user_id, account_id, available, version, doc) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET account_id = EXCLUDED.account_id, version = EXCLUDED.version, doc = EXCLUDED.doc`,
      [row.id, row.account_id, available, version, JSON.stringify(doc)],
    );
    changedUsers.push(row.id);
    if (previous) {
      const { accountId: _account, ...provider } = doc;
      for (const userId of await providerAudience(row.account_id)) events.push({ userId, event: { type: 'provider', provider } });
    }
  }
  // A rule that reaches further is a change like any other (issue 14): each user of the account
  // hears of every provider that came into sight, at the provider's current version.
  for (const [accountId, added] of gained) {
    const { rows } = await tx.query<{ doc: Record<string, unknown> }>('SELECT doc FROM providers WHERE account_id = ANY($1::text[]) ORDER BY user_id', [added]);
    const users = await tx.query<{ id: string }>('SELECT id FROM users WHERE active AND account_id = $1 ORDER BY id', [accountId]);
    const told = new Set(events.map((e) => `${e.userId}\n${(e.event.provider as { id: string } | undefined)?.id}`));
    for (const { doc } of rows) {
      const { accountId: _account, ...provider } = doc;
      for (const { id } of users.rows) if (!told.has(`${id}\n${provider.id as string}`)) events.push({ userId: id, event: { type: 'provider', provider } });
    }
  }
  // And one that reaches less takes those providers out of its users' sight, live (issue 14).
  for (const [accountId, dropped] of lost) {
    const { rows } = await tx.query<{ user_id: string }>('SELECT user_id FROM providers WHERE account_id = ANY($1::text[]) ORDER BY user_id', [dropped]);
    const users = await tx.query<{ id: string }>('SELECT id FROM users WHERE active AND account_id = $1 ORDER BY id', [accountId]);
    for (const { user_id: providerId } of rows) {
      for (const { id } of users.rows) events.push({ userId: id, event: { type: 'provider-removed', providerId } });
    }
  }
  await appendEvents(tx, events);
  return { accounts: directory.accounts.length, users: directory.users.length, changedUsers: [...new Set(events.map((e) => e.userId))] };
}

/** The user with this id, or null (unknown ids and inactive users sign in as nobody). */
export async function findMember(db: Queryable, userId: string): Promise<Member | null> {
  const { rows } = await db.query<{ id: string; name: string; role: Role; account_id: string; active: boolean }>(
    'SELECT id, name, role, account_id, active FROM users WHERE id = $1',
    [userId],
  );
  const row = rows[0];
  return row ? { id: row.id, name: row.name, role: row.role, accountId: row.account_id, active: row.active } : null;
}

export async function findAccount(db: Queryable, accountId: string): Promise<Account | null> {
  const { rows } = await db.query<{ id: string; name: string; notes_enabled: boolean; request_timeout_seconds: number; services: { id: string; name: string }[] }>(
    `SELECT a.id, a.name, a.notes_enabled, a.request_timeout_seconds,
            coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.position)
                        FROM account_services s WHERE s.account_id = a.id), '[]'::json) AS services
       FROM accounts a WHERE a.id = $1`,
    [accountId],
  );
  const row = rows[0];
  return row ? { id: row.id, name: row.name, services: row.services, notesEnabled: row.notes_enabled, requestTimeoutSeconds: row.request_timeout_seconds } : null;
}

/**
 * Everyone who sees this account's providers and hears of their changes (tenancy, the rules'
 * `providerAudience`): the account's own active users and those of the accounts whose rule reaches it.
 */
export async function accountMembers(db: Queryable, accountId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM users
      WHERE active AND (account_id = $1 OR account_id IN (SELECT account_id FROM account_reach WHERE reaches = $1))
      ORDER BY id`,
    [accountId],
  );
  return rows.map((r) => r.id);
}

/** The other accounts this account's users see and its requesters reach (the rules' `Reach`). */
export async function reachOf(db: Queryable, accountId: string): Promise<string[]> {
  const { rows } = await db.query<{ reaches: string }>('SELECT reaches FROM account_reach WHERE account_id = $1 ORDER BY reaches', [accountId]);
  return rows.map((r) => r.reaches);
}
