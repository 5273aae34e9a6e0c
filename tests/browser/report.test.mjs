// The printable case report: printed to PDF in headless Chromium, with the map, the
// vicious cycle's narrative and the chosen intervention's mandate checklist, and without
// the editing controls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { appSession, openApp, ARTIFACTS } from './harness.mjs';

const app = appSession();

test('the case report prints to an A4 PDF with cycles, interventions and checklist', async () => {
  const { page, errors } = await openApp(app.context, app.url);
  await page.getByRole('tab', { name: 'Regels' }).click();
  await page.locator('#library-panel [data-template="CY-02"]').click();
  await page.locator('.notice', { hasText: 'is geopend als nieuwe casus' }).waitFor();
  await page.getByRole('tab', { name: 'Doorbraak' }).click();
  await page.locator('#plan-list .option').first().getByRole('button', { name: 'Kies deze interventie' }).click();
  await page.locator('.check-item input[type=checkbox]').first().check();
  await page.locator('#checklist-progress[data-done="1"]').waitFor();

  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.locator('#report').waitFor({ state: 'attached' });
  assert.equal(await page.locator('.topbar').isVisible(), false, 'no toolbar on paper');
  assert.equal(await page.locator('#case-map').isVisible(), true, 'the map is printed');
  const report = await page.locator('#report').innerText();
  assert.match(report, /Vicieuze cirkels \(\d+\)/);
  assert.match(report, /Meer [^→\n]+ → /);
  assert.match(report, /Gekozen interventies en mandaat/);
  assert.match(report, /1 van \d+ punten afgerond/);
  assert.match(report, /https?:\/\//, 'rule sources are listed');
  assert.match(await page.locator('#report-header').innerText(), /Casusrapport/);

  // Every factor is inside the printed map box.
  const box = await page.locator('#case-map').boundingBox();
  for (const factor of await page.locator('[data-factor]').all()) {
    const b = await factor.boundingBox();
    assert.ok(b.x >= box.x - 1 && b.y >= box.y - 1 && b.x + b.width <= box.x + box.width + 1 && b.y + b.height <= box.y + box.height + 1, 'factor outside the printed map');
  }
  const pdf = await page.pdf({ format: 'A4' });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'report.pdf'), pdf);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 1 && pages <= 6, `a short report (${pages} pages)`);
  assert.deepEqual(errors, []);
});
