import { expect } from '@open-wc/testing';
import { SseParser, type ServerSentEvent } from '../../src/transport/sse-parser.js';

function parse(chunks: string[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const parser = new SseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  return events;
}

describe('SseParser', () => {
  it('reads id, event and data of each message', () => {
    expect(parse(['id: 3\nevent: change\ndata: {"a":1}\n\n'])).to.deep.equal([{ id: '3', event: 'change', data: '{"a":1}' }]);
  });

  it('joins a message split across chunks, even inside a line and across CRLF', () => {
    expect(parse(['id: 1\r\nev', 'ent: heartbeat\r', '\ndata: {}\r\n', '\r\n'])).to.deep.equal([{ id: '1', event: 'heartbeat', data: '{}' }]);
  });

  it('joins several data lines with newlines and ignores comments', () => {
    expect(parse([': keep-alive\ndata: a\ndata: b\n\n'])).to.deep.equal([{ id: null, event: 'message', data: 'a\nb' }]);
  });

  it('sends nothing for a message that is not finished yet', () => {
    expect(parse(['data: half'])).to.deep.equal([]);
  });
});
