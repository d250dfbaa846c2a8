/**
 * An incremental parser for `text/event-stream` (the WHATWG rules we need: `event`, `data`, `id`,
 * comments, CR/LF/CRLF line ends), fed with decoded text chunks as they arrive.
 */
export interface ServerSentEvent {
  event: string;
  data: string;
  id: string | null;
}

export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #id: string | null = null;
  readonly #onEvent: (event: ServerSentEvent) => void;

  constructor(onEvent: (event: ServerSentEvent) => void) {
    this.#onEvent = onEvent;
  }

  push(chunk: string): void {
    let text = this.#buffer + chunk;
    // A CR at the very end may be the first half of a CRLF split across chunks: it waits.
    const trailingCR = text.endsWith('\r');
    if (trailingCR) text = text.slice(0, -1);
    const lines = text.split(/\r\n|\r|\n/);
    // The last piece may be a line still being written; keep it for the next chunk.
    this.#buffer = (lines.pop() ?? '') + (trailingCR ? '\r' : '');
    for (const line of lines) this.#line(line);
  }

  #line(line: string): void {
    if (line === '') {
      if (this.#data.length > 0) {
        this.#onEvent({ event: this.#event || 'message', data: this.#data.join('\n'), id: this.#id });
      }
      this.#event = '';
      this.#data = [];
      this.#id = null;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
  }
}
