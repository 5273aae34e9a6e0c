// The first vertical slice: add factors and signed links; A→B→C→A (all +) is one
// vicious cycle, and without the closing link there is none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appSession, openApp, screenshot, openAddForm } from './harness.mjs';

const app = appSession();

async function addFactor(page, label) {
  await openAddForm(page, 'factor');
  await page.fill('#add-factor-name', label);
  await page.press('#add-factor-name', 'Enter');
  await page.locator('[data-factor]', { hasText: label }).waitFor();
}

async function addLink(page, from, to) {
  await openAddForm(page, 'link');
  await page.selectOption('#add-link-from', { label: from });
  await page.selectOption('#add-link-to', { label: to });
  await page.selectOption('#add-link-polarity', '+');
  await page.getByRole('button', { name: 'Verband toevoegen' }).click();
}

async function viciousCount(page) {
  return Number(await page.getAttribute('#cycle-summary', 'data-vicious'));
}

test('A→B→C→A is one vicious cycle; without C→A there is none', async () => {
  const { page, errors } = await openApp(app.context, app.url);
  for (const label of ['A', 'B', 'C']) await addFactor(page, label);
  await addLink(page, 'A', 'B');
  await addLink(page, 'B', 'C');
  await page.locator('[data-link]').nth(1).waitFor();
  assert.equal(await viciousCount(page), 0);
  assert.match(await page.locator('#cycle-summary').innerText(), /Geen cirkels/);

  await addLink(page, 'C', 'A');
  await page.locator('#cycle-summary[data-vicious="1"]').waitFor();
  assert.equal(await viciousCount(page), 1);
  assert.match(await page.locator('#cycle-summary').innerText(), /1 vicieuze cirkel/);
  assert.match(await page.locator('.narrative').first().innerText(), /^Meer A → meer B → meer C → meer A\. Deze cirkel versterkt zichzelf\.$/);
  await screenshot(page, '01-slice-one-cycle');

  // Undo takes the closing link away again: no cycle.
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  await page.locator('#cycle-summary[data-vicious="0"]').waitFor();
  assert.equal(await page.locator('[data-link]').count(), 2);
  assert.deepEqual(errors, []);
});
