/**
 * The tags' per-item state records (src/elements/internal/records.ts): a change gives a new record,
 * no change gives the same one back, so that Lit renders only when something changed.
 */
import { expect } from '@open-wc/testing';
import { without, withEntry } from '../../src/elements/internal/records.js';

describe('per-item state records', () => {
  const errors: Readonly<Record<string, string>> = Object.freeze({ a: 'network', b: 'conflict' });

  it('without: drops the keys it is given, and gives the same record when it holds none of them', () => {
    expect(without(errors, 'a')).to.deep.equal({ b: 'conflict' });
    expect(without(errors, 'a', 'b')).to.deep.equal({});
    expect(without(errors, 'c')).to.equal(errors);
    expect(without(errors)).to.equal(errors);
    expect(errors).to.deep.equal({ a: 'network', b: 'conflict' }, 'the record itself is left as it was');
  });

  it('withEntry: sets or replaces a key, null removes it, and the same value gives the same record', () => {
    expect(withEntry(errors, 'c', 'timeout')).to.deep.equal({ a: 'network', b: 'conflict', c: 'timeout' });
    expect(withEntry(errors, 'a', 'timeout')).to.deep.equal({ a: 'timeout', b: 'conflict' });
    expect(withEntry(errors, 'a', null)).to.deep.equal({ b: 'conflict' });
    expect(withEntry(errors, 'a', 'network')).to.equal(errors);
    expect(withEntry(errors, 'c', null)).to.equal(errors);
    // A key named like one of Object's own ("toString") is an ordinary id here.
    expect(withEntry({}, 'toString', 'x')).to.deep.equal({ toString: 'x' });
    expect(without({ toString: 'x' }, 'toString')).to.deep.equal({});
  });
});
