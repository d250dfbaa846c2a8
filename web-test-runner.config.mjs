// The browser tests: every test/**/*.test.ts in one headless Chromium.
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { CHROME_ARGS, findBrowser } from './scripts/find-browser.mjs';
import { mswWorkerPlugin, nodeEnvPlugin, typescriptPlugin } from './scripts/dev-plugins.mjs';
import { countReporter } from './test/support/count-reporter.mjs';

const summaryFile = process.env.VC_TEST_SUMMARY;

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  concurrentBrowsers: 1,
  testsFinishTimeout: 240_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: process.env.CHROME_PATH || findBrowser() || undefined, args: CHROME_ARGS },
    }),
  ],
  plugins: [typescriptPlugin(), nodeEnvPlugin(), mswWorkerPlugin()],
  reporters: [defaultReporter(), ...(summaryFile ? [countReporter(summaryFile)] : [])],
};
