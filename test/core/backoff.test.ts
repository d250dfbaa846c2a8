import { expect } from '@open-wc/testing';
import { backoffDelay } from '../../src/core/backoff.js';

describe('backoffDelay', () => {
  const policy = { baseMs: 500, capMs: 30_000 };

  it('doubles the ceiling each attempt, up to the cap', () => {
    const ceilings = [0, 1, 2, 3, 10].map((attempt) => backoffDelay(attempt, policy, () => 0.999999));
    expect(ceilings).to.deep.equal([499, 999, 1999, 3999, 29999]);
  });

  it('waits a random share of the ceiling (full jitter)', () => {
    expect(backoffDelay(3, policy, () => 0)).to.equal(0);
    expect(backoffDelay(3, policy, () => 0.5)).to.equal(2000);
  });
});
