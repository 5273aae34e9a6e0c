// Issue 11's lesser probes and bounds, as a user meets them: Word's line break (U+000B)
// pasted into a label becomes a plain line break, so the SVG export is valid XML and the PNG export works;
// a formula label reaches the Kumu CSV with a leading quote; a label above 300 characters
// is refused with a message that says the limit; a map above 2,000 factors is refused at
// import and the case on screen stays; an export of an empty map says why once, not
// "Exporteren mislukt: Exporteren mislukt:".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appSession, openApp, screenshot } from './harness.mjs';

const app = appSession();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-hardening-'));

/** Clicks an export button and returns the downloaded file's path. */
async function exported(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const file = path.join(workDir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** Double-clicks the map at a fraction of its box and types a label with the keyboard. */
async function addFactor(page, fx, fy, typing) {
  const map = await page.locator('#case-map').boundingBox();
  await page.mouse.dblclick(map.x + map.width * fx, map.y + map.height * fy);
  await page.locator('input.label-input').waitFor();
  await typing();
  await page.keyboard.press('Enter');
}

test('pasted control characters, formula labels, long labels, huge imports and an empty export', async () => {
  const { page } = await openApp(app.context, app.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.locator('html[data-storage="ready"]').waitFor({ state: 'attached' });

  // Word's Shift+Enter pasted into a new factor's name: a plain line break in the name.
  await addFactor(page, 0.25, 0.85, async () => {
    await page.keyboard.type('Huur');
    await page.keyboard.insertText('\u000b');
    await page.keyboard.type('schuld');
  });
  const huur = page.locator('[data-factor][aria-label*="Huur"]');
  await huur.waitFor();
  assert.match(await huur.getAttribute('aria-label'), /: Huur\nschuld$/);
  await addFactor(page, 0.65, 0.9, () => page.keyboard.type('=SOM(A1)+1'));
  await page.locator('[data-factor][aria-label$=": =SOM(A1)+1"]').waitFor();
  await screenshot(page, 'hardening-labels');

  // The SVG is well-formed XML, the PNG a PNG; both say they were made.
  await page.getByRole('tab', { name: 'Casussen' }).click();
  const svgFile = await exported(page, '#export-svg');
  const svg = fs.readFileSync(svgFile, 'utf8');
  assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(svg), 'no character XML forbids');
  // Parsed in a blank page: the app's policy would (rightly) refuse the SVG's inline styles.
  const blank = await app.context.newPage();
  const parsed = await blank.evaluate((text) => {
    const document = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: document.querySelector('parsererror')?.textContent ?? null, text: document.documentElement.textContent };
  }, svg);
  await blank.close();
  assert.equal(parsed.error, null, 'the SVG parses as XML');
  assert.match(parsed.text, /Huur/);
  assert.match(parsed.text, /schuld/);
  await page.locator('.notice', { hasText: 'Het bestand is gemaakt' }).waitFor();
  const png = fs.readFileSync(await exported(page, '#export-png'));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  await page.locator('.notice', { hasText: 'Het bestand is gemaakt' }).waitFor();
  assert.doesNotMatch(await page.locator('.notice').innerText(), /mislukt/);

  // The spreadsheet export neutralises the formula label.
  const csv = fs.readFileSync(await exported(page, '#export-csv'), 'utf8');
  assert.match(csv, /\r\nf2,'=SOM\(A1\)\+1,/, csv);
  assert.match(csv, /\r\nf1,"Huur\nschuld",/, csv);

  // A name above the limit is refused with the limit said; the factor keeps its name.
  await page.getByRole('tab', { name: 'Cirkels' }).click();
  await huur.click();
  const field = page.locator('#inspector-label');
  await field.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('a'.repeat(301));
  await page.keyboard.press('Enter');
  const refusal = page.locator('.notice.error');
  await refusal.waitFor();
  assert.equal(await refusal.innerText().then((text) => text.split('\n')[0]), 'De naam is 301 tekens lang; maak de tekst korter (hoogstens 300 tekens).');
  await screenshot(page, 'hardening-label-too-long');
  assert.match(await huur.getAttribute('aria-label'), /: Huur\nschuld$/, 'the factor keeps its name');
  assert.equal((await field.inputValue()).length, 301, 'the typed text stays in the field, to be shortened');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Huur schuld');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');

  // A map of 2,001 factors is refused at import; the case on screen stays.
  const factors = Array.from({ length: 2001 }, (_, i) => ({ id: `f${i}`, label: `F${i}` }));
  const huge = path.join(workDir, 'te-groot.json');
  fs.writeFileSync(huge, JSON.stringify({ format: 'cirkelbreker-case', version: 1, factors, links: [] }));
  await page.getByRole('tab', { name: 'Casussen' }).click();
  await page.setInputFiles('#import-file', huge);
  const notice = page.locator('.notice.error', { hasText: 'Inlezen mislukt' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /Inlezen mislukt: de kaart heeft te veel factoren \(2\.001 of meer\); Cirkelbreker opent er hoogstens 2\.000\./);
  await screenshot(page, 'hardening-import-refused');
  await page.getByRole('tab', { name: 'Cirkels' }).click();
  assert.equal(await page.locator('[data-factor]').count(), 2, 'the case on screen is untouched');

  // An empty map: the export says why, once.
  await page.locator('[data-factor]').first().click();
  await page.locator('[data-factor]').nth(1).click({ modifiers: ['Shift'] });
  await page.keyboard.press('Delete');
  await page.locator('[data-factor]').first().waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: 'Casussen' }).click();
  await page.click('#export-svg');
  const empty = page.locator('.notice.error', { hasText: 'Exporteren mislukt' });
  await empty.waitFor();
  assert.equal((await empty.innerText()).split('\n')[0], 'Exporteren mislukt: de kaart is leeg.');
  await screenshot(page, 'hardening-export-empty');
});
