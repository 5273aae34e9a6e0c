// Issue 13: in the English interface the rules library, the mandate checklist and the
// report show the library's English texts: a rule's mechanism, roles, verification note,
// the two facts (confidence in the effect, legal source checked) and the edition; the
// mandate screen and the report show the instrument's English role and what to document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { appSession, openApp } from './harness.mjs';

const app = appSession();
const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/signal');
// Dutch words of the library texts that must not show in the English interface.
const DUTCH = [/\bCollege\b/, /\bGemeenteraad\b/, /\bgecontroleerd\b/i, /\bSinds\b/, /\bverzoek\b/i, /\bnog te controleren\b/];

test('the English interface shows the library, mandate and report texts in English', async () => {
  const { page } = await openApp(app.context, app.url);
  await page.getByRole('tab', { name: 'Casussen' }).click();
  await page.setInputFiles('#import-file', path.join(FIXTURES, 'casus-3.json'));
  await page.getByText('Het bestand is ingelezen als nieuwe casus').first().waitFor();
  await page.getByRole('button', { name: 'English' }).click();

  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.fill('#rule-search', 'WON-07');
  const rule = page.locator('[data-rule="WON-07"]');
  await rule.getByRole('button', { name: 'Details' }).click();
  const detail = await rule.locator('.rule-detail').innerText();
  assert.match(detail, /Rent Benefit Act explicitly excludes holiday homes/);
  assert.match(detail, /Confidence in the effect\s+High/);
  assert.match(detail, /Legal source checked\s+yes/);
  assert.match(detail, /Valid\s+from 2016-07-01/);
  assert.match(detail, /Library edition\s+2026\.2 \(2026-12-01\)/);
  for (const word of DUTCH) assert.doesNotMatch(detail, word, `Dutch in the rule detail: ${word}`);

  await page.getByRole('tab', { name: 'Mandate' }).click();
  const mandate = await page.locator('#side-panel').innerText();
  assert.match(mandate, /CJIB, at the request of the resident or the debt counsellor/);
  assert.match(mandate, /Payment arrangement; emergency stop for problem debts/);
  for (const word of DUTCH) assert.doesNotMatch(mandate, word, `Dutch in the mandate screen: ${word}`);

  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.locator('#report').waitFor({ state: 'attached' });
  const report = await page.locator('#report').innerText();
  assert.match(report, /CJIB, at the request of the resident or the debt counsellor/);
  for (const word of DUTCH) assert.doesNotMatch(report, word, `Dutch in the report: ${word}`);
});
