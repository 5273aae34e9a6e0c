// A report printed while the Web Worker is still analysing an edit shows the loops of the
// map as it is, not the previous analysis: the worker's messages are held back (so the
// analysis is surely pending), a factor of the loop is deleted with the mouse and the
// Delete key, and the report built for print is read from the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appSession, watchErrors, screenshot } from './harness.mjs';

const app = appSession();

/** Opens the app in a page whose messages to the analysis worker can be held back. */
async function openHolding(width, height) {
  const page = await app.context.newPage();
  await page.setViewportSize({ width, height });
  await page.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    window.heldMessages = [];
    window.holdAnalysis = false;
    Worker.prototype.postMessage = function (...message) {
      if (window.holdAnalysis) window.heldMessages.push(() => post.apply(this, message));
      else post.apply(this, message);
    };
  });
  const errors = watchErrors(page);
  await page.goto(app.url);
  await page.locator('h1', { hasText: 'Cirkelbreker' }).waitFor();
  return { page, errors };
}

/** The report's heading of the vicious loops and its loop lines, built for print. */
async function printedLoops(page) {
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.locator('#report').waitFor({ state: 'attached' });
  const heading = await page.locator('#report-header h2').first().innerText();
  const lines = await page.locator('#report-loop-lines li').allInnerTexts();
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  return { heading, lines };
}

for (const [width, height] of [[1280, 720], [1024, 768]]) {
  test(`a report printed while the analysis is pending shows the map as it is (${width}×${height})`, async () => {
    const { page, errors } = await openHolding(width, height);
    await page.getByRole('tab', { name: 'Regels' }).click();
    await page.locator('#library-panel [data-template="CY-01"]').click();
    await page.locator('.notice', { hasText: 'is geopend als nieuwe casus' }).waitFor();
    await page.waitForFunction(() => document.documentElement.dataset.analysis === 'current');
    const before = await printedLoops(page);
    assert.match(before.heading, /\((\d+)\)/);
    const loopsBefore = Number(before.heading.match(/\((\d+)\)/)[1]);
    assert.ok(loopsBefore >= 1, `the template has vicious loops (${before.heading})`);
    // A factor of the first printed loop (the line says "meer schulden → minder …").
    const labels = await page.locator('[data-factor]').allTextContents();
    const label = labels.map((text) => text.trim()).find((text) => text && before.lines[0].toLowerCase().includes(text.toLowerCase()));
    assert.ok(label, `a factor of the loop is on the map: ${before.lines[0]}`);

    // Hold the worker's messages, then delete a factor of the first loop with the mouse.
    await page.evaluate(() => { window.holdAnalysis = true; });
    const factor = page.locator('[data-factor]', { hasText: label }).first();
    await factor.click();
    await page.keyboard.press('Delete');
    await page.locator('[data-factor]', { hasText: label }).waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.documentElement.dataset.analysis === 'pending');

    const after = await printedLoops(page);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.analysis), 'pending', 'still pending while printing');
    assert.ok(after.lines.every((line) => !line.toLowerCase().includes(label.toLowerCase())), `no printed loop runs through the deleted ‘${label}’: ${after.lines.join(' | ')}`);
    const loopsAfter = Number(after.heading.match(/\((\d+)\)/)[1]);
    assert.ok(loopsAfter < loopsBefore, `fewer vicious loops on paper after the deletion (${loopsBefore} → ${loopsAfter})`);

    // Released, the worker's answer agrees with what was printed.
    await page.evaluate(() => { window.holdAnalysis = false; window.heldMessages.splice(0).forEach((send) => send()); });
    await page.waitForFunction(() => document.documentElement.dataset.analysis === 'current');
    assert.equal((await printedLoops(page)).heading, after.heading);
    await screenshot(page, `report-pending-${width}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
