/**
 * Issue 8 §5: a host-configured idle timeout signs the user out — stores emptied, live connection
 * closed, the host told — after a warning that comes at least 20 seconds before and that any key
 * or click answers (WCAG 2.2.1). Time is a ManualClock: nothing waits.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { IdleTimer, MIN_IDLE_WARNING_MS } from '../../src/core/idle-timer.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';
import type { VcIdleGuard } from '../../src/elements/idle-guard/idle-guard.js';
import { closeAll, connect, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { ManualClock } from '../support/manual-clock.js';
import { mountIdleClinic, recordEvents, settled, shadow } from '../support/mount.js';
import { announced } from '../support/harness.js';

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('idle sign-out', () => {
  describe('IdleTimer', () => {
    function timer(clock: ManualClock, timeoutMs: number, warningMs: number) {
      const log: string[] = [];
      const idle = new IdleTimer({
        clock,
        timeoutMs,
        warningMs,
        onWarning: (deadline) => log.push(`warning until +${(deadline - clock.now()) / 1000}s`),
        onContinue: () => log.push('continue'),
        onTimeout: () => log.push('timeout'),
      });
      return { idle, log };
    }

    it('warns `warning` before the timeout and times out at the timeout', async () => {
      const clock = new ManualClock();
      const { idle, log } = timer(clock, 300_000, 60_000);
      idle.start();
      await clock.advance(239_000);
      expect(log).to.deep.equal([]);
      await clock.advance(1_000);
      expect(log).to.deep.equal(['warning until +60s']);
      expect(idle.phase).to.equal('warning');
      await clock.advance(59_000);
      expect(log).to.have.length(1);
      await clock.advance(1_000);
      expect(log).to.deep.equal(['warning until +60s', 'timeout']);
      expect(idle.phase).to.equal('timed-out');
    });

    it('activity pushes the warning back; activity during the warning withdraws it', async () => {
      const clock = new ManualClock();
      const { idle, log } = timer(clock, 300_000, 60_000);
      idle.start();
      await clock.advance(200_000);
      idle.activity();
      await clock.advance(200_000);
      expect(log).to.deep.equal([], 'the warning comes 240 s after the last activity, not after the start');
      await clock.advance(40_000);
      expect(log).to.deep.equal(['warning until +60s']);
      idle.activity();
      expect(log).to.deep.equal(['warning until +60s', 'continue']);
      expect(idle.phase).to.equal('active');
      await clock.advance(239_000);
      expect(log).to.have.length(2);
    });

    it('never warns less than 20 seconds ahead (WCAG 2.2.1), whatever the host asked', async () => {
      const clock = new ManualClock();
      const { idle, log } = timer(clock, 60_000, 5_000);
      expect(idle.warningMs).to.equal(MIN_IDLE_WARNING_MS);
      idle.start();
      await clock.advance(40_000);
      expect(log).to.deep.equal(['warning until +20s']);
    });

    it('a timer that fires late (a sleeping machine) signs out at once when the whole timeout passed', async () => {
      const clock = new ManualClock();
      const { idle, log } = timer(clock, 300_000, 60_000);
      idle.start();
      clock.sleep(400_000);
      await clock.advance(0);
      expect(log).to.deep.equal(['timeout']);
    });

    it('a warning that comes late still leaves at least 20 seconds', async () => {
      const clock = new ManualClock();
      const { idle, log } = timer(clock, 300_000, 60_000);
      idle.start();
      clock.sleep(290_000);
      await clock.advance(0);
      expect(log).to.deep.equal(['warning until +20s']);
    });

    it('stopped, it neither warns nor times out', async () => {
      const clock = new ManualClock();
      const { idle, log } = timer(clock, 300_000, 60_000);
      idle.start();
      idle.stop();
      await clock.advance(1_000_000);
      expect(log).to.deep.equal([]);
    });
  });

  describe('<vc-clinic idle-timeout>', () => {
    let backend: Backend;
    beforeEach(() => {
      backend = createBackend();
    });
    afterEach(closeAll);

    async function mount(attributes: { timeout?: number; warning?: number } = {}, token: string = TOKENS.frontDesk) {
      return mountIdleClinic(backend, token, html`<button id="host-button">Host's own button</button><vc-provider-list></vc-provider-list>`, attributes);
    }

    const dialogOf = (guard: VcIdleGuard) => shadow(guard).querySelector('dialog')!;
    const focused = (guard: VcIdleGuard) => shadow(guard).activeElement;

    async function untilWarning(guard: VcIdleGuard, clock: ManualClock, ms: number) {
      await clock.advance(ms);
      await settled(guard);
    }

    it('renders no guard without idle-timeout', async () => {
      const clinic = connect(backend, TOKENS.frontDesk);
      const root = await fixture<VcClinic>(html`<vc-clinic .clinic=${clinic}></vc-clinic>`);
      expect(shadow(root).querySelector('vc-idle-guard')).to.equal(null);
      clinic.destroy();
    });

    it('warns in an accessible dialog, with focus on Stay Signed In, the configured time before', async () => {
      const { root, guard, clinic, clock } = await mount({ timeout: 120, warning: 30 });
      const warnings = recordEvents(root, 'vc-idle-warning');
      await untilWarning(guard, clock, 89_000);
      expect(dialogOf(guard).open).to.equal(false);
      await untilWarning(guard, clock, 1_000);
      const dialog = dialogOf(guard);
      expect(dialog.open).to.equal(true);
      expect(dialog.getAttribute('role')).to.equal('alertdialog');
      expect(dialog.matches(':modal')).to.equal(true);
      expect(text(shadow(guard).querySelector('[part="title"]'))).to.equal('Are you still there?');
      expect(text(shadow(guard).querySelector('[part="message"]'))).to.equal('For your privacy, you will be signed out in 30 seconds.');
      expect(text(shadow(guard).querySelector('[part="hint"]'))).to.equal('Press any key or select Stay Signed In to continue.');
      expect(text(focused(guard))).to.equal('Stay Signed In');
      expect(warnings.map((e) => e.detail)).to.deep.equal([{ secondsLeft: 30 }]);
      await clock.advance(10_000);
      await settled(guard);
      expect(text(shadow(guard).querySelector('[part="message"]'))).to.equal('For your privacy, you will be signed out in 20 seconds.');
      await expect(guard).to.be.accessible();
      expect(clinic.$connection.get()).to.equal('connected');
    });

    it('any key keeps the user signed in, and focus goes back where it was', async () => {
      const { root, guard, clinic, clock } = await mount();
      const hostButton = root.querySelector<HTMLButtonElement>('#host-button')!;
      hostButton.focus();
      await untilWarning(guard, clock, 90_000);
      expect(dialogOf(guard).open).to.equal(true);
      await sendKeys({ press: 'x' });
      await settled(guard);
      expect(dialogOf(guard).open).to.equal(false);
      expect(document.activeElement).to.equal(hostButton);
      await clock.advance(60_000);
      expect(clinic.$connection.get()).to.equal('connected');
      expect(clinic.$me.get()).to.not.equal(null);
    });

    it('a click on Stay Signed In keeps the user signed in; Escape too', async () => {
      const { guard, clinic, clock } = await mount();
      await untilWarning(guard, clock, 90_000);
      shadow(guard).querySelector<HTMLButtonElement>('[part="stay-button"]')!.click();
      await settled(guard);
      expect(dialogOf(guard).open).to.equal(false);
      await untilWarning(guard, clock, 90_000);
      expect(dialogOf(guard).open).to.equal(true);
      await sendKeys({ press: 'Escape' });
      await settled(guard);
      expect(dialogOf(guard).open).to.equal(false);
      await clock.advance(60_000);
      expect(clinic.$me.get()).to.not.equal(null);
    });

    it('pointer moves count as activity before the warning, but do not dismiss it', async () => {
      const { guard, clock } = await mount();
      await clock.advance(80_000);
      window.dispatchEvent(new PointerEvent('pointermove'));
      await untilWarning(guard, clock, 80_000);
      expect(dialogOf(guard).open).to.equal(false, 'the move 80 s in restarted the count');
      await untilWarning(guard, clock, 10_000);
      expect(dialogOf(guard).open).to.equal(true);
      window.dispatchEvent(new PointerEvent('pointermove'));
      await settled(guard);
      expect(dialogOf(guard).open).to.equal(true);
    });

    it('at the timeout: stores emptied, live connection closed, the host told, and a notice says why', async () => {
      const { root, guard, clinic, clock } = await mount({ timeout: 120, warning: 30 });
      const list = root.querySelector('vc-provider-list')!;
      expect(clinic.$providers.get().length).to.be.greaterThan(0);
      expect(backend.openStreamCount()).to.equal(1);
      const signedOut = recordEvents(root, 'vc-signed-out');
      await untilWarning(guard, clock, 90_000);
      await clock.advance(30_000);
      await settled(guard);
      expect(signedOut.map((e) => e.detail)).to.deep.equal([{ reason: 'idle' }]);
      expect(clinic.$connection.get()).to.equal('signed-out');
      expect(clinic.$me.get()).to.equal(null);
      expect(clinic.$providers.get()).to.deep.equal([]);
      expect(clinic.$sessions.get()).to.deep.equal([]);
      await waitUntil(() => backend.openStreamCount() === 0, 'the live stream is closed on the server side too');
      expect(dialogOf(guard).open).to.equal(false);
      const notice = shadow(guard).querySelector('[part="notice"]')!;
      expect(text(notice)).to.equal('You were signed out after 2 minutes without activity. Sign in again to continue.');
      expect(focused(guard)).to.equal(notice);
      // Said once, where focus went (issue 20.3): neither a region of its own nor the clinic's announcer repeats it.
      expect(notice.hasAttribute('role')).to.equal(false);
      await settled(guard);
      expect(announced(guard)).to.equal('');
      await settled(list);
      expect(text(shadow(list).querySelector('[part="base"]'))).to.not.contain('Dr. Amara Okafor');
      // Nothing reconnects by itself: not a wake-up, not the time passing.
      await clock.advance(600_000);
      expect(clinic.$connection.get()).to.equal('signed-out');
      expect(backend.openStreamCount()).to.equal(0);
    });

    it('another tab of the same user does not refill the stores after an idle sign-out', async () => {
      const { guard, clinic, clock } = await mount();
      const otherTab = await open(backend, TOKENS.frontDesk);
      await untilWarning(guard, clock, 90_000);
      await clock.advance(30_000);
      expect(clinic.$connection.get()).to.equal('signed-out');
      const sent = await otherTab.requestSession('prov-okafor', 'svc-urgent');
      expect(sent.ok).to.equal(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(clinic.$requestById.get()).to.deep.equal({});
      expect(clinic.$outgoingRequests.get()).to.deep.equal([]);
      expect(clinic.$providers.get()).to.deep.equal([]);
    });

    it('signing in again clears the notice and starts counting again', async () => {
      const { guard, clinic, clock } = await mount();
      await untilWarning(guard, clock, 90_000);
      await clock.advance(30_000);
      await settled(guard);
      expect(clinic.$connection.get()).to.equal('signed-out');
      clinic.reconnect();
      await waitUntil(() => clinic.$me.get() !== null);
      await settled(guard);
      expect(text(shadow(guard).querySelector('[part="notice"]'))).to.equal('');
      await untilWarning(guard, clock, 90_000);
      expect(dialogOf(guard).open).to.equal(true);
    });

    it('forgets the token the host gave it', async () => {
      const root = await fixture<VcClinic>(html`<vc-clinic idle-timeout="120"></vc-clinic>`);
      const clinic = connect(backend, TOKENS.frontDesk);
      root.token = TOKENS.frontDesk;
      root.clinic = clinic;
      await root.updateComplete;
      await clinic.start();
      const guard = shadow(root).querySelector('vc-idle-guard') as VcIdleGuard;
      const clock = new ManualClock(Date.now());
      guard.clock = clock;
      await settled(guard);
      await untilWarning(guard, clock, 120_000);
      expect(root.token).to.equal(null);
      expect(root.hasAttribute('token')).to.equal(false);
      clinic.destroy();
    });

    it('does not count while the user is in the waiting room or the meeting', async () => {
      const provider = await open(backend, TOKENS.okafor);
      const { guard, clinic, clock } = await mount({ timeout: 120, warning: 30 });
      const asked = await clinic.requestSession('prov-okafor', 'svc-urgent');
      const requestId = asked.ok ? asked.changes.requests[0]!.id : '';
      const accepted = await provider.acceptRequest(requestId);
      const sessionId = accepted.ok ? accepted.changes.sessions[0]!.id : '';
      await clinic.enterSession(sessionId);
      await settled(guard);
      await untilWarning(guard, clock, 600_000);
      expect(dialogOf(guard).open).to.equal(false);
      expect(clinic.$me.get()).to.not.equal(null);
      await clinic.leaveSession(sessionId);
      await settled(guard);
      await untilWarning(guard, clock, 90_000);
      expect(dialogOf(guard).open).to.equal(true, 'after leaving, the count starts again');
    });

    it('counts in a session too with count-in-session', async () => {
      const provider = await open(backend, TOKENS.okafor);
      const { guard, clinic, clock } = await mount({ timeout: 120, warning: 30 });
      guard.countInSession = true;
      const asked = await clinic.requestSession('prov-okafor', 'svc-urgent');
      const accepted = await provider.acceptRequest(asked.ok ? asked.changes.requests[0]!.id : '');
      await clinic.enterSession(accepted.ok ? accepted.changes.sessions[0]!.id : '');
      await settled(guard);
      await untilWarning(guard, clock, 90_000);
      expect(dialogOf(guard).open).to.equal(true);
    });
  });
});
