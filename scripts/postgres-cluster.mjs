// A throwaway PostgreSQL cluster for the server's tests and bench: Debian's `postgresql` server
// binaries (installed with apt-get when absent and this runs as root), a data folder in a temp
// directory, a free port on 127.0.0.1, trust auth, fsync off; stopped and removed by `stop()`.
// PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user (created
// by Debian's package) or, failing that, a `vc-postgres` user made for it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function findBinaries() {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (onPath.status === 0) return onPath.stdout.trim().replace(/\/initdb$/, '');
  return null;
}

/** The folder of `initdb`/`pg_ctl`; installs Debian's postgresql when it can. */
export function findOrInstallPostgres() {
  const found = findBinaries();
  if (found) return found;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (isRoot && apt) {
    console.log("No PostgreSQL server found: installing Debian's postgresql with apt-get …");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
    const installed = findBinaries();
    if (installed) return installed;
  }
  throw new Error('No PostgreSQL server was found: install it (on Debian or Ubuntu: sudo apt-get install postgresql) or set PG_BIN to the folder of initdb, then run the tests again.');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function runAsOwner(user, command, args) {
  if (!user) return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = [command, ...args].map((a) => `'${String(a).replace(/'/g, "'\\''")}'`).join(' ');
  return execFileSync('su', [user, '-s', '/bin/sh', '-c', line], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function ownerUser() {
  if (!isRoot) return null;
  for (const name of ['postgres', 'vc-postgres']) {
    if (spawnSync('id', ['-u', name]).status === 0) return name;
  }
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'vc-postgres']);
  return 'vc-postgres';
}

function uidGid(user) {
  return [Number(execFileSync('id', ['-u', user], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }))];
}

/**
 * Starts a cluster. `url` connects as the superuser `postgres` to database `postgres`.
 * @returns {Promise<{ url: string, port: number, bin: string, createDatabase(name: string): Promise<string>, stop(): void }>}
 */
export async function startPostgres() {
  const bin = findOrInstallPostgres();
  const user = ownerUser();
  const root = mkdtempSync(join(tmpdir(), 'vc-pg-'));
  chmodSync(root, 0o755);
  const data = join(root, 'data');
  if (user) chownSync(root, ...uidGid(user));
  runAsOwner(user, join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  runAsOwner(user, join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', '-t', '120', 'start']);
  let stopped = false;
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    bin,
    /** A fresh database in this cluster, for one test file. */
    async createDatabase(name) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    /** Stops the server, keeping its data (a database that goes away). */
    pause() {
      runAsOwner(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    /** Starts it again on the same port and data (the database comes back). */
    resume() {
      runAsOwner(user, join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', '-t', '120', 'start']);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        runAsOwner(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone; the folder is removed below all the same.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
