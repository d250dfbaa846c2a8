/**
 * Issue 13.5: the event-stream reader is a well-kept parser (eventsource-parser) behind our small
 * adapter; our CRLF and split-chunk cases stay. Issue 17.3: a line or an event past the contract's
 * limit ends the stream instead of growing memory.
 */
import { expect } from '@open-wc/testing';
import { EventTooLargeError, SseReader, type ServerSentEvent } from '../../src/transport/live-stream.js';

function parse(chunks: string[], maxEventChars?: number): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const reader = new SseReader((event) => events.push(event), maxEventChars);
  for (const chunk of chunks) reader.push(chunk);
  return events;
}

describe('live stream: SseReader', () => {
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

  it('a stream that never sends a newline is refused once past the limit, however it is split', () => {
    const reader = new SseReader(() => {}, 1000);
    let thrown: unknown = null;
    try {
      for (let i = 0; i < 100 && !thrown; i++) reader.push('x'.repeat(100));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(EventTooLargeError);
  });

  it('an event larger than the limit is refused, even when it arrives in one piece', () => {
    expect(() => parse([`event: change\ndata: ${'x'.repeat(5000)}\n\n`], 1000)).to.throw(EventTooLargeError);
    expect(() => parse(['data: a\n'.repeat(600) + '\n'], 1000)).to.throw(EventTooLargeError);
  });
});
