/** Opens the demo page (or one user's tab of it) in an iframe, as a visitor would open it. */
import { waitUntil } from '@open-wc/testing';
import { findRegion } from './deep-query.js';

const frames: HTMLIFrameElement[] = [];

export async function openDemo(query = '', page = '/demo/index.html'): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.title = 'demo';
  frame.src = `${page}${query}`;
  frame.style.width = '1400px';
  frame.style.height = '900px';
  document.body.append(frame);
  frames.push(frame);
  await waitUntil(() => frame.contentDocument?.documentElement?.dataset.ready === 'true', 'the demo never became ready', { timeout: 10_000 }).catch((error: Error) => {
    throw new Error(`${error.message}: ${frame.contentDocument?.getElementById('demo-status')?.textContent ?? ''}`);
  });
  return frame.contentDocument!;
}

/**
 * Reloads a tab opened with `openDemo`, as the browser's reload button does: the page, its
 * clinics, their channels and Web Locks go away, and a new page loads in the same frame.
 */
export async function reloadDemo(doc: Document): Promise<Document> {
  const frame = doc.defaultView!.frameElement as HTMLIFrameElement;
  doc.defaultView!.location.reload();
  await waitUntil(() => frame.contentDocument !== doc && frame.contentDocument?.documentElement?.dataset.ready === 'true', 'the reloaded demo never became ready', {
    timeout: 10_000,
  });
  return frame.contentDocument!;
}

export function closeDemos(): void {
  for (const frame of frames.splice(0)) frame.remove();
}

export async function pane(doc: Document, name: string): Promise<HTMLElement> {
  await waitUntil(() => findRegion(doc, name), `no region "${name}"`, { timeout: 5000 });
  return findRegion(doc, name)!;
}
