/**
 * Every flow of the product, driven the way a user drives it — clicks, typing, the network going
 * away — through every tag and every state they show: not connected, loading, live, a refused
 * request, pending, cancelled, declined with a note, dismissed, accepted, waiting room, meeting,
 * left, unavailable with an instant decline, a server error, reconnecting, offline, back online,
 * signed out, the idle warning and the idle sign-out.
 *
 * The same script runs on the strict-CSP page (in an iframe, against the Node mock clinic) and in
 * the test page (against a clinic in the page, with marker names and secret tokens), so that
 * "every state" means the same thing for both.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { TAGS } from '../../../src/elements/tags.js';
import { ManualClock } from '../../support/manual-clock.js';
import { deepElements, deepFind, deepQueryAll, deepText, untilText } from './dom.js';

/** Who takes part, as the backend of the stage knows them. */
export interface Cast {
  tokens: { desk: string; okafor: string; nurseCart: string };
  /** Display names, for finding things on screen. */
  names: { okafor: string; desk: string };
  /** The decline note the provider types. */
  note: string;
}

export interface Stage {
  doc: Document;
  win: Window & typeof globalThis;
  cast: Cast;
  /** A <vc-clinic> on the page signed in with `token`, holding `tags`. */
  mount(token: string, tags: string[], attributes?: Record<string, string>): HTMLElement;
  /** A <vc-clinic> whose token the backend refuses. */
  mountRefused(tags: string[]): HTMLElement;
  faults: {
    failNextCommand(status: number): Promise<void>;
    dropStreams(): Promise<void>;
    blockStreams(on: boolean): Promise<void>;
  };
}

const button = (root: Node, part: string, text?: string) => deepFind<HTMLButtonElement>(root, `button[part~="${part}"]`, text);

/** Runs every flow on `stage`; resolves to the states it reached, in order. */
export async function exerciseEveryFlow(stage: Stage): Promise<string[]> {
  const { doc, win, cast } = stage;
  const states: string[] = [];
  const reached = (state: string) => states.push(state);

  // Outside any <vc-clinic>: the "not connected" state of every tag.
  const loose = Object.keys(TAGS)
    .filter((tag) => tag !== 'vc-clinic')
    .map((tag) => doc.createElement(tag));
  doc.body.append(...loose);
  await untilText(doc.body, 'place it inside <vc-clinic>');
  reached('not connected');
  for (const element of loose) element.remove();

  // The two dashboards (every other tag is inside them), loading, then live.
  const desk = stage.mount(cast.tokens.desk, ['vc-requester-dashboard']);
  const okafor = stage.mount(cast.tokens.okafor, ['vc-provider-dashboard']);
  await untilText(desk, cast.names.okafor);
  await untilText(okafor, 'No one is waiting.');
  await untilText(desk, 'Live');
  reached('loading → live');

  // R2: a request without the service it needs is refused with a message.
  const okaforItem = await deepFind(desk, 'li[data-provider-id="prov-okafor"]');
  (await button(okaforItem, 'request-button')).click();
  await untilText(okaforItem, 'Choose a service before requesting a session.');
  reached('error (client)');

  // R1, X3: request → pending with Cancel Request → cancel → request again.
  const select = await deepFind<HTMLSelectElement>(okaforItem, 'select[part~="service-select"]');
  select.value = 'svc-urgent';
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  (await button(okaforItem, 'request-button')).click();
  await untilText(okaforItem, 'Request pending');
  await untilText(okafor, cast.names.desk);
  reached('pending, new request alert');
  (await button(okaforItem, 'cancel-button')).click();
  await untilText(okafor, 'No one is waiting.');
  reached('cancelled');
  (await button(okaforItem, 'request-button')).click();
  await untilText(okafor, cast.names.desk);

  // R9: decline with a note → R4: the requester sees it until Dismiss.
  (await button(okafor, 'decline-button')).click();
  const note = await deepFind<HTMLTextAreaElement>(okafor, 'textarea[part~="note"]');
  note.value = cast.note;
  note.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  reached('decline form');
  (await button(okafor, 'send-decline-button')).click();
  await untilText(desk, cast.note);
  reached('declined with note');
  (await button(desk, 'dismiss-button')).click();
  await waitUntil(() => deepQueryAll(desk, '[part~="notice"]').length === 0, 'the notice goes away');
  reached('dismissed');

  // R8, R3, R10: accept → Enter Waiting Room → In Waiting Room → Enter Meeting → meeting → leave.
  (await button(okaforItem, 'request-button')).click();
  await untilText(okafor, cast.names.desk);
  (await button(okafor, 'accept-button')).click();
  await untilText(desk, `Session with ${cast.names.okafor}`);
  reached('accepted, session');
  (await button(desk, 'enter-button', 'Enter Waiting Room')).click();
  await untilText(desk, 'You are in the waiting room.');
  await untilText(okafor, 'In Waiting Room');
  reached('waiting room');
  (await button(okafor, 'enter-button', 'Enter Meeting')).click();
  await untilText(desk, `In the meeting with ${cast.names.okafor}.`);
  await untilText(okafor, `In the meeting with ${cast.names.desk}.`);
  reached('meeting');
  (await button(desk, 'leave-button')).click();
  await waitUntil(() => !deepText(desk).includes('In the meeting with'), 'the meeting ends');
  reached('left');

  // R6, R5: unavailable → a request is declined at once → available again.
  const toggle = await deepFind<HTMLButtonElement>(okafor, 'button[role="switch"]');
  toggle.click();
  await untilText(okafor, 'I Am Unavailable for Sessions');
  await untilText(desk, 'Unavailable');
  (await button(okaforItem, 'request-button')).click();
  await untilText(desk, 'is unavailable for sessions, so your request was declined.');
  reached('unavailable, instant decline');
  (await button(desk, 'dismiss-button')).click();
  // The switch as it is on screen now (a re-render may have replaced the one pressed above), once
  // its last change is answered: a busy switch does not act on a click (a loaded machine is slow).
  (await deepFind<HTMLButtonElement>(okafor, 'button[role="switch"][aria-busy="false"]')).click();
  await untilText(okafor, 'I Am Available for Sessions');

  // A server error on a command.
  await stage.faults.failNextCommand(403);
  (await button(okaforItem, 'request-button')).click();
  await untilText(okaforItem, 'You are not allowed to do that.');
  reached('error (server)');

  // The connection drops and the browser goes offline, then comes back.
  await stage.faults.blockStreams(true);
  await stage.faults.dropStreams();
  await untilText(desk, 'Connection lost. Reconnecting…');
  reached('reconnecting');
  Object.defineProperty(win.navigator, 'onLine', { configurable: true, get: () => false });
  win.dispatchEvent(new Event('offline'));
  await untilText(desk, 'You are offline.');
  reached('offline');
  await stage.faults.blockStreams(false);
  delete (win.navigator as { onLine?: boolean }).onLine;
  win.dispatchEvent(new Event('online'));
  await waitUntil(() => deepQueryAll(desk, '[part~="base"][data-state="connected"]').length > 0, 'live again', { timeout: 8_000 });
  reached('back online');

  // A token the backend refuses.
  const refused = stage.mountRefused(['vc-connection-status', 'vc-provider-list']);
  await untilText(refused, 'You are signed out. Sign in again to continue.');
  reached('signed out (unauthorized)');

  // The idle guard: the warning dialog (modal), then the idle sign-out and its notice.
  const idle = stage.mount(cast.tokens.nurseCart, ['vc-provider-list'], { 'idle-timeout': '60', 'idle-warning': '20' });
  await untilText(idle, cast.names.okafor);
  const guard = [...deepElements(idle)].find((element) => element.localName === 'vc-idle-guard') as HTMLElement & { clock: unknown };
  const clock = new ManualClock(Date.now());
  guard.clock = clock;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await clock.advance(40_000);
  const dialog = await deepFind<HTMLDialogElement>(idle, 'dialog[open]');
  expect(dialog.matches(':modal')).to.equal(true);
  reached('idle warning');
  await clock.advance(20_000);
  await untilText(idle, 'You were signed out after 1 minute without activity.');
  reached('idle signed out');

  return states;
}
