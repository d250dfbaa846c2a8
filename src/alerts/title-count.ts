/**
 * The count of waiting requests in the page title, shared by every alert source on the page (a
 * page may show several providers' dashboards): the title shows the total, and goes back to the
 * host's own title when none remain.
 */
const counts = new Map<object, number>();
let original: string | null = null;
let format: (count: number, original: string) => string = (count, title) => `(${count}) ${title}`;

function render(doc: Document): void {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (total > 0) {
    original ??= doc.title;
    doc.title = format(total, original);
  } else if (original !== null) {
    doc.title = original;
    original = null;
  }
}

/** Sets how many requests `source` has waiting (0 removes it). */
export function setTitleCount(doc: Document, source: object, count: number, formatTitle?: (count: number, original: string) => string): void {
  if (formatTitle) format = formatTitle;
  if (count > 0) counts.set(source, count);
  else counts.delete(source);
  render(doc);
}
