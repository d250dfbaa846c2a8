// `npm run screenshots`: PNGs of the demo in each theme (screenshots/demo-<theme>.png), with a
// request waiting and a session open so that every kind of item is on screen.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findOrInstallBrowser } from './find-browser.mjs';

const OUT = process.argv[2] ?? 'screenshots';
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});

const server = spawn(process.execPath, [...process.execArgv, 'scripts/serve.mjs'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => String(chunk).includes('http://localhost') && resolve());
  server.on('exit', (code) => reject(new Error(`the demo server exited (${code})`)));
});

/** Polls for a selector under an element (waitForSelector does not pierce nested shadow roots from an element). */
async function find(handle, selector, timeout = 10_000) {
  for (const end = Date.now() + timeout; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const found = await handle.$(selector);
    if (found) return found;
  }
  throw new Error(`${selector} never appeared`);
}

const browser = await puppeteer.launch({ executablePath: findOrInstallBrowser(), args: CHROME_ARGS });
try {
  mkdirSync(OUT, { recursive: true });
  for (const theme of ['default', 'dark', 'brand']) {
    const page = await browser.newPage();
    page.on('console', (m) => process.env.DEBUG && console.log('page:', m.text()));
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.setViewport({ width: 1600, height: 1000 });
    await page.goto(`http://localhost:${port}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    await page.click(`input[name="theme"][value="${theme}"]`);
    const requester = await page.waitForSelector('section[data-user-id="req-frontdesk"]');
    for (const [provider, service] of [['prov-okafor', 'svc-urgent'], ['prov-lindqvist', 'svc-behavioral']]) {
      const item = await find(requester, `pierce/li[data-provider-id="${provider}"]`);
      const select = await item.$('pierce/select');
      await select.select(service);
      await (await item.$('pierce/button[part~="request-button"]')).click();
    }
    const okafor = await page.$('section[data-user-id="prov-okafor"]');
    await (await find(okafor, 'pierce/button[part~="accept-button"]')).click();
    await find(requester, 'pierce/button[part~="enter-button"]');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const file = `${OUT}/demo-${theme}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
