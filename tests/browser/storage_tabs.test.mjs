// Two tabs on one case never overwrite each other: the five sequences of issue 11, each
// with two pages in one browser context (the same profile, like two tabs), real
// keyboard typing and real clicks. A tab that must not save yet holds its autosave
// timer (300 ms) until the test releases it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './harness.mjs';
import { wcagViolations } from './a11y.mjs';
import { profileSession, openStoredApp, waitForStorage, caseRecords, waitForRecords, addFactor, openCasesTab, noticeMatching } from './storage_helpers.mjs';

const session = profileSession();
const NOTE = '.inspector textarea';

/** Opens a second tab whose autosave timers are held in `window.heldSaves`. */
async function holdingTab(context) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const setTimeout = window.setTimeout.bind(window);
    window.heldSaves = [];
    window.setTimeout = (handler, delay, ...rest) => (delay === 300 ? window.heldSaves.push(handler) + 1e6 : setTimeout(handler, delay, ...rest));
  });
  await page.goto(session.url);
  await waitForStorage(page, 'ready');
  return page;
}

/** Runs the held autosave timers of a holding tab (a cancelled one may be gone). */
async function releaseSaves(page) {
  await page.evaluate(() => {
    const held = window.heldSaves.splice(0);
    held.forEach((handler) => { try { handler(); } catch { /* cancelled */ } });
  });
}

/** The only stored case, once `predicate` holds for it (checked every animation frame). */
async function storedCaseWhen(page, predicate, what) {
  for (let tries = 0; tries < 400; tries++) {
    const [record] = await caseRecords(page);
    const stored = record && JSON.parse(record.case);
    if (stored && predicate(stored)) return stored;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
  throw new Error(`the stored case never had ${what}: ${JSON.stringify(await caseRecords(page)).slice(0, 600)}`);
}

/** Clicks the factor on the map, then into `field`, and selects what is there. */
async function editField(page, factor, field) {
  await page.locator('[data-factor]', { hasText: factor }).first().click();
  await page.locator(field).click();
  await page.keyboard.press('Control+A');
}

/** One tab with a stored case of one factor, and the context. */
async function oneCase(label) {
  const { context } = await session.freshBrowser();
  const { page } = await openStoredApp(context, session.url);
  await addFactor(page, label);
  await waitForRecords(page, { count: 1, includes: [label] });
  return { context, first: page };
}

test('1. B is renaming a factor when A saves its note and kind: B commits the name and nothing of A is lost', async () => {
  const { context, first } = await oneCase('Schuld');
  const { page: second, errors } = await openStoredApp(context, session.url);
  await second.setViewportSize({ width: 1024, height: 768 });
  await second.locator('[data-factor]', { hasText: 'Schuld' }).waitFor();
  await editField(second, 'Schuld', '#inspector-label');
  await second.keyboard.type('Schulden bij de gemeente', { delay: 30 });

  // A writes a note and changes the kind of the same factor; both are saved.
  await editField(first, 'Schuld', NOTE);
  await first.keyboard.type('Sinds maart', { delay: 30 });
  await first.keyboard.press('Tab');
  const kindBefore = (await storedCaseWhen(first, (c) => c.factors[0].note === 'Sinds maart', 'the note')).factors[0].kind;
  await first.locator('.inspector select').first().focus();
  await first.keyboard.press('ArrowDown');
  const theirs = await storedCaseWhen(first, (c) => c.factors[0].kind !== kindBefore, 'the new kind');

  // B follows A's version where it is not typing; its typing stays.
  await second.waitForFunction(() => document.querySelector('.inspector textarea')?.value === 'Sinds maart');
  assert.equal(await second.inputValue('#inspector-label'), 'Schulden bij de gemeente');
  await second.keyboard.press('Enter');
  const merged = await storedCaseWhen(second, (c) => c.factors[0].label === 'Schulden bij de gemeente', 'B\'s name');
  assert.equal(merged.factors[0].note, 'Sinds maart', 'A\'s note survives');
  assert.equal(merged.factors[0].kind, theirs.factors[0].kind, 'A\'s kind survives');
  // And A follows B.
  await first.waitForFunction(() => document.querySelector('#inspector-label')?.value === 'Schulden bij de gemeente');
  assert.deepEqual(errors, []);
  await context.close();
});

test('2. both tabs change different fields before B saves: the edits are merged on the newest version', async () => {
  const { context, first } = await oneCase('Stress');
  const second = await holdingTab(context);
  await second.setViewportSize({ width: 1280, height: 720 });
  await editField(second, 'Stress', NOTE);
  await second.keyboard.type('Slaapt slecht', { delay: 30 });
  await second.keyboard.press('Tab');
  // A renames the factor and saves while B's note is not saved yet.
  await editField(first, 'Stress', '#inspector-label');
  await first.keyboard.type('Stress door schulden', { delay: 30 });
  await first.keyboard.press('Enter');
  await storedCaseWhen(first, (c) => c.factors[0].label === 'Stress door schulden', 'A\'s name');
  await noticeMatching(second, /zijn samengevoegd/);
  await releaseSaves(second);
  const merged = await storedCaseWhen(second, (c) => c.factors[0].note === 'Slaapt slecht', 'B\'s note');
  assert.equal(merged.factors[0].label, 'Stress door schulden');
  assert.equal(await second.locator('#conflict, #field-conflicts').count(), 0, 'nothing to choose');
  await context.close();
});

test('3. both tabs change the same note: the conflict is shown with both texts and the user chooses', async () => {
  const { context, first } = await oneCase('Boete');
  const second = await holdingTab(context);
  await second.setViewportSize({ width: 1280, height: 720 });
  await editField(second, 'Boete', NOTE);
  await second.keyboard.type('Mijn notitie', { delay: 30 });
  await second.keyboard.press('Tab');
  await editField(first, 'Boete', NOTE);
  await first.keyboard.type('Hun notitie', { delay: 30 });
  await first.keyboard.press('Tab');
  await storedCaseWhen(first, (c) => c.factors[0].note === 'Hun notitie', 'A\'s note');

  const conflicts = second.locator('#field-conflicts');
  await conflicts.waitFor();
  const text = await conflicts.innerText();
  assert.match(text, /Factor ‘Boete’: notitie/);
  assert.match(text, /Mijn notitie/);
  assert.match(text, /Hun notitie/);
  // Until the user chooses, what A saved stays: B saves the merged case with their note.
  await releaseSaves(second);
  await storedCaseWhen(second, (c) => c.factors[0].note === 'Hun notitie', 'their note kept');
  await screenshot(second, 'storage-field-conflict');
  assert.deepEqual(await wcagViolations(second, '#cases-panel'), []);
  await second.getByRole('button', { name: 'Jouw tekst houden: Factor ‘Boete’: notitie' }).click();
  await conflicts.waitFor({ state: 'detached' });
  await releaseSaves(second);
  await storedCaseWhen(second, (c) => c.factors[0].note === 'Mijn notitie', 'the chosen note');
  await first.waitForFunction(() => document.querySelector('.inspector textarea')?.value === 'Mijn notitie');
  await context.close();
});

test('4. a case deleted in A closes in a clean tab and never comes back from a tab with unsaved changes', async () => {
  const { context, first } = await oneCase('Verhuizing');
  const [record] = await caseRecords(first);
  const clean = (await openStoredApp(context, session.url)).page;
  const dirty = await holdingTab(context);
  await dirty.setViewportSize({ width: 1024, height: 768 });
  await addFactor(dirty, 'Niet bewaard');
  await openCasesTab(first);
  await first.getByRole('button', { name: 'Verwijderen: Naamloze casus' }).click();
  await first.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await waitForRecords(first, { excludes: [record.id] });

  // The clean tab closes the case and says why.
  await noticeMatching(clean, /in een ander tabblad verwijderd en is hier gesloten/);
  assert.equal(await clean.locator('[data-factor]').count(), 0);
  // The tab with unsaved work asks; its held save writes nothing back.
  await dirty.locator('#conflict', { hasText: 'Deze casus is in een ander tabblad verwijderd' }).waitFor();
  await screenshot(dirty, 'storage-deleted-elsewhere');
  assert.deepEqual(await wcagViolations(dirty, '#cases-panel'), []);
  await releaseSaves(dirty);
  await dirty.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  assert.ok(!(await caseRecords(dirty)).some((r) => r.id === record.id), 'the deleted case did not come back');
  await dirty.getByRole('button', { name: 'Mijn versie bewaren (als kopie)' }).click();
  await releaseSaves(dirty);
  const after = await waitForRecords(dirty, { includes: ['(mijn versie)', 'Niet bewaard'] });
  assert.ok(!after.some((r) => r.id === record.id), 'kept as a new case, not under the deleted id');
  await context.close();
});

test('5. a wipe in A while B is typing completes in both tabs and no new database appears', async () => {
  const { context, first } = await oneCase('Schuldhulp');
  const second = (await openStoredApp(context, session.url)).page;
  await editField(second, 'Schuldhulp', NOTE);
  await second.keyboard.type('Aanmelding bij ', { delay: 30 });
  await openCasesTab(first);
  await first.getByRole('button', { name: 'Wis alle gegevens' }).click();
  const typing = second.keyboard.type('de kredietbank loopt nog', { delay: 30 });
  await first.getByRole('button', { name: 'Ja, alles wissen' }).click();
  await typing;
  await waitForStorage(first, 'wiped');
  await waitForStorage(second, 'wiped');
  // B keeps typing in the title after the wipe: nothing may be stored again.
  await second.locator('.case-title input').click();
  await second.keyboard.type('Nieuwe titel', { delay: 30 });
  await second.locator('.case-title input').press('Tab');
  // Everything B typed has had its autosave turn (and was dropped, not stored).
  await second.waitForFunction(() => document.documentElement.dataset.unsaved === 'false');
  for (const page of [first, second]) {
    const left = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      buckets: navigator.storageBuckets ? await navigator.storageBuckets.keys() : [],
    }));
    assert.deepEqual(left, { databases: [], buckets: [] });
  }
  await context.close();
});
