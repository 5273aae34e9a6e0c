// A municipality's own rule in the app: added through the form (a failed check shows
// every problem and keeps the input), found in the library search, put on the map with
// its rule id on the link, exported as JSON, imported in a fresh browser, and a broken
// import shows its problems and keeps the own rules there are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appSession, launch, openApp, screenshot } from './harness.mjs';
import { wcagViolations } from './a11y.mjs';

const app = appSession();
let fresh;
let workDir;
before(() => { workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-own-rules-')); });
after(async () => {
  await fresh?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function openLibrary(page) {
  await page.getByRole('tab', { name: 'Regels' }).click();
  await page.locator('#own-rules').waitFor();
}

/** Fills every field of the form except the sources. */
async function fillForm(page) {
  await page.fill('#own-rule-id', 'ZWD-01');
  await page.fill('#own-rule-name-nl', 'Beleidsregel kostendelersnorm bij opvang door familie');
  await page.fill('#own-rule-name-en', 'Policy rule on the cost-sharing norm for shelter with family');
  await page.selectOption('#own-rule-sector', 'inkomen');
  await page.fill('#own-rule-law', 'Beleidsregels Participatiewet Zeewolde');
  await page.fill('#own-rule-article', 'art. 3');
  await page.selectOption('#own-rule-level', 'M4');
  await page.fill('#own-rule-role', 'College van B&W; consulent in mandaat');
  await page.fill('#own-rule-mechanism', 'Wie tijdelijk bij familie woont, telt als kostendeler; de bijstand gaat omlaag en er ontstaan schulden.');
  await page.fill('#own-link-1-from', 'Opvang bij familie');
  await page.selectOption('#own-link-1-polarity', '+');
  // A label the library knows: the kind follows the library's factor.
  await page.fill('#own-link-1-to', 'Schulden');
  assert.equal(await page.inputValue('#own-link-1-to-kind'), 'schuld');
  await page.selectOption('#own-rule-confidence', 'high');
  await page.fill('#own-rule-last-checked', '2026-11-24');
  await page.fill('#own-rule-keywords', 'kostendeler, Zeewolde');
}

test('an own rule is added, found, put on the map, exported and imported again', async () => {
  const { page, errors, requests } = await openApp(app.context, app.url);
  await openLibrary(page);
  assert.match(await page.locator('#own-rules-heading').innerText(), /\(0\)/);
  await fillForm(page);

  // No source: refused with the problem in Dutch, and nothing typed is lost.
  await page.getByRole('button', { name: 'Eigen regel toevoegen' }).click();
  await page.locator('#own-rule-problems').waitFor();
  assert.match(await page.locator('#own-rule-problems').innerText(), /geen enkele bron/);
  assert.equal(await page.inputValue('#own-rule-name-nl'), 'Beleidsregel kostendelersnorm bij opvang door familie');
  assert.equal(await page.inputValue('#own-link-1-from'), 'Opvang bij familie');
  assert.equal(await page.locator('[data-own-rule]').count(), 0);

  // With a source, Enter in a field submits the form: the rule is in the list.
  await page.fill('#own-rule-sources', 'https://lokaleregelgeving.overheid.nl/CVDR000001');
  await page.press('#own-rule-keywords', 'Enter');
  await page.locator('[data-own-rule="ZWD-01"]').waitFor();
  assert.equal(await page.locator('#own-rule-problems').count(), 0);
  assert.match(await page.locator('.notice').innerText(), /ZWD-01/);
  assert.equal(await page.inputValue('#own-rule-id'), 'ZWD-', 'the next id starts with the same prefix');

  // Found in the library search and put on the map: its link carries the rule id.
  await page.fill('#rule-search', 'kostendeler zeewolde');
  const hit = page.locator('li.rule[data-rule="ZWD-01"]');
  await hit.waitFor();
  await page.getByText('1 regel gevonden', { exact: true }).waitFor();
  // No start date was given: the rule's period says so, marked like an unchecked article.
  const details = hit.getByRole('button', { name: /Details/ });
  const detailsBox = await details.boundingBox();
  await page.mouse.click(detailsBox.x + detailsBox.width / 2, detailsBox.y + detailsBox.height / 2);
  const period = hit.locator('.rule-detail dt', { hasText: /^Geldig$/ }).locator('xpath=following-sibling::dd[1]');
  assert.equal(await period.innerText(), 'ingangsdatum niet opgegeven');
  assert.match(await period.getAttribute('class'), /verify/);
  await page.mouse.click(detailsBox.x + detailsBox.width / 2, detailsBox.y + detailsBox.height / 2);
  // The search is still there after a look at another panel.
  await page.getByRole('tab', { name: 'Cirkels' }).click();
  await page.getByRole('tab', { name: 'Regels' }).click();
  assert.equal(await page.inputValue('#rule-search'), 'kostendeler zeewolde');
  await hit.waitFor();
  await hit.getByRole('button', { name: 'Op de kaart' }).click();
  await page.locator('[data-factor]', { hasText: 'Opvang bij familie' }).waitFor();
  await page.locator('.link-rule', { hasText: 'ZWD-01' }).waitFor();
  await screenshot(page, '20-own-rule-on-map');

  // Changed in place: the form opens with the rule; a failed check changes nothing; a
  // saved change keeps the rule's id and place.
  const change = page.getByRole('button', { name: 'Eigen regel wijzigen: ZWD-01', exact: true });
  await change.click();
  await page.locator('#own-rule-form-heading', { hasText: 'Eigen regel wijzigen: ZWD-01' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'own-rule-name-nl');
  assert.equal(await page.locator('#own-rule-id').evaluate((input) => input.readOnly), true, 'the id stays while changing');
  assert.equal(await page.inputValue('#own-rule-name-nl'), 'Beleidsregel kostendelersnorm bij opvang door familie');
  assert.equal(await page.inputValue('#own-link-1-to'), 'Schulden');
  assert.equal(await page.inputValue('#own-rule-sources'), 'https://lokaleregelgeving.overheid.nl/CVDR000001');
  await page.fill('#own-rule-name-nl', '');
  await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
  await page.locator('#own-rule-problems').waitFor();
  assert.match(await page.locator('[data-own-rule="ZWD-01"]').innerText(), /Beleidsregel kostendelersnorm/);
  assert.deepEqual(await wcagViolations(page, '.own-rule-form'), []);
  await screenshot(page, '22-own-rule-change');
  await page.fill('#own-rule-name-nl', 'Kostendelersnorm bij opvang door familie (Zeewolde)');
  await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
  await page.locator('[data-own-rule="ZWD-01"]', { hasText: 'Kostendelersnorm bij opvang door familie (Zeewolde)' }).waitFor();
  assert.equal(await page.locator('[data-own-rule]').count(), 1);
  assert.match(await page.locator('.notice').innerText(), /Eigen regel gewijzigd: ZWD-01/);
  assert.match(await page.locator('#own-rule-form-heading').innerText(), /Eigen regel toevoegen/);
  // Opened again and cancelled: the form is empty and adds again.
  await change.click();
  await page.getByRole('button', { name: 'Wijziging annuleren' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'own-rule-change-ZWD-01', 'focus goes back to the rule');
  assert.match(await page.locator('#own-rule-form-heading').innerText(), /Eigen regel toevoegen/);
  assert.equal(await page.inputValue('#own-rule-name-nl'), '');

  // Export: a JSON file in the schema of a sector file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#own-rules-export')]);
  assert.equal(download.suggestedFilename(), 'eigen-regels.json');
  const exported = path.join(workDir, 'eigen-regels.json');
  await download.saveAs(exported);
  const file = JSON.parse(fs.readFileSync(exported, 'utf8'));
  assert.deepEqual(file.rule.map((rule) => rule.id), ['ZWD-01']);
  assert.equal(file.rule[0].links[0].polarity, '+');
  assert.equal(file.rule[0].links[0].to, 'schulden', 'the library factor id is reused');

  // A fresh browser (nothing stored) imports the file and finds the rule again.
  fresh = await launch();
  const second = await openApp(fresh.context, app.url);
  await openLibrary(second.page);
  assert.equal(await second.page.locator('[data-own-rule]').count(), 0);
  await second.page.setInputFiles('#own-rules-import', exported);
  await second.page.locator('[data-own-rule="ZWD-01"]').waitFor();
  await second.page.fill('#rule-search', 'ZWD-01');
  await second.page.locator('li.rule[data-rule="ZWD-01"]').waitFor();

  // A broken file: every problem shown, nothing replaced.
  const broken = { rule: [{ ...file.rule[0], id: 'WON-03', sources: [] }, { ...file.rule[0], id: 'ZWD-02', sector: 'sport' }] };
  await second.page.setInputFiles('#own-rules-import', {
    name: 'kapot.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)),
  });
  const problems = second.page.locator('#own-rules-import-problems');
  await problems.waitFor();
  const text = await problems.innerText();
  assert.match(text, /kapot\.json/);
  assert.match(text, /WON-03: .*bestaat al/);
  assert.match(text, /WON-03: .*geen enkele bron/);
  assert.match(text, /ZWD-02: .*sport/);
  assert.equal(await second.page.locator('[data-own-rule]').count(), 1);
  await second.page.locator('[data-own-rule="ZWD-01"]').waitFor();

  // Not JSON at all: reported, still nothing replaced.
  await second.page.setInputFiles('#own-rules-import', {
    name: 'niet.json', mimeType: 'application/json', buffer: Buffer.from('{"rule": ['),
  });
  await second.page.locator('#own-rules-import-problems', { hasText: 'niet.json' }).waitFor();
  assert.match(await problems.innerText(), /geen geldige JSON/);
  assert.equal(await second.page.locator('[data-own-rule]').count(), 1);
  await screenshot(second.page, '21-own-rules-import-problems');

  assert.deepEqual(errors, []);
  assert.deepEqual(second.errors, []);
  const foreign = [...requests, ...second.requests].filter((url) => !url.startsWith(app.url) && !url.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'no request may leave the device');
});

test('deleting an own rule asks first and is keyboard-operable', async () => {
  const { page, errors } = await openApp(app.context, app.url);
  await openLibrary(page);
  await page.setInputFiles('#own-rules-import', path.join(workDir, 'eigen-regels.json'));
  await page.locator('[data-own-rule="ZWD-01"]').waitFor();
  await page.getByRole('button', { name: 'Eigen regel verwijderen: ZWD-01' }).focus();
  await page.keyboard.press('Enter');
  // The confirmation takes the focus; Enter on it deletes.
  await page.locator('#own-rule-delete-yes:focus').waitFor();
  await page.keyboard.press('Enter');
  await page.locator('[data-own-rule]').waitFor({ state: 'detached' });
  assert.match(await page.locator('#own-rules-heading').innerText(), /\(0\)/);
  assert.deepEqual(errors, []);
});
