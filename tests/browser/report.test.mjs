// The report a manager signs (issue 14, item 5) and mechanism names (issue 12, item 5).
// A mechanism is named with the mouse and renamed with the keyboard, and the name is
// still there after a reload, in the cycles panel and in the report. The report is
// printed to an A4 PDF in headless Chromium with the print media, in Dutch and English;
// every page is rendered to PNG with poppler's pdftoppm (kept as artefacts to look at),
// and page one is read back with pdftotext: title, date, participants, the loops, the
// plan with legal basis and evidence base as two lines, and the actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { appSession, openApp, screenshot, importCase, ARTIFACTS } from './harness.mjs';
import { waitForRecords, waitForStorage } from './storage_helpers.mjs';
import { wcagViolations } from './a11y.mjs';

const app = appSession();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-report-'));

/** Opens template `id` from the Regels tab, as a user does, and goes to the cycles. */
async function openTemplate(page, id) {
  await page.getByRole('tab', { name: 'Regels' }).click();
  await page.locator(`#library-panel [data-template="${id}"]`).click();
  await page.locator('.notice', { hasText: 'is geopend als nieuwe casus' }).waitFor();
  await page.getByRole('tab', { name: 'Cirkels' }).click();
}

/** Prints the page to an A4 PDF with the print media, as the browser's print does. */
async function printPdf(page, name) {
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.locator('#report').waitFor({ state: 'attached' });
  assert.equal(await page.locator('.topbar').isVisible(), false, 'no toolbar on paper');
  // Every factor is inside the printed map box.
  const box = await page.locator('#case-map').boundingBox();
  for (const factor of await page.locator('[data-factor]').all()) {
    const b = await factor.boundingBox();
    assert.ok(b.x >= box.x - 1 && b.y >= box.y - 1 && b.x + b.width <= box.x + box.width + 1 && b.y + b.height <= box.y + box.height + 1, 'factor outside the printed map');
  }
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const file = path.join(ARTIFACTS, `${name}.pdf`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(file, pdf);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  return file;
}

/** The pages of `pdf` as text (pdftotext, in reading order: a table cell's lines stay together) and as PNG files (pdftoppm), one per page. */
function pages(pdf, name) {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  for (const old of fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) {
    fs.rmSync(path.join(ARTIFACTS, old));
  }
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(ARTIFACTS, name)]);
  const pngs = fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
  assert.equal(pngs.length, count, 'one PNG per page');
  const texts = [];
  for (let n = 1; n <= count; n += 1) {
    texts.push(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }));
  }
  return texts;
}

/** Asserts that the numbered sources have titles, and that no bare URL list ends the report. */
function assertSourcesHaveTitles(all, heading) {
  const sources = all.slice(all.lastIndexOf(heading));
  const entries = [...sources.matchAll(/\[(\d+)\]\s+(\S[^\n]*)/g)];
  assert.ok(entries.length >= 3, `numbered sources under ${heading}`);
  for (const [, number, rest] of entries) {
    assert.doesNotMatch(rest, /^https?:/, `source [${number}] starts with a title, not its address`);
  }
  const urls = (sources.match(/https?:\/\//g) ?? []).length;
  assert.ok(urls <= entries.length, `each address follows a title (${urls} addresses, ${entries.length} sources)`);
  const tail = all.trim().split('\n').filter((line) => line.trim()).slice(-3);
  assert.ok(tail.some((line) => /\[\d+\]\s+\S/.test(line) && !/^\s*\[\d+\]\s+https?:/.test(line)), `the report ends in titled sources: ${tail.join(' | ')}`);
}

test('a mechanism is named with the mouse, renamed with the keyboard, and keeps its name after a reload', async () => {
  const { page } = await openApp(app.context, app.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  await waitForStorage(page, 'ready');
  await openTemplate(page, 'CY-03');
  const field = page.locator('#mechanism-name-0');
  await field.waitFor();
  assert.equal(await field.getAttribute('autocomplete'), 'off');
  assert.equal(await page.getByLabel('Naam van dit mechanisme').count(), 1, 'the field is labelled');

  // Mouse: click into the field, type, click elsewhere to commit.
  await field.scrollIntoViewIfNeeded();
  const box = await field.boundingBox();
  assert.ok(box.height >= 24 && box.width >= 24, 'a target of at least 24×24 px');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.type('Kostenspiraal');
  const summary = await page.locator('#mechanism-list .mechanism p').first().boundingBox();
  await page.mouse.click(summary.x + 5, summary.y + summary.height / 2);
  await page.locator('#mechanism-list', { hasText: 'Kostenspiraal: 2 vicieuze cirkels' }).waitFor();
  assert.equal(await page.locator('.cycle-mechanism', { hasText: 'Kostenspiraal' }).count(), 2, 'the name heads both its loops');
  await page.locator('.cycle-mechanism').first().scrollIntoViewIfNeeded();
  await screenshot(page, 'report-panel-named');
  assert.deepEqual(await wcagViolations(page, '#analysis-panel'), []);

  // Keyboard: from the Cirkels tab, Tab walks through the panel to the field; select, type, Enter.
  await page.getByRole('tab', { name: 'Cirkels' }).focus();
  let presses = 0;
  while (await page.evaluate(() => document.activeElement?.id) !== 'mechanism-name-0') {
    assert.ok(presses < 40, 'the field is reachable with Tab');
    await page.keyboard.press('Tab');
    presses += 1;
  }
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Verhogingsspiraal');
  await page.keyboard.press('Enter');
  await page.locator('.cycle-mechanism', { hasText: 'Verhogingsspiraal' }).first().waitFor();
  assert.equal(await page.locator('.cycle-mechanism', { hasText: 'Kostenspiraal' }).count(), 0);
  await waitForRecords(page, { includes: ['mechanism_names', 'Verhogingsspiraal'], excludes: ['Kostenspiraal'] });

  await page.reload();
  await waitForStorage(page, 'ready');
  await page.getByRole('tab', { name: 'Cirkels' }).click();
  await page.locator('#mechanism-name-0').waitFor();
  assert.equal(await page.inputValue('#mechanism-name-0'), 'Verhogingsspiraal');
  assert.equal(await page.locator('.cycle-mechanism', { hasText: 'Verhogingsspiraal' }).count(), 2);
  await screenshot(page, 'report-panel-after-reload');
  // At 1024×768 the field is still a comfortable target.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.locator('#mechanism-name-0').scrollIntoViewIfNeeded();
  const small = await page.locator('#mechanism-name-0').boundingBox();
  assert.ok(small.height >= 24 && small.width >= 120, `the field at 1024×768: ${JSON.stringify(small)}`);
  await screenshot(page, 'report-panel-1024');

  const pdf = await printPdf(page, 'report-mechanism');
  const text = pages(pdf, 'report-mechanism').join('\n');
  assert.match(text, /Verhogingsspiraal: Meer /, 'the name before its loops on page one');
  assert.match(text, /Cirkel \d · Verhogingsspiraal/, 'the name in the heading of its told loops');
  await page.close();
});

test('the report prints to A4: page one summarises the case, the plan and the actions, in Dutch and English', async () => {
  const { page } = await openApp(app.context, app.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  await waitForStorage(page, 'ready');
  await openTemplate(page, 'CY-03');
  await page.getByRole('tab', { name: 'Doorbraak' }).click();
  await page.locator('#plan-list .option').first().getByRole('button', { name: 'Kies deze interventie' }).click();
  await page.locator('.check-item input[type=checkbox]').first().check();
  await page.locator('#checklist-progress[data-done="1"]').waitFor();

  // The meeting's record (date, chair, participants, two actions) comes into the case
  // the way a file from another device does: exported, completed, imported.
  await page.getByRole('tab', { name: 'Casussen' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const exported = path.join(workDir, 'casus.json');
  await download.saveAs(exported);
  const file = JSON.parse(fs.readFileSync(exported, 'utf8'));
  const chosen = file.interventions[0].target;
  file.title = 'Casus Verhogingsspiraal';
  file.meeting = {
    date: '2026-12-01',
    chair: { role: 'Casusregisseur', organisation: 'Gemeente' },
    participants: [
      { role: 'Consulent inkomen', organisation: 'Gemeente' },
      { role: 'Schuldhulpverlener', organisation: 'Kredietbank' },
      { role: 'Wijkverpleegkundige', organisation: 'GGD' },
    ],
    actions: [
      { id: 'a1', what: 'Betalingsregeling aanvragen bij het CJIB', owner: { role: 'Schuldhulpverlener', organisation: 'Kredietbank' }, deadline: '2026-12-15', status: 'afgesproken', intervention: chosen },
      { id: 'a2', what: 'Huisbezoek plannen', owner: { role: 'Wijkverpleegkundige', organisation: 'GGD' }, deadline: '2026-12-08', status: 'loopt' },
    ],
    decisions: ['De verhogingen worden een half jaar stilgezet.'],
  };
  const completed = path.join(workDir, 'casus-met-overleg.json');
  fs.writeFileSync(completed, JSON.stringify(file));
  await importCase(page, completed);
  await page.locator('.case-title input').waitFor();
  await page.waitForFunction(() => document.querySelector('.case-title input')?.value === 'Casus Verhogingsspiraal');

  // Dutch.
  let text = pages(await printPdf(page, 'report-nl'), 'report-nl');
  assert.ok(text.length >= 2 && text.length <= 6, `a short report (${text.length} pages)`);
  const one = text[0].replace(/\s+/g, ' ');
  for (const part of ['Casusrapport — Casus Verhogingsspiraal', 'Datum van het overleg', '2026-12-01', 'Casusregisseur (Gemeente)',
    'Schuldhulpverlener (Kredietbank)', 'Vicieuze cirkels (3)', 'Plan: wie doet wat, op welke basis', 'gekozen door het overleg',
    'Acties: wie doet wat, wanneer', 'Betalingsregeling aanvragen bij het CJIB', '2026-12-15', 'Huisbezoek plannen', 'Gezien en akkoord']) {
    assert.ok(one.includes(part), `page one has “${part}”:\n${one}`);
  }
  assert.equal((one.match(/Meer /g) ?? []).length, 3, 'the three vicious loops, one line each');
  const legal = one.match(/Juridische basis:/g) ?? [];
  const evidence = one.match(/Onderbouwing:/g) ?? [];
  assert.ok(legal.length >= 1 && legal.length === evidence.length, 'legal basis and evidence base, two lines for each plan item');
  assert.doesNotMatch(one, /juridische basis geen;/i);
  assert.ok(text.slice(1).join('\n').includes('De vicieuze cirkels verteld'), 'the loops are told after the map');
  assert.ok(text.join('\n').includes('De verhogingen worden een half jaar stilgezet.'), 'the decision is in the report');
  assert.match(text.join('\n'), /1 van 11 punten afgerond/, 'the ticked checklist item is in the report');
  assertSourcesHaveTitles(text.join('\n'), 'Bronnen');

  // English, switched with the mouse.
  await page.locator('button.lang').click();
  await page.locator('h1', { hasText: 'Cirkelbreker' }).waitFor();
  text = pages(await printPdf(page, 'report-en'), 'report-en');
  const first = text[0].replace(/\s+/g, ' ');
  for (const part of ['Case report — Casus Verhogingsspiraal', 'Date of the meeting', '2026-12-01', 'Participants',
    'Vicious cycles (3)', 'Plan: who does what, on which basis', 'Actions: who does what, by when', 'Huisbezoek plannen',
    'Seen and approved', 'Legal basis:', 'Evidence base:']) {
    assert.ok(first.includes(part), `page one has “${part}”:\n${first}`);
  }
  assert.equal((first.match(/More /g) ?? []).length, 3);
  assert.doesNotMatch(text.join('\n'), /Juridische basis|Onderbouwing|Wie handelt|Deelnemers|Gezien en akkoord|niet vastgelegd|Cirkel \d|Bronnen/,
    'no Dutch interface text in the English report');
  assertSourcesHaveTitles(text.join('\n'), 'Sources');
  await page.close();
});
