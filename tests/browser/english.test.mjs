// The English interface speaks English: a walk through the main states in English fails
// on any Dutch word from a list of words that are Dutch only (none of them is English).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appSession, openApp, screenshot } from './harness.mjs';

const app = appSession();

/** Dutch words the app writes in its Dutch texts, none of which is an English word. */
const DUTCH = [
  'het', 'een', 'van', 'voor', 'niet', 'geen', 'wordt', 'worden', 'naar', 'bij', 'ook', 'nog', 'uit', 'zijn',
  'waardoor', 'omdat', 'cirkel', 'cirkels', 'factor toevoegen', 'verband', 'verbanden', 'factoren', 'regel',
  'regels', 'kaart', 'casus', 'casussen', 'toeslag', 'bijstand', 'schulden', 'gemeente', 'wet',
  'kosten', 'mandaat', 'onderbouwd', 'gecontroleerd', 'controleren', 'zekerheid', 'toelichting', 'bron',
  'opgeslagen', 'bewaard', 'mislukt', 'bestand', 'geldige', 'verwacht', 'onleesbaar', 'leeg', 'afgerond',
];

/**
 * The Dutch words in the visible text of the page. Left out: the case's own labels, and
 * Dutch names the page marks as Dutch (`lang="nl"`: laws and legal citations keep their
 * Dutch names in English, as screen readers are told).
 */
async function dutchWords(page, caseLabels) {
  const { text, dutchNames } = await page.evaluate(() => ({
    text: document.body.innerText,
    dutchNames: [...document.querySelectorAll('body [lang="nl"]')].map((el) => el.innerText).filter(Boolean),
  }));
  let visible = text;
  // Longest first, so that a name inside a longer one does not leave the rest behind.
  const names = [...caseLabels, ...dutchNames].sort((a, b) => b.length - a.length);
  for (const label of names) visible = visible.split(label).join(' ');
  // Web addresses, domain names and quoted titles of Dutch sources stay as they are.
  visible = visible.replace(/https?:\/\/\S+/g, ' ').replace(/\b[\w-]+\.(nl|nu|eu|org|com)\b/g, ' ').replace(/'[^'\n]{12,}'/g, ' ');
  const words = new Set(visible.toLowerCase().split(/[^\p{L}-]+/u));
  const phrases = visible.toLowerCase();
  return DUTCH.filter((word) => (word.includes(' ') ? phrases.includes(word) : words.has(word)));
}

test('the English interface shows no Dutch on the map, panels, library, mandate, cases and in its messages', async () => {
  const { page } = await openApp(app.context, app.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.locator('html[data-storage="ready"]').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('html[lang="en"]').waitFor();
  const seen = {};
  const look = async (state, labels = []) => {
    const found = await dutchWords(page, labels);
    if (found.length) seen[state] = found;
  };
  await look('empty map');

  // A map drawn in English: three factors in a loop.
  const labels = ['Debts', 'Stress', 'Capacity to act'];
  const map = await page.locator('#case-map').boundingBox();
  for (const [i, label] of labels.entries()) {
    await page.mouse.dblclick(map.x + map.width * (0.2 + 0.3 * i), map.y + map.height * (i === 1 ? 0.75 : 0.9));
    await page.locator('input.label-input').waitFor();
    await page.keyboard.type(label);
    await page.keyboard.press('Enter');
    await page.locator(`[data-factor][aria-label$=": ${label}"]`).waitFor();
  }
  await page.getByRole('button', { name: '+ Link' }).click();
  for (const [from, to] of [[0, 1], [1, 2], [2, 0]]) {
    await page.locator('#add-link-from').selectOption({ label: labels[from] });
    await page.locator('#add-link-to').selectOption({ label: labels[to] });
    await page.locator('#add-link-form').getByRole('button', { name: 'Add link' }).click();
  }
  // The same link again: refused, in English.
  await page.locator('#add-link-from').selectOption({ label: labels[0] });
  await page.locator('#add-link-to').selectOption({ label: labels[1] });
  await page.locator('#add-link-form').getByRole('button', { name: 'Add link' }).click();
  assert.match(await page.locator('.notice').innerText(), /This link is on the map already/);
  await page.getByRole('button', { name: 'Close' }).click();
  await page.locator('#cycle-summary[data-vicious="1"]').waitFor();
  await look('cycles', labels);
  await screenshot(page, 'english-cycles');

  for (const tab of ['Breakthrough', 'Mandate', 'Meeting', 'Rules', 'Cases']) {
    await page.getByRole('tab', { name: tab }).click();
    await look(tab, labels);
  }
  // A rule's details in the library.
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.locator('.rule').first().getByRole('button', { name: 'Details' }).click();
  await look('rule details', labels);
  await screenshot(page, 'english-library');

  // An import that fails says why in English.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-en-')), 'broken.json');
  fs.writeFileSync(file, '{"format": "cirkelbreker-case", "version": 1, "factors": [');
  await page.getByRole('tab', { name: 'Cases' }).click();
  await page.setInputFiles('#import-file', file);
  await page.locator('.notice.error').waitFor();
  await look('import error', labels);

  await page.getByRole('button', { name: 'List' }).click();
  await look('list view', labels);

  // A message said in Dutch does not stay on when the interface turns English.
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await page.locator('html[lang="nl"]').waitFor();
  await page.getByRole('tab', { name: 'Casussen' }).click();
  const again = path.join(path.dirname(file), 'kapot.json');
  fs.copyFileSync(file, again);
  await page.setInputFiles('#import-file', again);
  await page.locator('.notice.error', { hasText: 'Inlezen mislukt' }).waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('html[lang="en"]').waitFor();
  await look('after a Dutch message', labels);
  assert.deepEqual(seen, {}, 'Dutch words in the English interface');
});

test('Kumu JSON errors and own-rule problems reach the English interface in English', async () => {
  const { page } = await openApp(app.context, app.url);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.locator('html[data-storage="ready"]').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('html[lang="en"]').waitFor();
  const seen = {};
  const look = async (state) => {
    const found = await dutchWords(page, []);
    if (found.length) seen[state] = found;
  };

  // A Kumu blueprint whose connection names an element that is not there.
  await page.getByRole('tab', { name: 'Cases' }).click();
  await page.setInputFiles('#import-file', {
    name: 'kumu.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ elements: [{ label: 'Debts' }], connections: [{ from: 'Debts', to: 'Stress' }] })),
  });
  const notice = page.locator('.notice.error');
  await notice.waitFor();
  assert.match(await notice.innerText(), /Import failed: Kumu JSON: a connection names an unknown element ‘Stress’/);
  await look('Kumu JSON error');

  // An own rules file with a library prefix, no source and an unknown sector.
  await page.getByRole('tab', { name: 'Rules' }).click();
  const rule = {
    id: 'WON-77', name_nl: 'Eigen regel', name_en: 'Own rule', sector: 'sport', status: 'in_werking',
    last_checked: '2026-01-05', confidence: 'medium', mechanism_nl: 'Een mechanisme',
    decision_holder: { level: 'M4', role_nl: 'Team' }, legal_sources: [{ law: 'Verordening' }],
    factors: [{ id: 'a', label_nl: 'A', kind: 'situatie' }, { id: 'b', label_nl: 'B', kind: 'situatie' }],
    links: [{ from: 'a', to: 'b', polarity: '+' }], sources: [],
  };
  await page.setInputFiles('#own-rules-import', {
    name: 'own.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ rule: [rule] })),
  });
  const problems = page.locator('#own-rules-import-problems');
  await problems.waitFor();
  const text = await problems.innerText();
  assert.match(text, /WON-77: prefix 'WON' belongs to the rules library/);
  assert.match(text, /WON-77: has no source at all/);
  assert.match(text, /WON-77: refers to an unknown sector 'sport'/);
  await problems.scrollIntoViewIfNeeded();
  await screenshot(page, 'english-own-rule-problems');
  await look('own rules import problems');

  // The form sent empty: its problems in English too.
  await page.locator('.own-rule-form').getByRole('button', { name: /Add/ }).click();
  const formProblems = page.locator('#own-rule-problems');
  await formProblems.waitFor();
  assert.match(await formProblems.innerText(), /is empty/);
  await look('own rule form problems');
  assert.deepEqual(seen, {}, 'Dutch words in the English interface');
});
