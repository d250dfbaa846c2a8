import { expect } from '@open-wc/testing';
import { mediaProblemOf } from '../../src/media/media-problem.js';

describe('mediaProblemOf', () => {
  it("names the browser's errors in words a user can act on", () => {
    const cases: Array<[string, string]> = [
      ['NotAllowedError', 'permission-denied'],
      ['SecurityError', 'permission-denied'],
      ['NotFoundError', 'no-device'],
      ['OverconstrainedError', 'no-device'],
      ['NotReadableError', 'device-in-use'],
      ['AbortError', 'device-in-use'],
      ['TypeError', 'failed'],
    ];
    for (const [name, problem] of cases) expect(mediaProblemOf(new DOMException('x', name)), name).to.equal(problem);
    expect(mediaProblemOf(null)).to.equal('failed');
    expect(mediaProblemOf('NotAllowedError')).to.equal('failed');
  });
});
