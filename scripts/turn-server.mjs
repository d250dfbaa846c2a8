// A real TURN server for the browser tests (issue 18 §3): Debian's coturn (`turnserver`), started
// on 127.0.0.1 on a free port with a random `static-auth-secret`, stopped after. Found on the PATH;
// where it is missing and this runs as root with apt, Debian's `coturn` is installed (as
// find-browser.mjs does for Chromium); otherwise one sentence says what to install.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

function onPath(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

export function findTurnServer() {
  return process.env.TURNSERVER_PATH || onPath('turnserver') || null;
}

export function findOrInstallTurnServer() {
  const found = findTurnServer();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    console.log("No TURN server found: installing Debian's coturn with apt-get …");
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'coturn'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const installed = findTurnServer();
    if (installed) return installed;
  }
  console.error('The call tests need a TURN server: install coturn (on Debian or Ubuntu: sudo apt-get install coturn) or set TURNSERVER_PATH to turnserver, then run npm test again.');
  process.exit(1);
}

/** A port free for both TCP and UDP on 127.0.0.1 (TURN listens on both). */
async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: chosen } = server.address();
        server.close(() => resolve(chosen));
      });
      server.on('error', reject);
    });
    const udpFree = await new Promise((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

/** Waits until something answers on the TCP port (coturn listens on TCP and UDP alike). */
async function listening(port, child, timeoutMs = 20_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const socket = createServer().listen(port, '127.0.0.1');
      socket.once('listening', () => socket.close(() => resolve(false)));
      socket.once('error', () => resolve(true));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('turnserver did not start listening');
}

/**
 * Starts coturn with time-limited credentials (`use-auth-secret`): on `port` (a free one when
 * null), relaying on 127.0.0.1 only, peers on loopback allowed (both browsers are on this machine).
 * @returns {Promise<{ port: number; secret: string; urls: string[]; stop(): Promise<void> }>}
 */
export async function startTurnServer({ port = null, secret = randomBytes(16).toString('hex') } = {}) {
  const executable = findTurnServer();
  if (!executable) throw new Error('turnserver is not installed (apt-get install coturn)');
  const chosen = port ?? (await freePort());
  const child = spawn(
    executable,
    [
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${chosen}`,
      '--min-port=49152',
      '--max-port=65535',
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=virtual-clinic.test',
      '--allow-loopback-peers',
      '--no-cli',
      '--no-tls',
      '--no-dtls',
      '--no-multicast-peers',
      '--fingerprint',
      
      '--log-file=stdout',
    ],
    { stdio: ['ignore', process.env.VC_TURN_LOG ? 'inherit' : 'ignore', 'ignore'] },
  );
  await listening(chosen, child);
  return {
    port: chosen,
    secret,
    urls: [`turn:127.0.0.1:${chosen}?transport=udp`, `turn:127.0.0.1:${chosen}?transport=tcp`],
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The test runner's side: `executeServerCommand('turn-start')` starts coturn (again on the same
 * port after a `turn-stop`, as a network that comes back) and answers `{ port, secret, urls }`;
 * `turn-stop` stops it. Everything started is stopped when the runner stops.
 */
export function turnServerPlugin() {
  let running = null;
  let lastPort = null;
  let secret = randomBytes(16).toString('hex');
  return {
    name: 'turn-server',
    async executeCommand({ command }) {
      if (command === 'turn-start') {
        if (!running) {
          running = await startTurnServer({ port: lastPort, secret });
          lastPort = running.port;
        }
        return { port: running.port, secret: running.secret, urls: running.urls };
      }
      if (command === 'turn-stop') {
        await running?.stop();
        running = null;
        return true;
      }
      if (command === 'turn-reset') {
        await running?.stop();
        running = null;
        lastPort = null;
        secret = randomBytes(16).toString('hex');
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await running?.stop();
    },
  };
}
