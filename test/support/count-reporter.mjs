// A test-runner reporter that writes how many tests passed, failed and were skipped, so that
// scripts/test.mjs can print the one closing line CI reads ("N passed, N failed").
import { writeFileSync } from 'node:fs';

function countSuite(suite, totals) {
  for (const test of suite.tests) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites) countSuite(child, totals);
}

export function countReporter(outputFile) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = totals.passed + totals.failed + totals.skipped;
        if (session.testResults) countSuite(session.testResults, totals);
        // A file that failed to load (or threw outside a test) has no results: count it as failed.
        if (!session.passed && totals.passed + totals.failed + totals.skipped === before) totals.failed++;
        else if (!session.passed && session.errors?.length) totals.failed++;
      }
      writeFileSync(outputFile, JSON.stringify(totals));
    },
  };
}
