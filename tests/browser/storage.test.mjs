// Local cases in IndexedDB, in the release build in headless Chromium: autosave that
// survives a hard kill, the case list, migration of older records, own
// rules, two tabs, passphrase encryption, import and export, privacy warnings, and
// "Wis alle gegevens". No sleeps: every wait is for a DOM state or for IndexedDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { screenshot } from './harness.mjs';
import { wcagViolations } from './a11y.mjs';
import {
  profileSession, launchProfile, hardKill, openStoredApp, waitForStorage, caseRecords, waitForRecords, putRaw,
  addFactor, addLink, openCasesTab, noticeMatching,
} from './storage_helpers.mjs';

const session = profileSession();

/** The case JSON stored for the only (or given) record. */
function storedCase(record) {
  return JSON.parse(record.case);
}

const PASS = 'paard batterij nietje correct';

// How soon autosave stores a change is timed by scripts/bench-app.mjs, not asserted here.
test('autosave stores a change without a save action, in the case format, and it survives a hard kill', async () => {
  const { profile, context } = await session.freshBrowser();
  const { page, errors } = await openStoredApp(context, session.url);
  await addFactor(page, 'Huurachterstand');
  const [record] = await waitForRecords(page, { count: 1, includes: ['Huurachterstand'] });
  const stored = storedCase(record);
  assert.equal(stored.format, 'cirkelbreker-case');
  assert.equal(stored.version, 1);
  assert.equal(record.revision, 1);

  // A second change, then SIGKILL as soon as it is in IndexedDB: no unload, no flush.
  await addFactor(page, 'Stress');
  await waitForRecords(page, { includes: ['Stress', '"revision":2'] });
  assert.deepEqual(errors, []);
  assert.ok(hardKill(profile) > 0, 'chromium was running');
  await context.close().catch(() => {});

  const again = await launchProfile(profile);
  const { page: reopened } = await openStoredApp(again, session.url);
  await reopened.locator('[data-factor]', { hasText: 'Stress' }).waitFor();
  assert.equal(await reopened.locator('[data-factor]').count(), 2);
  await again.close();
});

test('the case list creates, renames, duplicates, deletes after confirmation and undoes the delete', async () => {
  const { context } = await session.freshBrowser();
  const { page, errors } = await openStoredApp(context, session.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.fill('.case-title input', 'Casus Zonneweide');
  await page.press('.case-title input', 'Tab');
  await addFactor(page, 'Schuld');
  await waitForRecords(page, { count: 1, includes: ['Casus Zonneweide', 'Schuld'] });
  await openCasesTab(page);

  // Keyboard: the button is reachable and works with Enter.
  await page.focus('#new-case');
  await page.keyboard.press('Enter');
  await waitForRecords(page, { count: 2 });
  await page.locator('.case-item').nth(1).waitFor();
  assert.equal(await page.locator('[data-factor]').count(), 0, 'the new case is open and empty');
  await addFactor(page, 'Boete');
  await page.getByRole('button', { name: 'Naam wijzigen: Naamloze casus' }).click();
  await page.getByLabel('Nieuwe naam').fill('Casus Boete');
  await page.getByRole('button', { name: 'Naam opslaan' }).click();
  await waitForRecords(page, { count: 2, includes: ['Casus Boete', 'Boete'] });

  // Rename a case that is not open, then duplicate it.
  await page.getByRole('button', { name: 'Naam wijzigen: Casus Zonneweide' }).click();
  await page.getByLabel('Nieuwe naam').fill('Casus Park');
  await page.keyboard.press('Enter');
  await waitForRecords(page, { count: 2, includes: ['Casus Park'], excludes: ['Zonneweide'] });
  await page.getByRole('button', { name: 'Dupliceren: Casus Park' }).click();
  await waitForRecords(page, { count: 3, includes: ['Casus Park (kopie)'] });
  await page.locator('.case-item', { hasText: 'Casus Park (kopie)' }).waitFor();
  await screenshot(page, '20-cases-list');
  assert.deepEqual(await wcagViolations(page, '#cases-panel'), []);

  // Delete asks first; cancel keeps it, confirm deletes it, undo puts it back.
  await page.getByRole('button', { name: 'Verwijderen: Casus Park (kopie)' }).click();
  await page.getByRole('button', { name: 'Annuleren' }).click();
  assert.equal((await caseRecords(page)).length, 3);
  await page.getByRole('button', { name: 'Verwijderen: Casus Park (kopie)' }).click();
  await screenshot(page, '21-cases-delete-confirm');
  assert.deepEqual(await wcagViolations(page, '#cases-panel'), []);
  await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await waitForRecords(page, { count: 2, excludes: ['(kopie)'] });
  await page.locator('.undo-bar', { hasText: '“Casus Park (kopie)” is verwijderd.' }).waitFor();
  await page.getByRole('button', { name: 'Verwijderen ongedaan maken' }).click();
  await waitForRecords(page, { count: 3, includes: ['Casus Park (kopie)'] });
  await page.locator('.case-item', { hasText: 'Casus Park (kopie)' }).waitFor();

  // Open another case from the list; it becomes the last opened and reopens on reload.
  await page.getByRole('button', { name: 'Openen: Casus Park', exact: true }).click();
  await page.locator('[data-factor]', { hasText: 'Schuld' }).waitFor();
  await page.reload();
  await waitForStorage(page, 'ready');
  await page.locator('[data-factor]', { hasText: 'Schuld' }).waitFor();
  assert.equal(await page.inputValue('.case-title input'), 'Casus Park');
  assert.deepEqual(errors, []);
  await context.close();
});

// Chromium stops serving a storage bucket's IndexedDB once the bucket's JS object is
// garbage collected, even with a connection open: the app's operations then hang for good.
test('storage keeps working after the browser collects garbage', async () => {
  const { context } = await session.freshBrowser();
  const { page, errors } = await openStoredApp(context, session.url);
  await addFactor(page, 'Schuld');
  await openCasesTab(page);
  // No IndexedDB access from the test before the collection: wait on the screen only.
  await page.locator('.case-item').first().waitFor();
  const devtools = await context.newCDPSession(page);
  await devtools.send('HeapProfiler.collectGarbage');
  await devtools.send('HeapProfiler.collectGarbage');
  await page.getByRole('button', { name: /^Dupliceren: / }).click();
  await page.locator('.case-item').nth(1).waitFor();
  await waitForRecords(page, { count: 2, includes: ['(kopie)', 'Schuld'] });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a record in an older case version is migrated on read, and own rules survive a reload', async () => {
  const { context } = await session.freshBrowser();
  const { page } = await openStoredApp(context, session.url);
  // Version 0: a bare case object without format/version, as early exports wrote it.
  const legacy = JSON.stringify({ title: 'Oude casus', factors: [{ id: 'a', label: 'Oud', x: 0, y: 0 }], links: [] });
  await putRaw(page, 'cases', 'oud1', JSON.stringify({ id: 'oud1', revision: 4, updated: Date.now(), case: legacy }));
  await putRaw(page, 'settings', 'last-case', 'oud1');
  await putRaw(page, 'settings', 'own-rules', OWN_RULE_JSON);
  await page.reload();
  await waitForStorage(page, 'ready');
  await page.locator('[data-factor]', { hasText: 'Oud' }).waitFor();
  await page.getByRole('tab', { name: 'Regels' }).click();
  await page.fill('#rule-search', 'zeewolde');
  await page.locator('[data-rule="GEM-01"]').waitFor();

  // Saving writes the current version over it, one revision on.
  await addFactor(page, 'Nieuw');
  const [record] = await waitForRecords(page, { includes: ['Nieuw', '"revision":5'] });
  assert.equal(storedCase(record).version, 1);
  await context.close();
});

test('two tabs on one case: a clean tab follows, a tab with unsaved changes merges them', async () => {
  const { context } = await session.freshBrowser();
  const { page: first } = await openStoredApp(context, session.url);
  await addFactor(first, 'Eerste');
  await waitForRecords(first, { count: 1, includes: ['Eerste'] });

  // The second tab holds its autosave timer, so its change stays unsaved.
  const second = await context.newPage();
  await second.addInitScript(() => {
    const setTimeout = window.setTimeout.bind(window);
    window.heldSaves = [];
    window.setTimeout = (handler, delay, ...rest) => (delay === 300 ? window.heldSaves.push(handler) : setTimeout(handler, delay, ...rest));
  });
  await second.goto(session.url);
  await waitForStorage(second, 'ready');
  await second.locator('[data-factor]', { hasText: 'Eerste' }).waitFor();

  // A clean tab simply follows what the other tab saved.
  await addFactor(first, 'Tweede');
  await waitForRecords(first, { includes: ['Tweede'] });
  await second.locator('[data-factor]', { hasText: 'Tweede' }).waitFor();
  await noticeMatching(second, /nieuwste versie is geladen/);

  // Now both change the case; the second tab has not saved yet. Its change is merged
  // onto the other tab's version: both factors stay, nothing is overwritten.
  await addFactor(second, 'Mijn wijziging');
  await addFactor(first, 'Hun wijziging');
  await waitForRecords(first, { includes: ['Hun wijziging'], excludes: ['Mijn wijziging'] });
  assert.match(await noticeMatching(second, /zijn samengevoegd/), /Jouw wijzigingen en die van het andere tabblad/);
  await second.locator('[data-factor]', { hasText: 'Hun wijziging' }).waitFor();
  assert.equal(await second.locator('#conflict').count(), 0, 'nothing to choose');
  await second.evaluate(() => window.heldSaves.forEach((handler) => { try { handler(); } catch { /* cancelled */ } }));
  const [merged] = await waitForRecords(second, { count: 1, includes: ['Mijn wijziging', 'Hun wijziging'] });
  assert.equal(JSON.parse(merged.case).factors.length, 4);
  await first.locator('[data-factor]', { hasText: 'Mijn wijziging' }).waitFor();
  await context.close();
});

test('a save over a newer stored revision merges it, or asks when it cannot; "load theirs" loads it', async () => {
  const { context } = await session.freshBrowser();
  const { page } = await openStoredApp(context, session.url);
  await addFactor(page, 'Hier');
  const [record] = await waitForRecords(page, { count: 1, includes: ['Hier'] });
  // Another tab without a channel (say, an older version) saved revision 7: a new name.
  const theirs = JSON.parse(record.case);
  theirs.factors[0].label = 'Daar';
  await putRaw(page, 'cases', record.id, JSON.stringify({ ...record, revision: 7, case: JSON.stringify(theirs) }));
  await addFactor(page, 'Nog een');
  // Merged: their name, my factor, saved over their revision.
  await waitForRecords(page, { count: 1, includes: ['Daar', 'Nog een', '"revision":8'] });
  await page.locator('[data-factor]', { hasText: 'Daar' }).waitFor();

  // Revision 20 deletes every factor, while this tab links two of them: no valid merge.
  const [now] = await caseRecords(page);
  const emptied = { ...JSON.parse(now.case), factors: [], links: [] };
  await putRaw(page, 'cases', record.id, JSON.stringify({ ...now, revision: 20, case: JSON.stringify(emptied) }));
  await addLink(page, 'Daar', 'Nog een');
  await page.locator('#conflict').waitFor();
  const [stored] = await caseRecords(page);
  assert.equal(stored.revision, 20);
  assert.ok(!stored.case.includes('Nog een'), 'nothing was overwritten');
  await page.getByRole('button', { name: 'Hun versie laden' }).click();
  await page.locator('[data-factor]').first().waitFor({ state: 'detached' });
  // Saving goes on from their revision.
  await addFactor(page, 'Verder');
  await waitForRecords(page, { count: 1, includes: ['Verder', '"revision":21'] });
  await context.close();
});

test('encryption at rest: sealed records, locked after reload, a wrong passphrase changes nothing', async () => {
  const { context } = await session.freshBrowser();
  const { page, errors } = await openStoredApp(context, session.url);
  await addFactor(page, 'Geheime schuld');
  await waitForRecords(page, { count: 1, includes: ['Geheime schuld'] });
  await openCasesTab(page);
  await page.fill('#vault-passphrase', 'kort');
  await page.fill('#vault-repeat', 'kort');
  await page.getByRole('button', { name: 'Versleuteling aanzetten' }).click();
  await noticeMatching(page, /minstens 10 tekens/);
  await page.fill('#vault-passphrase', PASS);
  await page.fill('#vault-repeat', PASS);
  await page.getByRole('button', { name: 'Versleuteling aanzetten' }).click();
  await page.locator('#encryption-status').waitFor();
  const [sealed] = await waitForRecords(page, { count: 1, includes: ['"sealed"'], excludes: ['Geheime schuld'] });
  assert.equal(sealed.case, undefined);
  assert.equal(sealed.sealed.kdf, 'PBKDF2-SHA-256');
  assert.ok(sealed.sealed.iterations >= 600000);
  assert.equal(sealed.sealed.cipher, 'AES-256-GCM');
  const kdfMs = Number(await page.getAttribute('html', 'data-kdf-ms'));
  console.log(`PBKDF2-SHA-256, ${sealed.sealed.iterations} iterations: ${kdfMs} ms in headless Chromium`);
  // New changes are sealed too.
  await addFactor(page, 'Nog geheimer');
  await waitForRecords(page, { count: 1, includes: ['"revision":3'], excludes: ['Nog geheimer'] });

  await page.reload();
  await waitForStorage(page, 'locked');
  await openCasesTab(page);
  assert.equal(await page.locator('[data-factor]').count(), 0, 'nothing shows while locked');
  const before = JSON.stringify(await caseRecords(page));
  await page.fill('#unlock-passphrase', 'verkeerde wachtwoordzin');
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  await noticeMatching(page, /De wachtwoordzin klopt niet\. Er is niets geopend of gewijzigd\./);
  await screenshot(page, '23-cases-locked');
  assert.deepEqual(await wcagViolations(page, '#cases-panel'), []);
  assert.equal(JSON.stringify(await caseRecords(page)), before, 'a wrong passphrase overwrites nothing');
  await page.fill('#unlock-passphrase', PASS);
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  await waitForStorage(page, 'ready');
  await page.locator('[data-factor]', { hasText: 'Nog geheimer' }).waitFor();

  // Switching it off stores the cases in the clear again.
  await page.getByRole('button', { name: 'Versleuteling uitzetten' }).click();
  await waitForRecords(page, { count: 1, includes: ['Nog geheimer'], excludes: ['"sealed"'] });
  assert.deepEqual(errors, []);
  await context.close();
});

test('export as JSON (also sealed), Kumu CSV, GraphML, DOT, SVG and PNG; a sealed export imports back', async () => {
  const { context } = await session.freshBrowser();
  const { page, errors } = await openStoredApp(context, session.url);
  await page.fill('.case-title input', 'Casus Export');
  await page.press('.case-title input', 'Tab');
  await addFactor(page, 'Schuld');
  await addFactor(page, 'Stress');
  await addLink(page, 'Schuld', 'Stress');
  await page.locator('[data-link]').first().waitFor();
  await waitForRecords(page, { count: 1, includes: ['Stress', 'polarity'] });
  await openCasesTab(page);

  const download = async (button) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const bytes = fs.readFileSync(await file.path());
    return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
  };
  const json = await download('#export-json');
  assert.equal(json.name, 'casus-export.json');
  assert.equal(JSON.parse(json.text).format, 'cirkelbreker-case');
  const csv = await download('#export-csv');
  assert.match(csv.text, /Schuld/);
  assert.equal(csv.name, 'casus-export.csv');
  assert.match((await download('#export-graphml')).text, /<graphml/);
  assert.match((await download('#export-dot')).text, /digraph/);
  const svg = await download('#export-svg');
  assert.match(svg.text, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg.text, /<style>[^<]*\.factor-label/, 'the CSS is inlined');
  assert.match(svg.text, /Stress/);
  assert.doesNotMatch(svg.text, /<foreignObject|class="link-handle"/, 'no editing aids');
  const png = await download('#export-png');
  assert.deepEqual([...png.bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
  assert.ok(png.bytes.length > 2000, `PNG of ${png.bytes.length} bytes`);

  await page.check('#export-encrypt');
  await page.fill('#file-passphrase', PASS);
  const sealed = await download('#export-json');
  const envelope = JSON.parse(sealed.text);
  assert.equal(envelope.format, 'cirkelbreker-sealed');
  assert.ok(!sealed.text.includes('Schuld'));
  assert.match(sealed.name, /^casus-versleuteld-\d{4}-\d{2}-\d{2}\.json$/, 'a sealed file is not named after its title');

  // Importing it back: a wrong passphrase is refused and stores nothing; the right one
  // adds a new case.
  await page.fill('#file-passphrase', 'niet de goede zin');
  await page.setInputFiles('#import-file', { name: 'geheim.json', mimeType: 'application/json', buffer: sealed.bytes });
  await noticeMatching(page, /Inlezen mislukt: de wachtwoordzin klopt niet/);
  assert.equal((await caseRecords(page)).length, 1);
  await page.fill('#file-passphrase', PASS);
  await page.setInputFiles('#import-file', { name: 'geheim.json', mimeType: 'application/json', buffer: sealed.bytes });
  await waitForRecords(page, { count: 2 });
  await noticeMatching(page, /ingelezen als nieuwe casus/);
  await page.locator('.case-item', { hasText: 'Casus Export' }).nth(1).waitFor();
  await screenshot(page, '24-cases-files');
  assert.deepEqual(errors, []);
  await context.close();
});

/** A 50 MB file named groot.json in the temporary directory; returns its path. */
function fiftyMegabytes() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-big-'));
  session.removeAfterRun(dir);
  const file = path.join(dir, 'groot.json');
  fs.writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 32));
  return file;
}

test('bad files get a Dutch message and leave the stored cases untouched', async () => {
  const { context } = await session.freshBrowser();
  const { page } = await openStoredApp(context, session.url);
  await addFactor(page, 'Bewaard');
  await waitForRecords(page, { count: 1, includes: ['Bewaard'] });
  await openCasesTab(page);
  const before = JSON.stringify(await caseRecords(page));
  const cases = [
    ['kapot.json', Buffer.from('{"format":"cirkelbreker-case","version":1,"factors":[{"id":"a",}'), /geen geldige JSON \(regel 1/],
    ['toekomst.json', Buffer.from('{"format":"cirkelbreker-case","version":9,"factors":[],"links":[]}'), /nieuwere versie van Cirkelbreker/],
    ['groot.json', fiftyMegabytes(), /te groot \(50,0 MB\)/],
    ['dubbel.json', Buffer.from(JSON.stringify({ factors: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }], links: [] })), /de casus klopt niet: .*'a'/],
    ['kaart.graphml', Buffer.from('<graphml/>'), /GraphML: het bestand bevat geen <graph>/],
    ['kaart.dot', Buffer.from('digraph {}'), /kan Cirkelbreker wel maken maar niet inlezen/],
    ['geheim.json', Buffer.from(JSON.stringify({ format: 'cirkelbreker-sealed', version: 1, kdf: 'PBKDF2-SHA-256', iterations: 600000, salt: 'AAAA', cipher: 'AES-256-GCM', iv: 'AAAA', ciphertext: 'AAAA' })), /dit bestand is versleuteld/],
  ];
  for (const [name, content, message] of cases) {
    // Playwright passes buffers up to 50 MB; the big file goes by path.
    const file = typeof content === 'string' ? content : { name, mimeType: 'application/octet-stream', buffer: content };
    await page.setInputFiles('#import-file', file);
    const text = await noticeMatching(page, message);
    assert.match(text, /^Inlezen mislukt: /, name);
    assert.equal(JSON.stringify(await caseRecords(page)), before, `${name} changed nothing`);
  }
  await context.close();
});

// A sheet the importer reads can still make a case that the store could not read back:
// a note's line break is one byte in CSV and two in JSON, so 1,900 notes of 10,000
// characters are a 19 MB sheet and a 28 MB case. It is refused before it is stored.
test('an import the store could not read back is refused with a message, and nothing is stored', async () => {
  const { context } = await session.freshBrowser();
  const { page, errors } = await openStoredApp(context, session.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  await addFactor(page, 'Bewaard');
  await waitForRecords(page, { count: 1, includes: ['Bewaard'] });
  await openCasesTab(page);
  const before = JSON.stringify(await caseRecords(page));
  const note = 'a\n'.repeat(5000);
  const rows = Array.from({ length: 1900 }, (_, i) => `F${i},Factor ${i},situatie,"${note}"`);
  const sheet = Buffer.from(`ID,Label,Type,Description\n${rows.join('\n')}`);
  assert.ok(sheet.length < 20 * 1024 * 1024, `the sheet (${sheet.length} bytes) is under the import limit`);
  await page.setInputFiles('#import-file', { name: 'lange-notities.csv', mimeType: 'text/csv', buffer: sheet });
  const text = await noticeMatching(page, /^Niet bewaard: opgeslagen zou deze casus \d+,\d MB zijn/);
  assert.match(text, /meer dan de 20 MB die een casus mag zijn\. Kort lange notities in of splits de kaart in delen\.$/);
  await screenshot(page, 'storage-not-storable');
  assert.equal(JSON.stringify(await caseRecords(page)), before, 'nothing was stored');
  await page.locator('[data-factor]', { hasText: 'Bewaard' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a label that looks like a BSN, e-mail address or phone number gets a Dutch warning', async () => {
  const { context } = await session.freshBrowser();
  const { page } = await openStoredApp(context, session.url);
  await addFactor(page, 'Cliënt 123456782');
  await noticeMatching(page, /Let op: het label van factor .* lijkt een burgerservicenummer \(BSN\) te bevatten/);
  await addFactor(page, 'j.jansen@example.nl');
  await noticeMatching(page, /lijkt een e-mailadres te bevatten/);
  await addFactor(page, '06-12345678');
  await noticeMatching(page, /lijkt een telefoonnummer te bevatten/);
  // A warning, not a block: the factors are there and saved.
  await waitForRecords(page, { count: 1, includes: ['123456782', 'example.nl', '06-12345678'] });

  // The warning also stays beside the text itself: selected, the factor's label field shows
  // a note (its description for screen readers), which goes as soon as the number is typed away.
  await page.locator('[data-factor]', { hasText: 'Cliënt 123456782' }).click();
  const field = page.locator('#inspector-label');
  const note = page.locator('.inspector .privacy-note');
  await note.waitFor();
  assert.match(await note.innerText(), /^Dit lijkt een burgerservicenummer \(BSN\) te bevatten\. Een casuskaart hoort pseudoniem te zijn/);
  assert.equal(await field.getAttribute('aria-description'), await note.innerText());
  assert.deepEqual(await wcagViolations(page, '.inspector'), []);
  await screenshot(page, '26-privacy-note');
  await field.fill('Cliënt A.');
  await note.waitFor({ state: 'detached' });
  assert.equal(await field.getAttribute('aria-description'), null);
  await context.close();
});

test('"Wis alle gegevens" deletes the database, the caches and the service worker after confirming', async () => {
  const { context } = await session.freshBrowser();
  const { page } = await openStoredApp(context, session.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(async () => (await caches.keys()).length > 0);
  await addFactor(page, 'Weg ermee');
  await waitForRecords(page, { count: 1, includes: ['Weg ermee'] });
  await openCasesTab(page);
  await page.getByRole('button', { name: 'Wis alle gegevens' }).click();
  await page.getByRole('button', { name: 'Annuleren' }).click();
  assert.equal((await caseRecords(page)).length, 1, 'cancel keeps everything');
  await page.getByRole('button', { name: 'Wis alle gegevens' }).click();
  await page.getByRole('button', { name: 'Ja, alles wissen' }).click();
  await waitForStorage(page, 'wiped');
  await page.locator('#wiped-text').waitFor();
  const left = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    workers: (await navigator.serviceWorker.getRegistrations()).length,
    local: localStorage.length + sessionStorage.length,
  }));
  assert.deepEqual(left, { databases: [], caches: [], workers: 0, local: 0 });
  assert.equal(await page.locator('[data-factor]').count(), 0, 'the screen is cleared too');
  await context.close();
});

/** A municipal rule in the sector-file format as JSON, as the app stores own rules. */
const OWN_RULE_JSON = JSON.stringify({
  "rule": [
    {
      "id": "GEM-01",
      "name_nl": "Eigen beleidsregel Zeewolde: geen huurtoeslag op het park",
      "name_en": "Own policy rule Zeewolde",
      "sector": "inkomen",
      "status": "in_werking",
      "last_checked": "2026-02-28",
      "confidence": "medium",
      "keywords": [
        "zeewolde",
        "eigen beleid"
      ],
      "mechanism_nl": "Bewoners van recreatiewoningen krijgen geen huurtoeslag.",
      "decision_holder": {
        "level": "M7",
        "role_nl": "Dienst Toeslagen"
      },
      "legal_sources": [
        {
          "law": "Wet op de huurtoeslag",
          "note": "voorwaarde zelfstandige woonruimte",
          "verify": true
        }
      ],
      "factors": [
        {
          "id": "permanente_bewoning_park",
          "label_nl": "Permanente bewoning recreatiepark",
          "label_en": "Permanent residence",
          "kind": "situatie"
        },
        {
          "id": "huurtoeslag",
          "label_nl": "Huurtoeslag",
          "label_en": "Rent benefit",
          "kind": "situatie"
        }
      ],
      "links": [
        {
          "from": "permanente_bewoning_park",
          "to": "huurtoeslag",
          "polarity": "-"
        }
      ],
      "instruments": [
        {
          "id": "B11",
          "level": "M6",
          "role_nl": "Gemeenteraad",
          "how_nl": "Legalisering van de bewoning."
        }
      ],
      "sources": [
        "https://example.org/zeewolde-beleidsregel"
      ]
    }
  ]
});
