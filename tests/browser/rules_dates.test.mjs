// Issue 13: a rule's period says from when its text holds, in Dutch and in English. WON-12
// (the temporary tenancy after a homeless shelter) shows its date and its Staatsblad source,
// REG-01 and REG-05 the date of the Wet BRP, and REG-05's verification says why, and that the
// day De Wolden's example rule took effect was not found. (An own rule without a date:
// own_rules.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appSession, openApp, screenshot } from './harness.mjs';

const app = appSession();

/** Searches the library by typing, as a person does, and opens the rule's details with the
 * mouse unless they are open already (they stay open when the language changes). */
async function openRule(page, id) {
  await page.locator('#rule-search').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(id);
  const rule = page.locator(`[data-rule="${id}"]`);
  const details = rule.getByRole('button', { name: /Details/ });
  await details.scrollIntoViewIfNeeded();
  if (await details.getAttribute('aria-expanded') !== 'true') {
    const box = await details.boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }
  await rule.locator('.rule-detail').waitFor();
  await rule.locator('.rule-detail').scrollIntoViewIfNeeded();
  return rule;
}

/** The text and class of the period row ("Geldig" / "Valid") of an open rule, scrolled into view. */
async function periodRow(rule, label) {
  const dd = rule.locator('.rule-detail dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
  await dd.scrollIntoViewIfNeeded();
  return { text: await dd.innerText(), className: (await dd.getAttribute('class')) ?? '' };
}

for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
  test(`rules in the library say from when they hold at ${viewport.width}x${viewport.height}`, async () => {
    const { page, requests } = await openApp(app.context, app.url);
    await page.setViewportSize(viewport);
    await page.getByRole('tab', { name: 'Regels' }).click();

    const won12 = await openRule(page, 'WON-12');
    const dated = await periodRow(won12, 'Geldig');
    assert.equal(dated.text, 'vanaf 2024-07-01');
    assert.doesNotMatch(dated.className, /verify/);
    const detail = await won12.locator('.rule-detail').innerText();
    assert.match(detail, /Besluit specifieke groepen tijdelijke huurovereenkomst art\. 1 onder c/);
    assert.match(detail, /stb-2024-152\.html/);
    assert.match(detail, /Wettelijke bron gecontroleerd\s+ja/);
    await screenshot(page, `rules-won12-${viewport.width}`);

    // REG-01 was dated in December 2026: its text names the BRP and the RNI (Wet BRP, 6-1-2014).
    const reg01 = await openRule(page, 'REG-01');
    assert.equal((await periodRow(reg01, 'Geldig')).text, 'vanaf 2014-01-06');
    assert.match(await reg01.locator('.rule-detail').innerText(), /Geldig vanaf 6-1-2014: de tekst noemt het adres in de BRP en de RNI/);
    await screenshot(page, `rules-dated-reg01-${viewport.width}`);

    const reg05 = await openRule(page, 'REG-05');
    const reg05Period = await periodRow(reg05, 'Geldig');
    assert.equal(reg05Period.text, 'vanaf 2014-01-06');
    assert.doesNotMatch(reg05Period.className, /verify/);
    assert.match(await reg05.locator('.rule-detail').innerText(), /Geldig vanaf 6-1-2014: de regel beschrijft wat een gemeente onder de Wet BRP kan vastleggen/);
    await screenshot(page, `rules-dated-reg05-${viewport.width}`);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Rules' }).click();
    const english = await openRule(page, 'REG-05');
    const row = await periodRow(english, 'Valid');
    assert.equal(row.text, 'from 2014-01-06');
    assert.match(await english.locator('.rule-detail').innerText(), /Valid from 6-1-2014: the rule describes what a municipality can lay down under the BRP Act/);
    await screenshot(page, `rules-dated-reg05-en-${viewport.width}`);
    assert.deepEqual(requests.filter((url) => !url.startsWith(app.url)), [], 'no request leaves the device');
    await page.close();
  });
}
