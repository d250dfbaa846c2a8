/**
 * `vc-server` (`npm run server -- …`):
 *
 *   vc-server [--demo]                      serve (PORT, DATABASE_URL … see docs/server.md)
 *   vc-server migrate                       apply the migrations and exit
 *   vc-server import-directory <file.json>  insert or update accounts and users, then exit
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { Notifier } from './live/notifier.js';
import { accountMembers, checkDirectory, writeDirectory, type DirectoryFile } from './db/directory.js';
import { migrate } from './db/migrate.js';
import { loadDemo } from './demo.js';
import { startNode } from './node.js';

const USAGE = 'Usage: vc-server [--demo] | vc-server migrate | vc-server import-directory <file.json>';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { demo: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  // The tools below need only the database; the serving config (JWT …) is checked when serving.
  if (command === 'migrate' || command === 'import-directory') {
    const config = loadConfig({ ...process.env, JWT_JWKS_URL: undefined, JWT_PUBLIC_KEY: undefined, JWT_ISSUER: undefined, JWT_AUDIENCE: undefined }, { demo: true });
    if (command === 'import-directory' && rest.length !== 1) throw new UsageError(USAGE);
    const db = await openDatabase(config);
    try {
      const applied = await migrate(db);
      process.stdout.write(`migrations applied: ${applied.length === 0 ? 'none (up to date)' : applied.join(', ')}\n`);
      if (command === 'import-directory') {
        let directory: unknown;
        try {
          directory = JSON.parse(readFileSync(rest[0]!, 'utf8'));
        } catch (error) {
          throw new UsageError(`Cannot read ${rest[0]} as JSON: ${(error as Error).message}`);
        }
        const problems = checkDirectory(directory);
        if (problems.length > 0) throw new UsageError(`The directory file has problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        // Running nodes hear of the changes at COMMIT, as of any command's (PostgreSQL's NOTIFY).
        const notifier = new Notifier(db, config.nodeId);
        const result = await db.transaction(async (tx) => {
          const written = await writeDirectory(tx, directory as DirectoryFile, (accountId) => accountMembers(tx, accountId));
          await notifier.notifyInTransaction(tx, written.changedUsers);
          return written;
        });
        process.stdout.write(`imported ${result.accounts} accounts and ${result.users} users\n`);
      }
    } finally {
      await db.close();
    }
    return 0;
  }
  if (command !== undefined) throw new UsageError(`Unknown command "${command}".\n${USAGE}`);

  const config = loadConfig(process.env, { demo: values.demo });
  const node = await startNode(config, { demo: config.demo ? await loadDemo() : null });
  let signals = 0;
  const stop = () => {
    if (++signals > 1) process.exit(1);
    void node.stop().then(() => process.exit(0));
    setTimeout(() => process.exit(0), config.shutdownGraceMs + 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return -1;
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`vc-server failed to start: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
