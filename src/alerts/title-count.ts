/**
 * The count of waiting requests in the page title, shared by every alert source on the page (a
 * page may show several providers' dashboards): the title shows the total, and goes back to the
 * host's own title when none remain.
 *
 * The title is the host's (issue 16 case 8): a single-page app changes it on each route. While a
 * count shows, a title the host sets is taken as its new own title and the count is put in front
 * of it again; when the count goes, the host's latest title stays, never an older one.
 */
const counts = new Map<object, number>();
/** The host's own title, while a count shows. */
let original: string | null = null;
/** What this module last wrote: any other title was set by the host. */
let written: string | null = null;
let format: (count: number, original: string) => string = (count, title) => `(${count}) ${title}`;
let observer: MutationObserver | null = null;

function render(doc: Document): void {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const current = doc.title;
  if (original !== null && current !== written) original = current; // the host changed its title meanwhile
  if (total > 0) {
    original ??= current;
    written = format(total, original);
    if (current !== written) doc.title = written;
    watch(doc);
  } else if (original !== null) {
    if (current === written) doc.title = original;
    original = null;
    written = null;
    observer?.disconnect();
    observer = null;
  }
}

/** Notices the host setting its title (a new `<title>` or new text in it) while a count shows. */
function watch(doc: Document): void {
  if (observer || typeof MutationObserver === 'undefined' || !doc.head) return;
  observer = new MutationObserver(() => {
    if (doc.title !== written) render(doc);
  });
  observer.observe(doc.head, { childList: true, subtree: true, characterData: true });
}

/** Sets how many requests `source` has waiting (0 removes it). */
export function setTitleCount(doc: Document, source: object, count: number, formatTitle?: (count: number, original: string) => string): void {
  if (formatTitle) format = formatTitle;
  if (count > 0) counts.set(source, count);
  else counts.delete(source);
  render(doc);
}
