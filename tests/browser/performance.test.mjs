// Speed in the real app, in headless Chromium: a 40-factor/100-link and a
// 60-factor/150-link case map are opened, then edited; every edit must re-analyse and
// re-render within one frame (median ≤ 16 ms), and dragging a factor must stay smooth.
// The timings are printed for the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appSession, openApp, importCase } from './harness.mjs';

const app = appSession();

/** A deterministic random case map with `n` factors and `m` distinct links, every factor on a link. */
function randomCase(n, m, seed) {
  let state = seed;
  const next = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  const sectors = ['wonen', 'registratie', 'inkomen', 'schulden', 'zorg', 'jeugd', 'handhaving'];
  const factors = Array.from({ length: n }, (_, i) => ({
    id: `f${i + 1}`, label: `Factor ${i + 1}`, kind: 'situatie', x: (i % 10) * 180, y: Math.floor(i / 10) * 120,
  }));
  const seen = new Set();
  const links = [];
  // A ring first so every factor is on a link, then random extra links.
  for (let i = 0; i < n && links.length < m; i++) seen.add(`${i},${(i + 1) % n}`);
  while (seen.size < m) {
    const a = Math.floor(next() * n); const b = Math.floor(next() * n);
    if (a !== b) seen.add(`${a},${b}`);
  }
  for (const pair of seen) {
    const [a, b] = pair.split(',').map(Number);
    links.push({ id: `l${links.length + 1}`, from: `f${a + 1}`, to: `f${b + 1}`, polarity: next() < 0.3 ? '-' : '+', sector: sectors[Math.floor(next() * sectors.length)] });
  }
  return { format: 'cirkelbreker-case', version: 1, title: `Prestatietest ${n}/${m}`, factors, links };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/**
 * Times `count` polarity flips of the selected link. `updated` runs from the change event
 * until the last DOM mutation of the re-render (analysis + virtual DOM diff + DOM
 * updates: the work that must fit in one frame); `painted` runs until the next task,
 * which also includes any style, layout and paint the browser did in between.
 */
async function timeEdits(page, count) {
  return page.evaluate(async (count) => {
    const settle = () => new Promise((resolve) => { const channel = new MessageChannel(); channel.port1.onmessage = resolve; channel.port2.postMessage(0); });
    let lastMutation = 0;
    const observer = new MutationObserver(() => { lastMutation = performance.now(); });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const updated = []; const painted = []; const analysis = [];
    for (let i = 0; i < count; i++) {
      const el = document.getElementById('inspector-polarity');
      const started = performance.now();
      el.value = el.value === '+' ? '-' : '+';
      el.dispatchEvent(new Event('change', { bubbles: true }));
      await settle();
      painted.push(performance.now() - started);
      updated.push(lastMutation - started);
      analysis.push(Number(document.documentElement.getAttribute('data-analysis-ms')));
    }
    observer.disconnect();
    return { updated, painted, analysis };
  }, count);
}

/** Times pointer moves while dragging a factor: each move until the map is redrawn. */
async function timeDrag(page, moves) {
  const factor = page.locator('[data-factor="f1"]');
  const box = await factor.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  const times = await page.evaluate(async ({ x, y, moves }) => {
    const svg = document.getElementById('case-map');
    const settle = () => new Promise((resolve) => { const channel = new MessageChannel(); channel.port1.onmessage = resolve; channel.port2.postMessage(0); });
    const times = [];
    for (let i = 1; i <= moves; i++) {
      const started = performance.now();
      svg.dispatchEvent(new PointerEvent('pointermove', { clientX: x + i * 3, clientY: y + i * 2, bubbles: true, pointerId: 1, isPrimary: true }));
      await settle();
      times.push(performance.now() - started);
    }
    return times;
  }, { x: box.x + box.width / 2, y: box.y + box.height / 2, moves });
  await page.mouse.up();
  return times;
}

for (const [n, m] of [[40, 100], [60, 150]]) {
  test(`a ${n}-factor, ${m}-link map re-analyses and re-renders within one frame per edit`, async () => {
    const { page, errors } = await openApp(app.context, app.url);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-perf-')), `kaart-${n}-${m}.json`);
    fs.writeFileSync(file, JSON.stringify(randomCase(n, m, n * 7919 + m)));
    await importCase(page, file);
    await page.locator('[data-factor]').nth(n - 1).waitFor();
    assert.equal(await page.locator('[data-link]').count(), m);
    assert.ok(Number(await page.getAttribute('#cycle-summary', 'data-vicious')) > 0, 'the map has vicious cycles');

    await page.locator('[data-link="l1"]').dispatchEvent('click');
    await page.locator('#inspector-polarity').waitFor();
    await timeEdits(page, 3); // warm-up
    const { updated, painted, analysis } = await timeEdits(page, 31);
    const drag = await timeDrag(page, 40);
    const report = {
      map: `${n}/${m}`,
      edit_median_ms: median(updated).toFixed(2), edit_max_ms: Math.max(...updated).toFixed(2),
      edit_painted_median_ms: median(painted).toFixed(2),
      analysis_median_ms: median(analysis).toFixed(2), analysis_max_ms: Math.max(...analysis).toFixed(2),
      drag_median_ms: median(drag).toFixed(2), drag_max_ms: Math.max(...drag).toFixed(2),
    };
    console.log(`# performance ${JSON.stringify(report)}`);
    assert.ok(median(updated) <= 16, `edit → analysis → DOM updated median ${median(updated)} ms`);
    assert.ok(median(analysis) <= 16, `analysis median ${median(analysis)} ms`);
    assert.ok(median(drag) <= 16, `drag step median ${median(drag)} ms`);
    assert.deepEqual(errors, []);
  });
}
