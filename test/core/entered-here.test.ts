/**
 * Issue 17.9 and 18.2: which tab holds a session's camera and microphone. The tab where the user
 * acted holds a Web Lock for it; a page that loads into a visit takes the visit only when no other
 * tab holds that lock (a reload), and a tab whose lock another tab took lets go. A Web Lock held
 * by a separate frame stands for another tab: locks are shared by every page of the origin.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { atom } from 'nanostores';
import { enteredHereBy, forgetEnteredHere, markEnteredHere, resumeIfUnheld, resumingHereBy } from '../../src/core/entered-here.js';

let runs = 0;

describe('the tab that holds a session (entered here)', () => {
  let user: string;
  let scope: string;
  const $user = atom<string | null>(null);
  const $entered = enteredHereBy($user);
  const $resuming = resumingHereBy($user);
  const frames: HTMLIFrameElement[] = [];

  beforeEach(() => {
    user = `user-${++runs}-${crypto.randomUUID()}`;
    scope = `scope-${crypto.randomUUID()}`;
    $user.set(user);
  });
  afterEach(() => {
    forgetEnteredHere(user);
    for (const frame of frames.splice(0)) frame.remove();
  });

  /** Another tab of this browser holding the session's lock: a frame of its own realm. */
  async function otherTabHolds(sessionId: string): Promise<HTMLIFrameElement> {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    frames.push(frame);
    const locks = (frame.contentWindow!.navigator as Navigator).locks;
    let held = false;
    void locks.request(`virtual-clinic:devices:${scope}:${user}:${sessionId}`, () => {
      held = true;
      return new Promise<void>(() => {});
    });
    await waitUntil(() => held, 'the other tab never got the lock');
    return frame;
  }

  it('a page that loads into a visit no other tab holds takes it (a reload)', async () => {
    resumeIfUnheld(user, 'session-1', scope);
    expect($resuming.get()['session-1'], 'asking').to.equal(true);
    await waitUntil(() => $entered.get()['session-1'] === true, 'the page never took the visit back');
    expect($resuming.get()['session-1']).to.equal(undefined);
  });

  it('a page that loads into a visit another tab holds leaves it there, and asks only once', async () => {
    const other = await otherTabHolds('session-1');
    resumeIfUnheld(user, 'session-1', scope);
    await waitUntil(() => !$resuming.get()['session-1'], 'never answered');
    expect($entered.get()['session-1'], 'took a visit another tab holds').to.equal(undefined);
    other.remove(); // that tab closes: this page does not grab the devices on its own later
    resumeIfUnheld(user, 'session-1', scope);
    expect($resuming.get()['session-1']).to.equal(undefined);
    expect($entered.get()['session-1']).to.equal(undefined);
  });

  it('where the user acts, the tab takes the lock from the tab that held it, which lets go', async () => {
    markEnteredHere(user, 'session-1', scope);
    expect($entered.get()['session-1']).to.equal(true);
    // The user presses Continue Here in another tab: it steals the lock.
    const frame = document.createElement('iframe');
    document.body.append(frame);
    frames.push(frame);
    const locks = (frame.contentWindow!.navigator as Navigator).locks;
    await waitUntil(async () => (await navigator.locks.query()).held?.some((lock) => lock.name?.endsWith(`${user}:session-1`)), 'this tab never held the lock');
    void locks.request(`virtual-clinic:devices:${scope}:${user}:session-1`, { steal: true }, () => new Promise<void>(() => {}));
    await waitUntil(() => !$entered.get()['session-1'], 'this tab kept the session after another took its lock');
  });

  it('a sign-out lets go of the locks, so the next page of that user can take the visit', async () => {
    markEnteredHere(user, 'session-1', scope);
    const name = `virtual-clinic:devices:${scope}:${user}:session-1`;
    await waitUntil(async () => (await navigator.locks.query()).held?.some((lock) => lock.name === name), 'never held');
    forgetEnteredHere(user);
    expect($entered.get()['session-1']).to.equal(undefined);
    await waitUntil(async () => !(await navigator.locks.query()).held?.some((lock) => lock.name === name), 'the lock outlived the sign-out');
  });

  it('without tab coordination (no scope) a page is alone and takes the visit at once', () => {
    resumeIfUnheld(user, 'session-2', null);
    expect($entered.get()['session-2']).to.equal(true);
  });
});
