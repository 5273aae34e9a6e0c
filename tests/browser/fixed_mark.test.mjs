// A factor the meeting marks as fixed ("Vast") carries a drawn padlock, not an emoji (a
// projector's computer may have no emoji font), and says so in its accessible name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appSession, openApp, screenshot } from './harness.mjs';
import { addFactor } from './storage_helpers.mjs';

const app = appSession();

for (const [width, height] of [[1280, 720], [1024, 768]]) {
  test(`a fixed factor shows a drawn padlock and says "Vast" (${width}×${height})`, async () => {
    const { page, errors } = await openApp(app.context, app.url);
    await page.setViewportSize({ width, height });
    const label = `Beslagvrije voet ${width}`;
    await addFactor(page, label);
    const factor = page.locator('[data-factor]', { hasText: label });
    await factor.click();
    assert.equal(await factor.locator('.fixed-mark').count(), 0, 'no mark before it is fixed');
    await page.getByLabel('Vast: deze factor kan niet veranderd worden').click();
    const mark = factor.locator('.fixed-mark');
    await mark.waitFor();
    assert.equal((await mark.textContent()).trim(), 'Vast: deze factor kan niet veranderd worden', 'only its title, no emoji');
    const [lock, shape] = [await mark.boundingBox(), await factor.locator('.factor-shape').boundingBox()];
    assert.ok(lock.width >= 8 && lock.height >= 10, `the padlock is drawn (${lock.width}×${lock.height})`);
    assert.ok(lock.y + lock.height <= shape.y + 2 && lock.x >= shape.x - 2, 'above the factor, at its left edge');
    assert.equal(await factor.getAttribute('aria-label'), `Situatie: ${label} (Vast)`);
    await page.mouse.move(0, 0);
    await screenshot(page, `fixed-mark-${width}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

// The composer puts each new factor on the next place of a grid; where that place is off
// the visible part of the map, or under the add form, the map pans (zoom unchanged) so
// the new factor is seen.
test('every factor added with the composer comes into view (1024×768)', async () => {
  const { page, errors } = await openApp(app.context, app.url);
  await page.setViewportSize({ width: 1024, height: 768 });
  const map = await page.locator('#case-map').boundingBox();
  for (let i = 1; i <= 6; i += 1) {
    const label = `Zichtbaar ${i}`;
    await addFactor(page, label);
    const box = await page.locator('[data-factor]', { hasText: label }).boundingBox();
    const form = await page.locator('#add-factor-form').boundingBox();
    assert.ok(box.x >= map.x && box.x + box.width <= map.x + map.width && box.y >= map.y && box.y + box.height <= form.y,
      `${label} is inside the map, above the add form (${JSON.stringify(box)}; map ${JSON.stringify(map)}, form at ${form.y})`);
  }
  await screenshot(page, 'added-in-view-1024');
  assert.deepEqual(errors, []);
  await page.close();
});
