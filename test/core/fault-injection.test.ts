/**
 * Issue 5 §7: seeded random schedules run the whole flow while the mock backend drops streams,
 * delays, reorders and duplicates events, answers 5xx and 429, and commits commands whose answers
 * are lost. After every step every client must show exactly what the server holds for its user,
 * and the server must hold no lost or duplicated request or session.
 */
import { expect } from '@open-wc/testing';
import type { Clinic } from '../../src/core/clinic.js';
import { checkInvariants, converged } from '../support/convergence.js';
import { connect, createBackend, TOKENS, type Backend } from '../support/fixtures.js';

const SCHEDULES = 200;
const STEPS = 8;

/** A small seeded generator (mulberry32), so that a failing schedule can be replayed by its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REQUESTERS = [TOKENS.frontDesk, TOKENS.nurseCart] as const;
const PROVIDERS = [TOKENS.okafor, TOKENS.lindqvist] as const;
const PROVIDER_IDS = ['prov-okafor', 'prov-lindqvist', 'prov-reyes'];
const SERVICE_OF: Record<string, string | null> = { [TOKENS.frontDesk]: 'svc-urgent', [TOKENS.nurseCart]: null };

const figures = { schedules: 0, steps: 0, faults: 0, checks: 0, actionsFailed: 0 };

async function runSchedule(seed: number): Promise<void> {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(rnd() * items.length)];
  const backend: Backend = createBackend({ heartbeatMs: 40 });
  const clients = new Map<string, Clinic>();
  for (const token of [...REQUESTERS, ...PROVIDERS]) {
    clients.set(
      token,
      connect(backend, token, {
        clinic: {
          live: { backoff: { baseMs: 4, capMs: 16 }, heartbeatTimeoutMs: 400, pollIntervalMs: 20, random: rnd },
          commands: { retryBackoff: { baseMs: 1, capMs: 2 }, random: rnd },
        },
      }),
    );
  }
  try {
    await Promise.all([...clients.values()].map((c) => c.start()));
    for (let step = 0; step < STEPS; step++) {
      injectFault(backend, rnd);
      await act(clients, rnd, pick);
      backend.faults.clear();
      for (const [token, clinic] of clients) {
        await converged(backend, clinic, token, 4000).catch((error: Error) => {
          throw new Error(`seed ${seed}, step ${step}: ${error.message}`);
        });
        figures.checks++;
      }
      checkInvariants(backend);
      figures.checks++;
      figures.steps++;
    }
    figures.schedules++;
  } finally {
    for (const clinic of clients.values()) clinic.destroy();
    backend.close();
  }
}

function injectFault(backend: Backend, rnd: () => number): void {
  const roll = rnd();
  if (roll > 0.6) return;
  figures.faults++;
  const faults = backend.faults;
  if (roll < 0.1) faults.dropStreams();
  else if (roll < 0.2) faults.failNext(500, 1 + Math.floor(rnd() * 2));
  else if (roll < 0.28) faults.failNext(429, 1, { retryAfterSeconds: 0 });
  else if (roll < 0.38) faults.loseResponseNext();
  else if (roll < 0.46) faults.duplicateEvents = true;
  else if (roll < 0.54) faults.reorderEvents = true;
  else faults.delayMs = 1 + Math.floor(rnd() * 5);
}

async function act(clients: Map<string, Clinic>, rnd: () => number, pick: <T>(items: readonly T[]) => T | undefined): Promise<void> {
  const token = pick([...REQUESTERS, ...PROVIDERS])!;
  const clinic = clients.get(token)!;
  const sessions = clinic.$sessions.get();
  let result;
  if ((REQUESTERS as readonly string[]).includes(token)) {
    const pending = clinic.$outgoingRequests.get();
    const notices = clinic.$declineNotices.get();
    const choice = rnd();
    if (choice < 0.45) result = await clinic.requestSession(pick(PROVIDER_IDS)!, SERVICE_OF[token]);
    else if (choice < 0.6 && pending.length) result = await clinic.cancelRequest(pick(pending)!.id);
    else if (choice < 0.7 && notices.length) result = await clinic.dismissNotice(pick(notices)!.id);
    else if (choice < 0.85 && sessions.length) result = await clinic.enterSession(pick(sessions)!.id);
    else if (sessions.length) result = await clinic.leaveSession(pick(sessions)!.id);
  } else {
    const incoming = clinic.$incomingRequests.get();
    const choice = rnd();
    if (choice < 0.35 && incoming.length) result = await clinic.acceptRequest(pick(incoming)!.id, { enter: rnd() < 0.5 });
    else if (choice < 0.55 && incoming.length) result = await clinic.declineRequest(pick(incoming)!.id, rnd() < 0.5 ? 'Try later' : null);
    else if (choice < 0.7) result = await clinic.setAvailability(rnd() < 0.7);
    else if (choice < 0.85 && sessions.length) result = await clinic.enterSession(pick(sessions)!.id);
    else if (sessions.length) result = await clinic.leaveSession(pick(sessions)!.id);
  }
  if (result && !result.ok) figures.actionsFailed++;
}

describe(`fault injection: ${SCHEDULES} seeded schedules of ${STEPS} steps`, function () {
  this.timeout(120_000);

  for (let batch = 0; batch < 4; batch++) {
    it(`schedules ${batch * 50 + 1}–${batch * 50 + 50} keep every client equal to the server`, async () => {
      for (let seed = batch * 50 + 1; seed <= batch * 50 + 50; seed++) await runSchedule(seed);
    });
  }

  after(() => {
    expect(figures.schedules).to.equal(SCHEDULES);
    // The figures for the closing note and the README (read from the test output).
    console.warn(`fault-injection figures: ${JSON.stringify(figures)}`);
  });
});
