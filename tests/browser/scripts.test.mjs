// Issue 16: text in every script users write, through the screen. A case title typed in
// Arabic, Chinese, Tigrinya, Turkish or Vietnamese, or with emoji, names the exported file
// after its letters (Vietnamese typed decomposed, as a macOS keyboard gives it, names it
// composed); the library search ignores diacritics ("financiele" finds "financiële"); and an
// e-mail address in Arabic or Cyrillic script in the title is flagged as personal data, and
// the warning goes once the address is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appSession, openApp, screenshot } from './harness.mjs';

const app = appSession();

/** Types `title` into the case title with the keyboard, as a person does, and leaves the field. */
async function typeTitle(page, title) {
  const field = page.locator('.case-title input');
  const box = await field.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(title);
  await page.keyboard.press('Tab');
}

/** The name of the file the JSON export offers, clicked with the mouse. */
async function exportedName(page) {
  const button = page.locator('#export-json');
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.mouse.click(box.x + box.width / 2, box.y + box.height / 2),
  ]);
  return download.suggestedFilename();
}

const TITLES = [
  ['عائلة أحمد', 'عائلة-أحمد.json'],
  ['王伟一家', '王伟一家.json'],
  ['ስድራ ቤት ኣብርሃም', 'ስድራ-ቤት-ኣብርሃም.json'],
  ['Ailesi YILMAZ / Şahin', 'ailesi-yilmaz-şahin.json'],
  ['Nguyễn Văn An'.normalize('NFD'), 'nguyễn-văn-an.json'],
  ['🏠 Huur 🏠', 'huur.json'],
  ['🏠💸', 'casus.json'],
];

for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
  test(`titles, search and privacy checks in every script at ${viewport.width}x${viewport.height}`, async () => {
    const { page, requests } = await openApp(app.context, app.url);
    await page.setViewportSize(viewport);
    await page.locator('html[data-storage="ready"]').waitFor({ state: 'attached' });
    // A factor, so that the case has something to export (below the empty map's offer).
    const map = await page.locator('#case-map').boundingBox();
    await page.mouse.dblclick(map.x + map.width * 0.25, map.y + map.height * 0.85);
    await page.locator('input.label-input').waitFor();
    await page.keyboard.insertText('Schulden');
    await page.keyboard.press('Enter');
    await page.locator('[data-factor]', { hasText: 'Schulden' }).first().waitFor();

    await page.getByRole('tab', { name: 'Casussen' }).click();
    for (const [title, name] of TITLES) {
      await typeTitle(page, title);
      assert.equal(await page.inputValue('.case-title input'), title, 'the title as typed');
      assert.equal(await exportedName(page), name, `the file name for ${JSON.stringify(title)}`);
      assert.equal(name, name.normalize('NFC'));
    }

    // The library search folds case and diacritics on both sides.
    await page.getByRole('tab', { name: 'Regels' }).click();
    const found = async (query) => {
      await page.locator('#rule-search').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(query);
      await page.locator('li.rule').first().waitFor();
      return page.locator('li.rule').count();
    };
    const plain = await found('financiele');
    assert.ok(plain >= 1, 'rules about financiële problems are found');
    assert.equal(await found('FINANCIËLE'), plain);
    // The sector filter beside the search stays inside the panel (it once stuck out at 1024 wide).
    const panel = await page.locator('#library-panel').boundingBox();
    const filter = await page.locator('.search-row select').boundingBox();
    assert.ok(filter.x + filter.width <= panel.x + panel.width + 0.5, `filter ends at ${filter.x + filter.width}, panel at ${panel.x + panel.width}`);

    // E-mail addresses in other scripts in the title are flagged while typing.
    for (const address of ['فاطمة@gmail.com', 'ivan@почта.рф']) {
      await typeTitle(page, `Casus ${address}`);
      const note = page.locator('.case-title .privacy-note');
      await note.waitFor();
      assert.match(await note.innerText(), /Dit lijkt een e-mailadres te bevatten/);
    }
    const warning = page.locator('.notice', { hasText: 'lijkt een e-mailadres te bevatten' });
    await warning.waitFor();
    await typeTitle(page, 'Casus Şahin');
    assert.equal(await page.locator('.case-title .privacy-note').count(), 0, 'a plain title is not flagged');
    await warning.waitFor({ state: 'detached' });
    await screenshot(page, `scripts-${viewport.width}`);
    assert.deepEqual(requests.filter((url) => !url.startsWith(app.url)), [], 'no request leaves the device');
    await page.close();
  });
}
