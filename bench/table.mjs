// The Markdown table of `npm run bench`: every figure beside its baseline, as a ratio, with the
// budgets of issue 10 checked. `formatMarkdown(results)` takes the object run.mjs writes as JSON.
import { cpus } from 'node:os';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);
const ratio = (ours, baseline) => (baseline > 0 ? `${(ours / baseline).toFixed(2)}×` : '—');
const count = (n) => n.toLocaleString('en-US');
const mark = (ok) => (ok ? '✓' : '✗');
const table = (header, rows) => [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** The budgets, each with whether it holds; `null` where the run did not measure it. */
export function checkBudgets(results) {
  const { budgets } = results;
  const checks = [];
  if (results.size) {
    const { cdn, pages = [], loader } = results.size;
    for (const page of pages) {
      checks.push({
        budget: `script fetched before a page with \`<vc-${page.tag}>\` shows its data ≤ ${kb(budgets.pageGzipBytes)} gzip, from a bundler (\`${page.name}\`, with the HTTP client)`,
        measured: `${kb(page.data.gzip)} (brotli ${kb(page.data.brotli)})`,
        ok: page.data.gzip <= budgets.pageGzipBytes,
      });
    }
    for (const page of loader?.pages ?? []) {
      checks.push({
        budget: `script fetched before a page with \`<vc-${page.tag}>\` shows its data ≤ ${kb(budgets.pageGzipBytes)} gzip, from the script tag (loader and ${page.files - 1} chunks)`,
        measured: `${kb(page.data.gzip)} (brotli ${kb(page.data.brotli)})`,
        ok: page.data.gzip <= budgets.pageGzipBytes,
      });
    }
    if (budgets.loaderGzipBytes) {
      checks.push({ budget: `the script tag's on-demand loader ≤ ${kb(budgets.loaderGzipBytes)} gzip`, measured: loader ? `${kb(loader.gzip)} (brotli ${kb(loader.brotli)})` : 'not built', ok: Boolean(loader && loader.gzip <= budgets.loaderGzipBytes) });
    }
    if (loader) {
      checks.push({
        budget: 'the loader and all its chunks together ≤ the single-file bundle (gzip, each file alone as served)',
        measured: `${kb(loader.all.gzip)} vs ${kb(cdn.gzip)} (brotli ${kb(loader.all.brotli)} vs ${kb(cdn.brotli)})`,
        ok: loader.all.gzip <= cdn.gzip,
      });
    }
  }
  if (results.render) {
    for (const row of results.render.filter((r) => r.count === 1000)) {
      const r = row.ours / row.baseline;
      checks.push({ budget: `first render of 1,000 ${row.kind === 'providers' ? 'providers' : 'requests'} ≤ ${budgets.renderRatioAt1000}× the hand-written list`, measured: `${r.toFixed(2)}×`, ok: r <= budgets.renderRatioAt1000 });
    }
  }
  if (results.update) {
    const u = results.update.ours;
    checks.push({
      budget: 'a single-row update at 10,000 providers under one frame (work < 16.7 ms, shown in the next frame, one row re-rendered)',
      measured: `${ms(u.domMs)} work, frame ${u.frames}, ${u.rows} row(s)`,
      ok: u.domMs < budgets.frameMs && u.frames <= 1 && u.rows === 1 && u.listChanges === 0,
    });
  }
  if (results.update && budgets.updateRatio) {
    const r = results.update.ours.domMs / results.update.baseline.domMs;
    checks.push({ budget: `one availability change at 10,000 providers ≤ ${budgets.updateRatio}× the hand-written list's work`, measured: `${r.toFixed(2)}× (${ms(results.update.ours.domMs)} vs ${ms(results.update.baseline.domMs)})`, ok: r <= budgets.updateRatio });
  }
  if (results.e2e && budgets.e2eRatio) {
    const { ours, baseline } = results.e2e;
    const r = ours.median / baseline.median;
    checks.push({
      budget: `Accept → the requester's session painted ≤ ${budgets.e2eRatio}× the bare fetch-and-stream baseline, which also paints it (medians)`,
      measured: `${r.toFixed(2)}× (${ms(ours.median)} vs ${ms(baseline.median)})`,
      ok: r <= budgets.e2eRatio,
    });
  }
  if (results.filter) {
    const f = results.filter.ours;
    checks.push({ budget: 'filtering 10,000 providers answers within one frame (work < 16.7 ms, shown in the next frame)', measured: `${ms(f.domMs)} work, frame ${f.frames}`, ok: f.domMs < budgets.frameMs && f.frames <= 1 });
  }
  if (results.memory) {
    const { cycles, live } = results.memory;
    const limit = memoryNoise(results.memory);
    const leaky = cycles.filter((c) => !c.tag.startsWith('baseline-') && !cleanCycle(c, limit));
    checks.push({
      budget: `no heap growth beyond noise (${kb(limit)}) after the mount/unmount cycles, nothing left behind`,
      measured: leaky.length ? leaky.map((c) => `${c.tag} ${kb(c.heap)}, ${c.objects} objects`).join('; ') : `largest ${kb(Math.max(...cycles.map((c) => c.heap)))}, at most ${Math.max(...cycles.map((c) => c.objects))} objects`,
      ok: leaky.length === 0,
    });
    checks.push({
      budget: `no heap growth beyond noise after ${count(live.events)} live events`,
      measured: `${kb(live.heap)}, ${live.objects} objects`,
      ok: live.heap <= limit && live.objects <= objectLimit(live.events * 3) && live.nodes <= 0 && live.listeners <= 0 && live.timers <= 0,
    });
  }
  return checks;
}

/**
 * What counts as noise in the heap figure: twice the hand-written list's steady-state growth, and
 * at least 64 KB (V8 re-optimizing code now and then grows the heap by tens of KB in a round
 * without a single object more, which the object count shows).
 */
export function memoryNoise(memory) {
  const control = memory.cycles.find((c) => c.tag.startsWith('baseline-'));
  return Math.max(64 * 1024, control ? Math.abs(control.heap) * 2 : 0);
}

/** A leak leaves objects behind each cycle: more than one live object per ten cycles is not noise. */
const objectLimit = (cycles) => cycles / 10;
const cleanCycle = (c, limit) => c.heap <= limit && c.objects <= objectLimit(c.cycles * 3) && c.nodes <= 0 && c.listeners <= 0 && c.timers <= 0;

/**
 * The whole table; `compact` (the README's copy) leaves out the per-module size breakdown, the
 * per-entry sizes and the per-tag memory rows, which bench/LATEST.md keeps.
 */
export function formatMarkdown(results, { compact = false } = {}) {
  const out = [];
  out.push(`Measured ${results.date.slice(0, 10)} on ${results.machine}${results.browser ? `, ${results.browser}` : ''}${results.quick ? ' (quick run: fewer repetitions)' : ''}. Each figure is measured beside its baseline in the same run; ratio = ours ÷ baseline (lower is better).`);

  const checks = checkBudgets(results);
  if (checks.length) {
    out.push('\n### Budgets\n');
    out.push(table(['budget', 'measured', ''], checks.map((c) => [c.budget, c.measured, mark(c.ok)])));
  }

  if (results.size) {
    const { cdn, entries, breakdown } = results.size;
    out.push('\n### Size\n');
    out.push('gzip -9 and brotli -11 bytes. Floor: the sum of the dependencies\' own minified sizes (each alone, just the modules the SDK imports). An entry "at start" is what a host\'s bundler loads before anything is used; "in all" adds the chunks loaded on demand (the HTTP client, the virtualizer).\n');
    const rows = [['single-file script-tag bundle `dist/cdn/virtual-clinic.bundle.js`', kb(cdn.gzip), kb(cdn.brotli), kb(cdn.floor.total.gzip), kb(cdn.floor.total.brotli), ratio(cdn.gzip, cdn.floor.total.gzip)]];
    const { loader } = results.size;
    if (loader) {
      rows.push(['script-tag loader `dist/cdn/virtual-clinic.js`', kb(loader.gzip), kb(loader.brotli), '', '', '']);
      rows.push([`the loader and all ${loader.chunks} chunks (each alone)`, kb(loader.all.gzip), kb(loader.all.brotli), kb(cdn.floor.total.gzip), kb(cdn.floor.total.brotli), ratio(loader.all.gzip, cdn.floor.total.gzip)]);
      for (const page of loader.pages) rows.push([`a page with \`<vc-${page.tag}>\` through the loader, before its data shows (${page.files} files)`, kb(page.data.gzip), kb(page.data.brotli), '', '', '']);
    }
    for (const entry of compact ? entries.filter((e) => e.name === '@virtual-clinic/sdk') : entries) {
      rows.push([`\`${entry.name}\` at start`, kb(entry.start.gzip), kb(entry.start.brotli), kb(entry.floor.total.gzip), kb(entry.floor.total.brotli), ratio(entry.start.gzip, entry.floor.total.gzip)]);
      rows.push([`\`${entry.name}\` in all`, kb(entry.all.gzip), kb(entry.all.brotli), kb(entry.floor.total.gzip), kb(entry.floor.total.brotli), ratio(entry.all.gzip, entry.floor.total.gzip)]);
    }
    for (const page of results.size.pages ?? []) {
      rows.push([`a page with \`<vc-${page.tag}>\`: \`${page.name}\` before its data shows`, kb(page.data.gzip), kb(page.data.brotli), '', '', '']);
    }
    out.push(table(['what', 'gzip', 'brotli', 'floor gzip', 'floor brotli', 'ratio (gzip)'], rows));
    out.push(`\nFloor of the single-file bundle: ${cdn.floor.parts.map((p) => `${p.name} ${kb(p.gzip)}`).join(' + ')} (gzip).`);
    if (!compact) {
      out.push('\nWhere the single-file bundle\'s bytes go (minified bytes per module group; gzip share estimated pro rata):\n');
      out.push(table(['module group', 'minified', '≈ gzip'], breakdown.slice(0, 16).map((b) => [b.group, kb(b.min), kb(b.gzipEstimate)])));
      for (const page of results.size.pages ?? []) {
        if (!page.breakdown) continue;
        out.push(`\nWhat stands between a page with \`<vc-${page.tag}>\` and the 25 KB budget: the modules a bundler ships before its data shows (\`${page.name}\` with the HTTP client, minified bytes per module group, gzip share estimated pro rata):\n`);
        out.push(table(['module group', 'minified', '≈ gzip'], page.breakdown.slice(0, 20).map((b) => [b.group, kb(b.min), kb(b.gzipEstimate)])));
      }
    }
  }

  if (results.render) {
    out.push('\n### Render\n');
    out.push(`Time to first render: from putting the tag in the page (its clinic already loaded) to its rows painted. Baseline: a minimal hand-written Lit \`repeat\` list of the same data in the same page. Median of ${results.render[0].runs} runs.\n`);
    out.push(
      table(
        ['list', 'items', 'ours', 'baseline', 'ratio'],
        results.render.map((r) => [r.kind === 'providers' ? '`<vc-provider-list>`' : '`<vc-request-queue>`', count(r.count), ms(r.ours), ms(r.baseline), ratio(r.ours, r.baseline)]),
      ),
    );
  }

  const timedTable = (title, note, data, extra = false) => {
    out.push(`\n### ${title}\n`);
    out.push(`${note} Median of ${data.ours.runs} runs; "frame" is the latest animation frame, counted from the start, in which the change showed (1 = the very next frame).\n`);
    const header = ['', 'work (→ DOM)', 'to screen (painted)', 'frame', ...(extra ? ['rows re-rendered'] : [])];
    const rerendered = (d) => `${d.rows}${d.edgeRows ? `; ${d.edgeRows} entered or left the window` : ''}${d.listChanges ? `; ${d.listChanges} other changes` : ''}`;
    const row = (label, d) => [label, ms(d.domMs), ms(d.screenMs), String(d.frames), ...(extra ? [rerendered(d)] : [])];
    out.push(table(header, [row('ours', data.ours), row('baseline (hand-written list)', data.baseline), ['ratio', ratio(data.ours.domMs, data.baseline.domMs), ratio(data.ours.screenMs, data.baseline.screenMs), '', ...(extra ? [''] : [])]]));
  };
  if (results.update) {
    timedTable('Update', 'One provider\'s availability changes in a list of 10,000: from the live event arriving (the transport hands it over) to the changed row. Rows re-rendered: rows whose DOM changed (other than the virtualizer placing them); a row whose height changes (an unavailable provider has one more button) can move the edge of the rendered window by a row, which is counted apart.', results.update, true);
    if (results.update.ours.syncMs !== undefined) {
      out.push(`\nOf our work, ${ms(results.update.ours.syncMs)} (median) is the state core taking the event in before anything renders: merging it into the store of 10,000 providers and moving one entry of the sorted list (\`src/core/\`, issue 15: in place, O(log n)).`);
    }
  }
  if (results.filter) timedTable('Filter', 'Typing in the provider list\'s search field at 10,000 providers (three queries: a specialty, a name, a number): from the input event to the matching rows. The baseline filters its array by hand.', results.filter);

  if (results.e2e) {
    const { ours, baseline, runs, load, windows, clockOffset } = results.e2e;
    const where = windows === 2 ? ': the provider and the requester in two windows of the browser (two renderer processes, as they would be two machines, so that neither side waits for the other\'s main thread)' : ', two clinics in one page';
    const clock = clockOffset ? ` Times across the two windows are each one's \`performance.timeOrigin + now()\`, corrected by the offset measured between them (${clockOffset.offset.toFixed(2)} ms ± ${(clockOffset.span / 2).toFixed(2)}).` : '';
    const busy = load ? ` Load average when done: ${load} (${cpus().length} cores, shared).` : '';
    out.push('\n### End to end\n');
    out.push(
      `From the provider's **Accept** to the requester's session on screen, over the Node mock backend on localhost${where}. Ours: the click on Accept in \`<vc-request-queue>\` until \`<vc-session-list>\` shows the session. Baseline: a bare client on each side, no SDK: the provider reads its raw event stream, shows its pending request in a plain list and accepts with a bare \`fetch\`; the requester reads its raw event stream and on the session's event writes one line ("Session with …") into a plain list. The baseline's users are twins of ours's in the mock's directory (the server does the same work for both; neither sees the other's events). Both are timed alike, until the first frame painted with the session (\`paintedWhen\`, armed before the Accept: the frame in which the session was first in the DOM, and the task after it), so both pay the same wait for a frame; that is the budget's figure. Beside it, for information, from the same Accept: when the provider's SDK sent the accept (its transport's \`fetch\` called), when the session event's bytes reached the requester's page (ours through the \`fetch\` given to its transport), when the store had the session (ours: \`$sessions\`), and when it was in the DOM (ours: a MutationObserver on the list's shadow root; the baseline: when it wrote its line).${clock} ${runs} runs of each, alternating.${busy}\n`,
    );
    const rows = [
      ['ours (Accept → painted)', ms(ours.median), ms(ours.p95)],
      ['baseline (a bare client on each side, painted)', ms(baseline.median), ms(baseline.p95)],
      ['ratio', ratio(ours.median, baseline.median), ratio(ours.p95, baseline.p95)],
    ];
    if (ours.dom) {
      rows.push(
        ...(ours.sent ? [['*information:* ours, the accept sent (the baseline sends it at 0)', ms(ours.sent.median), ms(ours.sent.p95)]] : []),
        ['*information:* ours, the event\'s bytes arrived', ms(ours.bytes.median), ms(ours.bytes.p95)],
        ...(ours.store ? [['*information:* ours, the session in the store', ms(ours.store.median), ms(ours.store.p95)]] : []),
        ['*information:* ours, the session in the DOM', ms(ours.dom.median), ms(ours.dom.p95)],
        ['*information:* baseline, the event\'s bytes arrived', ms(baseline.bytes.median), ms(baseline.bytes.p95)],
        ['*information:* baseline, its line in the DOM', ms(baseline.dom.median), ms(baseline.dom.p95)],
      );
    }
    out.push(table(['', 'median', '95th percentile'], rows));
  }

  if (results.memory) {
    const { noise, cycles, live } = results.memory;
    const limit = memoryNoise(results.memory);
    out.push('\n### Memory\n');
    out.push(
      `Heap (after forced GC, once the page's short timers have run: nanostores keeps a store mounted 1 s after its last listener, in a cascade through derived stores, and a snapshot in the middle of it counted a store's objects as left behind or freed by chance) after ${count(cycles[0].cycles)} mount/unmount cycles of \`<vc-clinic>\` + each tag with one host-held clinic, against the heap before; then DOM nodes, event listeners (CDP \`Memory.getDOMCounters\`) and pending timers (intervals, and timeouts over a second) left behind. Each tag runs four rounds of cycles: the first includes V8 warming up (optimized code and inline caches grow the heap once, and stop); the median of the next three is the steady state, where a leak shows, and what the budget judges. Objects (live JS objects, CDP \`Runtime.queryObjects\`), nodes, listeners and timers: left behind over those three rounds (a leak of one object per cycle would leave ${count(cycles[0].cycles * 3)}). Baseline: the hand-written list through the same cycles. Idle measurement noise ${kb(noise)}; counted as noise up to ${kb(limit)}.\n`,
    );
    if (compact) {
      const ours = cycles.filter((c) => !c.tag.startsWith('baseline-'));
      const worst = ours.reduce((a, b) => (b.heap > a.heap ? b : a));
      const control = cycles.find((c) => c.tag.startsWith('baseline-'));
      out.push(
        `Steady-state heap growth after ${count(cycles[0].cycles)} cycles: at most ${kb(worst.heap)} (\`<${worst.tag}>\`) across the ${ours.length} tags, against ${kb(control?.heap ?? 0)} for the hand-written list; objects, DOM nodes, listeners and timers left behind: ${Math.max(...ours.map((c) => c.objects))}, ${Math.max(...ours.map((c) => c.nodes))}, ${Math.max(...ours.map((c) => c.listeners))}, ${Math.max(...ours.map((c) => c.timers))} at most. Per tag: [bench/LATEST.md](bench/LATEST.md).`,
      );
    } else {
      out.push(
        table(
          ['tag', 'heap growth, first round', 'heap growth, steady (median)', 'objects', 'nodes', 'listeners', 'timers', 'ms / cycle', ''],
          cycles.map((c) => [
            c.tag.startsWith('baseline-') ? `baseline (${c.tag})` : `\`<${c.tag}>\``,
            kb(c.firstHeap),
            kb(c.heap),
            String(c.objects),
            String(c.nodes),
            String(c.listeners),
            String(c.timers),
            (c.ms / c.cycles).toFixed(2),
            c.tag.startsWith('baseline-') ? '' : mark(cleanCycle(c, limit)),
          ]),
        ),
      );
    }
    out.push(
      `\n${count(live.events)} live availability events into \`<vc-provider-list>\` of ${count(live.providers)} providers (each provider changed ${live.events / live.providers} times, so the list ends as it began), five rounds: heap growth ${kb(live.firstHeap)} in the first two (warm-up), ${kb(live.heap)} the median of the next three (steady); objects, nodes, listeners and timers left behind over those: ${live.objects}, ${live.nodes}, ${live.listeners}, ${live.timers} (baseline: 0).`,
    );
  }

  if (results.call) {
    const c = results.call;
    const row = (name, f) => [name, ms(f.median), ms(f.p90), `${ms(f.min)} – ${ms(f.max)}`];
    out.push('\n### The built-in call\n');
    out.push(
      `From the provider's **Enter Meeting** click in \`<vc-waiting-room>\` (the requester waiting, camera checked) to the first remote video frame on the provider's screen (\`requestVideoFrameCallback\`), two waiting rooms in one page over the Node mock backend (signals through \`POST /sessions/{id}/signal\` and the event stream), Chromium's fake camera and microphone. Direct: no ICE servers (host candidates on this machine); relay: \`iceTransportPolicy: 'relay'\` through coturn on 127.0.0.1 with the credentials of \`GET /ice-servers\`. Baseline: two bare \`RTCPeerConnection\`s in the same page, signalled in memory: the provider's \`getUserMedia\`, \`GET /ice-servers\` for each side (relay), offer, answer and trickled candidates, until the same first frame. ${c.runs} runs of each, alternating.${c.load ? ` Load average when done: ${c.load} (2 cores, shared).` : ''}\n`,
    );
    for (const mode of ['direct', 'relay']) {
      const { ours, baseline } = c[mode];
      out.push(`\n${mode === 'direct' ? 'Direct' : 'Through TURN (relay only)'}:\n`);
      out.push(table(['', 'median', '90th percentile', 'range'], [row('ours (Enter Meeting → first remote frame)', ours), row('baseline (bare RTCPeerConnection)', baseline), ['ratio', ratio(ours.median, baseline.median), ratio(ours.p90, baseline.p90), '']]));
    }
    const { ours, baseline } = c.recovery;
    out.push(
      `\nRecovery after a network drop, relay only: coturn stopped mid-call (both sides lose their relays: the SDK shows *Reconnecting…*, the bare connection leaves \`connected\`), then started again on the same port; from the TURN server listening again to the next remote video frame on the provider's screen. Both restart ICE when the connection drops and again every ${c.restartIntervalMs / 1000} s while it is down (the SDK's default \`restartIntervalMs\`; the baseline does the same with \`createOffer({ iceRestart: true })\`), so both figures include waiting for the next attempt. ${c.drops} drops each.\n`,
    );
    out.push(table(['', 'median', '90th percentile', 'range'], [row('ours (TURN back → frames again)', ours), row('baseline (bare RTCPeerConnection)', baseline), ['ratio', ratio(ours.median, baseline.median), ratio(ours.p90, baseline.p90), '']]));
  }

  if (results.network) {
    const { push, polling } = results.network;
    out.push('\n### Network\n');
    out.push(`HTTP requests started by an idle page with a provider dashboard and a requester dashboard (two clinics) over ${push.windowS} s, after loading. Baseline: the same page with push refused (503 on \`/events\`), where the SDK falls back to polling.\n`);
    out.push(table(['', 'requests / minute', 'streams opened'], [['ours, push up', push.perMinute.toFixed(1), String(push.streamsOpened)], ['baseline, push blocked (polling)', polling.perMinute.toFixed(1), '—'], ['ratio', ratio(push.perMinute, polling.perMinute), '']]));
  }
  out.push(`\nTook ${results.seconds} s (\`npm run bench\`)${results.loadAtEnd ? `; the machine's load average at the end: ${results.loadAtEnd} (1, 5 and 15 minutes; ${cpus().length} cores): timings on a busy machine are slower and their ratios noisier, sizes are exact` : ''}.\n`);
  return `${out.join('\n')}\n`;
}
