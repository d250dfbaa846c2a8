// Test-runner commands for the accessibility tests, through the Chrome DevTools protocol:
// - `media-features`: emulates any CSS media feature in the test's page (`prefers-color-scheme`,
//   `forced-colors` …; the runner's own emulateMedia, and puppeteer's, accept only some, and forced
//   colours is not among them). An empty list ends the emulation.
//   `executeServerCommand('media-features', [{ name: 'forced-colors', value: 'active' }])`
// - `accessibility-tree`: the page's accessibility tree as the browser gives it to a screen reader
//   (shadow roots included), flattened to `{ role, name, checked, focused }` per node, in order.
//   `executeServerCommand('accessibility-tree')`
// - `focus-emulation`: the page behaves as the focused one even while another test file's page
//   runs beside it (the runner runs two at once), so `:focus-visible` rings show as for a user.
//   `executeServerCommand('focus-emulation')`
const RESET = ['prefers-color-scheme', 'forced-colors', 'prefers-contrast', 'prefers-reduced-motion'].map((name) => ({ name, value: '' }));

export function a11yCommandsPlugin() {
  const sessions = new WeakMap();
  const cdpOf = async (page) => {
    let cdp = sessions.get(page);
    if (!cdp) sessions.set(page, (cdp = await page.createCDPSession()));
    return cdp;
  };
  return {
    name: 'a11y-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'media-features' && command !== 'accessibility-tree' && command !== 'focus-emulation') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error(`${command} needs puppeteer, not ${session.browser.type}`);
      const page = session.browser.getPage(session.id);
      if (command === 'focus-emulation') {
        await (await cdpOf(page)).send('Emulation.setFocusEmulationEnabled', { enabled: true });
        return true;
      }
      if (command === 'media-features') {
        const features = Array.isArray(payload) && payload.length > 0 ? payload : RESET;
        await (await cdpOf(page)).send('Emulation.setEmulatedMedia', { features });
        return true;
      }
      const nodes = [];
      const visit = (node) => {
        if (!node) return;
        nodes.push({ role: node.role, name: node.name ?? '', checked: node.checked, focused: node.focused ?? false, description: node.description ?? '' });
        for (const child of node.children ?? []) visit(child);
      };
      visit(await page.accessibility.snapshot({ interestingOnly: false }));
      return nodes.filter((node) => node.role !== 'none' && node.role !== 'generic' && node.role !== 'InlineTextBox');
    },
  };
}
