// Typing is never lost for more than a second: drafts of case text fields survive a
// killed browser, a reload and a closed tab; the leave-page warning shows only while
// something could still be lost; a stored case that cannot be read does not lock the
// app; and after a wipe or switching encryption on no clear text is left in the
// profile's IndexedDB files on disk. Real keyboard typing with a delay, real clicks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { screenshot, openAddForm } from './harness.mjs';
import { wcagViolations } from './a11y.mjs';
import {
  profileSession, launchProfile, hardKill, openStoredApp, waitForStorage, caseRecords, waitForRecords, putRaw,
  addFactor, openCasesTab, noticeMatching,
} from './storage_helpers.mjs';

const session = profileSession();
/** Milliseconds between two key presses: about 16 characters a second, a fast typist. */
const KEY_DELAY = 60;
/** How many characters one second of typing is at that pace (the most a test may lose). */
const ONE_SECOND = Math.ceil(1000 / KEY_DELAY);

/** The stored case of the only record, parsed. */
async function storedCase(page) {
  const [record] = await caseRecords(page);
  return JSON.parse(record.case);
}

/** Clicks the factor on the map and puts the cursor in `field` of the inspector, all selected. */
async function editField(page, factor, field) {
  await page.locator('[data-factor]', { hasText: factor }).first().click();
  await page.locator(field).click();
  await page.keyboard.press('Control+A');
}

/** The note field of the inspector (a text area after the kind). */
const NOTE = '.inspector textarea';

/**
 * Kills the browser right after typing `text` into `field` of factor `factor`, reopens
 * the profile and returns what the reopened app has in that field of the stored case.
 */
async function typeKillAndReopen(factor, field, text, read) {
  const { profile, context } = await session.freshBrowser();
  const { page, errors } = await openStoredApp(context, session.url);
  await addFactor(page, factor);
  await waitForRecords(page, { count: 1, includes: [factor] });
  await editField(page, factor, field);
  await page.keyboard.type(text, { delay: KEY_DELAY });
  assert.deepEqual(errors, []);
  // No unload, no blur, no flush: the processes die as in a crash.
  assert.ok(hardKill(profile) > 0, 'chromium was running');
  await context.close().catch(() => {});

  const again = await launchProfile(profile);
  const { page: reopened } = await openStoredApp(again, session.url);
  await noticeMatching(reopened, /is teruggezet/);
  // The restored text is an edit, saved like any other.
  const stored = await waitForRecords(reopened, { includes: [text.slice(0, 6)] });
  const kept = read(JSON.parse(stored[0].case).factors[0]);
  await screenshot(reopened, `storage-restored-${field === NOTE ? 'note' : 'label'}`);
  await again.close();
  return kept;
}

test('killing the browser after 2 s of typing a name keeps all but at most the last second', async () => {
  const typed = 'Huurachterstand bij de woningcorp';
  assert.equal(typed.length, 33);
  const kept = await typeKillAndReopen('Schuld', '#inspector-label', typed, (factor) => factor.label);
  assert.ok(typed.startsWith(kept), `the kept name "${kept}" is what was typed`);
  assert.ok(kept.length >= typed.length - ONE_SECOND, `${typed.length - kept.length} characters lost, at most ${ONE_SECOND}`);
  console.log(`name, killed after ${typed.length} characters: ${kept.length} kept`);
});

test('killing the browser after 5 s of typing a note keeps all but at most the last second', async () => {
  const typed = 'Sinds maart geen huur betaald; verhuurder dreigt met ontruiming, zoon logeert bij';
  assert.equal(typed.length, 81);
  const kept = await typeKillAndReopen('Stress', NOTE, typed, (factor) => factor.note ?? '');
  assert.ok(typed.startsWith(kept), `the kept note "${kept}" is what was typed`);
  assert.ok(kept.length >= typed.length - ONE_SECOND, `${typed.length - kept.length} characters lost, at most ${ONE_SECOND}`);
  console.log(`note, killed after ${typed.length} characters: ${kept.length} kept`);
});

test('a reload keeps the title being typed; the leave warning shows only while typing is not stored', async () => {
  const { context } = await session.freshBrowser();
  const { page, errors } = await openStoredApp(context, session.url);
  await addFactor(page, 'Boete');
  await waitForRecords(page, { count: 1, includes: ['Boete'] });
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.type()); dialog.accept(); });

  // Typing stored as a draft: leaving is silent and the reload keeps the typing.
  await page.locator('.case-title input').click();
  await page.keyboard.type('Casus Rivierenbuurt', { delay: KEY_DELAY });
  await waitForRecords(page, { store: 'settings', includes: ['Casus Rivierenbuurt'] });
  await page.waitForFunction(() => document.documentElement.dataset.unsaved === 'false');
  await page.reload();
  await waitForStorage(page, 'ready');
  assert.deepEqual(dialogs, [], 'nothing could be lost, so no warning');
  await noticeMatching(page, /is teruggezet/);
  await waitForRecords(page, { count: 1, includes: ['Casus Rivierenbuurt'] });
  assert.equal(await page.inputValue('.case-title input'), 'Casus Rivierenbuurt');

  // A key press not stored yet: the browser asks before leaving.
  await page.locator('.case-title input').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' 2');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.unsaved), 'true');
  await page.reload();
  await waitForStorage(page, 'ready');
  assert.deepEqual(dialogs, ['beforeunload']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('closing the tab without unload keeps the link note being typed', async () => {
  const { context } = await session.freshBrowser();
  const { page } = await openStoredApp(context, session.url);
  await addFactor(page, 'Schuld');
  await addFactor(page, 'Stress');
  await openAddForm(page, 'link');
  await page.selectOption('#add-link-from', { label: 'Schuld' });
  await page.selectOption('#add-link-to', { label: 'Stress' });
  await page.getByRole('button', { name: 'Verband toevoegen' }).click();
  await waitForRecords(page, { count: 1, includes: ['polarity'] });
  await page.locator('[data-link]').first().click();
  await page.locator(NOTE).click();
  const typed = 'Betalingsregeling loopt af in juni';
  await page.keyboard.type(typed, { delay: KEY_DELAY });
  await page.close({ runBeforeUnload: false });

  const { page: next } = await openStoredApp(context, session.url);
  await noticeMatching(next, /is teruggezet/);
  const [record] = await waitForRecords(next, { includes: [typed.slice(0, 12)] });
  const note = JSON.parse(record.case).links[0].note;
  assert.ok(typed.startsWith(note) && note.length >= typed.length - ONE_SECOND, `kept "${note}"`);
  await context.close();
});

test('a stored case that cannot be read (too big, newer, damaged) is listed with what to do; the others open', async () => {
  const { context } = await session.freshBrowser();
  const { page } = await openStoredApp(context, session.url);
  await page.setViewportSize({ width: 1024, height: 768 });
  await addFactor(page, 'Leesbaar');
  const [good] = await waitForRecords(page, { count: 1, includes: ['Leesbaar'] });
  const newer = JSON.stringify({ id: 'nieuw', revision: 1, updated: Date.now() + 10, case: '{"format":"cirkelbreker-case","version":9,"factors":[],"links":[]}' });
  await putRaw(page, 'cases', 'nieuw', newer);
  await putRaw(page, 'cases', 'kapot', '{"id":"kapot","revision":1,"upd');
  // 21 MiB: more than the reader accepts. It was the last opened case.
  await putRaw(page, 'cases', 'groot', { prefix: `{"id":"groot","revision":1,"updated":${Date.now() + 20},"case":"`, fill: 'x', times: 21 * 1024 * 1024, suffix: '"}' });
  await putRaw(page, 'settings', 'last-case', 'groot');
  await page.reload();
  await waitForStorage(page, 'ready');
  await page.locator('[data-factor]', { hasText: 'Leesbaar' }).waitFor();
  await openCasesTab(page);
  const unreadable = page.locator('.case-item[data-unreadable]');
  await unreadable.nth(2).waitFor();
  assert.equal(await unreadable.count(), 3);
  const text = await page.locator('#cases-panel').innerText();
  assert.match(text, /te groot om te openen/);
  assert.match(text, /nieuwere versie van Cirkelbreker/);
  assert.match(text, /beschadigd/);
  assert.match(text, /De andere casussen werken gewoon/);
  await screenshot(page, 'storage-unreadable');
  assert.deepEqual(await wcagViolations(page, '#cases-panel'), []);

  // Export it as stored, or delete it; the good case is still edited and saved.
  const item = page.locator('.case-item[data-case="nieuw"]');
  const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: /Bestand exporteren zoals opgeslagen/ }).click()]);
  assert.equal(fs.readFileSync(await download.path(), 'utf8'), newer);
  await item.getByRole('button', { name: /Verwijderen/ }).click();
  await item.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await waitForRecords(page, { count: 3, excludes: ['"id":"nieuw"'] });
  await addFactor(page, 'Nog steeds bewaard');
  const records = await waitForRecords(page, { includes: ['Nog steeds bewaard'] });
  const saved = records.find((r) => r.id === good.id);
  assert.ok(!saved.case.includes('\n'), 'stored compactly, on one line');
  assert.match(await page.locator('#saving-status').innerText(), /binnen een seconde bewaard/);
  await context.close();
});

test('when saving fails the panel says so instead of promising it saves', async () => {
  const { context } = await session.freshBrowser();
  const { page, errors } = await openStoredApp(context, session.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  await addFactor(page, 'Eerst');
  await waitForRecords(page, { count: 1, includes: ['Eerst'] });
  await openCasesTab(page);
  assert.match(await page.locator('#saving-status').innerText(), /binnen een seconde bewaard/);
  // The browser refuses every write from now on, as with a full disk.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function refuse() { throw new DOMException('Het opslagquotum is bereikt', 'QuotaExceededError'); };
  });
  await addFactor(page, 'Daarna');
  await page.locator('#saving-status', { hasText: /worden nu niet bewaard/ }).waitFor();
  assert.match(await page.locator('#saving-status').innerText(), /opslagquotum/);
  assert.match(await page.locator('#saving-status').innerText(), /Exporteer de casus/);
  await screenshot(page, 'storage-saving-failed');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Every file of `dir` (recursively) that holds `needle` as UTF-8 or UTF-16, relative to `dir`. */
function filesHolding(dir, needles) {
  const hits = [];
  const walk = (at) => {
    for (const name of fs.readdirSync(at)) {
      const file = path.join(at, name);
      const stat = fs.lstatSync(file);
      if (stat.isDirectory()) walk(file);
      else if (stat.isFile()) {
        const bytes = fs.readFileSync(file);
        for (const needle of needles) {
          if (bytes.includes(needle) || bytes.includes(Buffer.from(needle, 'utf16le'))) hits.push(`${path.relative(dir, file)}: ${needle}`);
        }
      }
    }
  };
  walk(dir);
  return hits;
}

/** The IndexedDB files of a profile: the default ones and those of storage buckets. */
function indexedDbHits(profile, needles) {
  return filesHolding(profile, needles).filter((hit) => /IndexedDB|WebStorage/.test(hit));
}

const LABEL = 'Zonnebloemhof';
const NOTE_TEXT = 'Kwetsbare buurman Pietersen';

/** A profile with a stored case whose label and note are typed by keyboard, and the page. */
async function caseWithSecrets() {
  const { profile, context } = await session.freshBrowser();
  const { page } = await openStoredApp(context, session.url);
  await addFactor(page, LABEL);
  await page.locator('[data-factor]', { hasText: LABEL }).first().click();
  await page.locator(NOTE).click();
  await page.keyboard.type(NOTE_TEXT, { delay: 20 });
  await page.keyboard.press('Tab');
  await waitForRecords(page, { count: 1, includes: [LABEL, NOTE_TEXT] });
  await page.waitForFunction(() => document.documentElement.dataset.unsaved === 'false');
  return { profile, context, page };
}

test('after "Wis alle gegevens" no label or note is left in the profile\'s IndexedDB files', async () => {
  const { profile, context, page } = await caseWithSecrets();
  await context.close();
  assert.ok(indexedDbHits(profile, [LABEL, NOTE_TEXT]).length > 0, 'the probe finds the text while it is stored');
  const again = await launchProfile(profile);
  const { page: reopened } = await openStoredApp(again, session.url);
  await openCasesTab(reopened);
  await reopened.getByRole('button', { name: 'Wis alle gegevens' }).click();
  await reopened.getByRole('button', { name: 'Ja, alles wissen' }).click();
  await waitForStorage(reopened, 'wiped');
  const left = await reopened.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    buckets: navigator.storageBuckets ? await navigator.storageBuckets.keys() : [],
  }));
  assert.deepEqual(left, { databases: [], buckets: [] });
  await again.close();
  assert.deepEqual(indexedDbHits(profile, [LABEL, NOTE_TEXT]), []);
  const elsewhere = filesHolding(profile, [LABEL, NOTE_TEXT]);
  console.log(`clear text elsewhere in the profile after the wipe: ${elsewhere.length ? elsewhere.join(', ') : 'none'}`);
  void page;
});

test('after switching encryption on no label or note is left in the clear in the IndexedDB files', async () => {
  const { profile, context, page } = await caseWithSecrets();
  await openCasesTab(page);
  await page.fill('#vault-passphrase', 'paard batterij nietje correct');
  await page.fill('#vault-repeat', 'paard batterij nietje correct');
  await page.getByRole('button', { name: 'Versleuteling aanzetten' }).click();
  await page.locator('#encryption-status').waitFor();
  await waitForRecords(page, { count: 1, includes: ['"sealed"'], excludes: [LABEL] });
  await noticeMatching(page, /Versleuteling staat aan/);
  const buckets = await page.evaluate(async () => (navigator.storageBuckets ? navigator.storageBuckets.keys() : []));
  assert.deepEqual(buckets, ['cirkelbreker-2'], 'copied into a fresh bucket, the old one deleted');
  await context.close();
  assert.deepEqual(indexedDbHits(profile, [LABEL, NOTE_TEXT]), []);
  // And the case is still there, sealed: it opens with the passphrase.
  const again = await launchProfile(profile);
  const { page: reopened } = await openStoredApp(again, session.url, 'locked');
  await openCasesTab(reopened);
  await reopened.fill('#unlock-passphrase', 'paard batterij nietje correct');
  await reopened.getByRole('button', { name: 'Ontgrendelen' }).click();
  await waitForStorage(reopened, 'ready');
  await reopened.locator('[data-factor]', { hasText: LABEL }).waitFor();
  await again.close();
});

test('text typed in case fields stays out of Chromium\'s session files; a field without autocomplete="off" does not', async () => {
  const { profile, context } = await session.freshBrowser();
  const { page, errors } = await openStoredApp(context, session.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.click('.case-title input');
  await page.keyboard.type('Casus Heidezicht', { delay: 20 });
  await addFactor(page, LABEL);
  await page.locator('[data-factor]', { hasText: LABEL }).first().click();
  await page.locator(NOTE).click();
  await page.keyboard.type(NOTE_TEXT, { delay: 20 });
  // The control: an ordinary input, as any page could have, typed the same way.
  await page.evaluate(() => {
    const control = document.createElement('input');
    control.id = 'control-field';
    document.body.prepend(control);
  });
  await page.click('#control-field');
  await page.keyboard.type('Kontrolezin', { delay: 20 });
  await page.keyboard.press('Tab');
  await waitForRecords(page, { count: 1, includes: ['Casus Heidezicht', LABEL, NOTE_TEXT] });
  // Chromium writes the session a few seconds after a change: wait until the control's
  // text is there (polling the files, not timing anything), then close.
  const sessionHits = (needles) => filesHolding(profile, needles).filter((hit) => /Sessions/.test(hit));
  for (let tries = 0; sessionHits(['Kontrolezin']).length === 0; tries += 1) {
    assert.ok(tries < 150, 'the session files never showed the plain field\'s text');
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
  }
  assert.deepEqual(errors, []);
  await context.close();
  assert.ok(sessionHits(['Kontrolezin']).length > 0, 'the probe finds a plain field\'s text in the session files');
  assert.deepEqual(sessionHits(['Casus Heidezicht', LABEL, NOTE_TEXT]), []);
});
