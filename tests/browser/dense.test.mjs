// A dense K30 map (870 links, billions of loops) with hostile labels: the analysis is
// bounded and says so, runs in the Web Worker, the tab stays responsive, and labels are shown as text — no
// markup runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appSession, openApp, importCase, screenshot, openAddForm } from './harness.mjs';

const app = appSession();

const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  'Schuld \u202Egniwuh\u202C met RTL',
  'zero\u200Bwidth\u200D join',
  'Emoji 🏕️ camping',
  '"quotes" & <b>tags</b>',
];

function k30() {
  const n = 30;
  const factors = Array.from({ length: n }, (_, i) => ({
    id: `f${i + 1}`, label: HOSTILE[i] ?? `Factor ${i + 1}`, kind: 'situatie',
    x: 400 + 350 * Math.cos((2 * Math.PI * i) / n), y: 400 + 350 * Math.sin((2 * Math.PI * i) / n),
  }));
  const links = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) {
    links.push({ id: `l${links.length + 1}`, from: `f${a + 1}`, to: `f${b + 1}`, polarity: (a + b) % 3 === 0 ? '-' : '+' });
  }
  return { format: 'cirkelbreker-case', version: 1, title: 'K30', factors, links };
}

test('a K30 map with hostile labels: bounded, responsive, and labels stay text', async () => {
  const { page, errors } = await openApp(app.context, app.url);
  let dialogs = 0;
  page.on('dialog', async (dialog) => { dialogs++; await dialog.dismiss(); });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-k30-')), 'k30.json');
  fs.writeFileSync(file, JSON.stringify(k30()));
  await importCase(page, file);
  await page.locator('[data-factor]').nth(29).waitFor();
  assert.equal(await page.locator('[data-link]').count(), 870);

  // Bounded, and the user is told.
  await page.locator('#cycle-summary[data-complete="false"]').waitFor();
  assert.match(await page.locator('.bounded').first().innerText(), /begrensd/);
  // Made in the Web Worker, off the page's main thread (its speed is the benchmark's
  // business, scripts/bench-app.mjs: no test asserts a duration).
  assert.equal(await page.getAttribute('html', 'data-analysis-by'), 'worker');

  // Labels are text: nothing ran, the markup shows literally.
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(dialogs, 0);
  assert.equal(await page.locator('#case-map script, #case-map img').count(), 0);
  const labels = await page.locator('[data-factor]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  // Every label is kept verbatim, except Unicode's bidirectional overrides, embeddings and
  // isolates: invisible, they can make a label read other than it is (core::control).
  const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
  for (const label of HOSTILE) {
    const shown = label.replace(new RegExp(BIDI_CONTROL, 'g'), '');
    assert.ok(labels.some((l) => l.endsWith(shown)), `label kept: ${shown}`);
  }
  assert.ok(labels.every((l) => !BIDI_CONTROL.test(l)), 'no bidirectional control is left in a label');

  // Still responsive: a new factor is added and analysed.
  await openAddForm(page, 'factor');
  await page.fill('#add-factor-name', 'Nog een factor');
  await page.press('#add-factor-name', 'Enter');
  await page.locator('[data-factor][aria-label$="Nog een factor"]').waitFor();
  await screenshot(page, '30-k30-bounded');
  assert.deepEqual(errors, []);
});
