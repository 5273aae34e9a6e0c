// The map as people draw it: every gesture performed with real pointer input (Playwright's
// mouse and keyboard, and touch through the DevTools protocol), at projector sizes. A page
// error or console error in any of these fails the test (harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appSession, launch, openApp, screenshot } from './harness.mjs';
import { wcagViolations } from './a11y.mjs';

const app = appSession();

const PROJECTOR = { width: 1280, height: 720 };
const OLD_PROJECTOR = { width: 1024, height: 768 };

/** The screen centre of the factor labelled `label`. */
async function centreOf(page, label) {
  const box = await page.locator(`[data-factor][aria-label$=": ${label}"] .factor-shape`).boundingBox();
  return [box.x + box.width / 2, box.y + box.height / 2];
}

/** The map's screen box. */
const mapBox = (page) => page.locator('#case-map').boundingBox();

/** The map's zoom and offset, read from the transform the app draws with. */
async function viewport(page) {
  const transform = await page.locator('#case-map > g').getAttribute('transform');
  const [, scale, x, y] = transform.match(/scale\(([-\d.]+)\) translate\(([-\d.]+),([-\d.]+)\)/).map(Number);
  return { scale, x, y };
}

/** Double-clicks the map at fractions (fx, fy) of its box and names the new factor. */
async function addFactorByDoubleClick(page, fx, fy, name) {
  const map = await mapBox(page);
  const before = await page.locator('[data-factor]').count();
  await page.mouse.dblclick(map.x + map.width * fx, map.y + map.height * fy);
  const input = page.locator('input.label-input');
  await input.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('label-input')), true,
    'the new factor\'s name field has focus');
  await page.keyboard.type(name); // the default name is selected, so typing replaces it
  await page.keyboard.press('Enter');
  await page.locator(`[data-factor][aria-label$=": ${name}"]`).waitFor();
  assert.equal(await page.locator('[data-factor]').count(), before + 1);
}

/** Holds Alt and drags from one factor to another, as a mouse user draws a link. */
async function altDrag(page, from, to) {
  const [ax, ay] = await centreOf(page, from);
  const [bx, by] = await centreOf(page, to);
  await page.keyboard.down('Alt');
  await page.mouse.move(ax, ay);
  await page.mouse.down();
  await page.mouse.move((ax + bx) / 2, (ay + by) / 2, { steps: 4 });
  await page.mouse.move(bx, by, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Alt');
}

/** Opens CY-01 (nine factors) from the library, as a new case. */
async function openCy01(page) {
  await page.getByRole('tab', { name: 'Regels' }).click();
  await page.locator('#library-panel [data-template="CY-01"]').click();
  await page.locator('[data-factor]').nth(8).waitFor();
}

/** Opens the app at `size` on a new, empty case (the browser keeps earlier tests' cases). */
async function open(size = PROJECTOR) {
  const session = await openApp(app.context, app.url);
  const { page } = session;
  await page.setViewportSize(size);
  await page.locator('html[data-storage="ready"]').waitFor({ state: 'attached' });
  await page.getByRole('tab', { name: 'Casussen' }).click();
  await page.locator('#new-case').click();
  await page.locator('.first-contact').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.case-item.current').length === 1);
  await page.getByRole('tab', { name: 'Cirkels' }).click();
  return session;
}

for (const size of [PROJECTOR, OLD_PROJECTOR]) test(`a new user draws a loop with the mouse at ${size.width}×${size.height}: double-click, name, Alt+drag, click a link`, async () => {
  const { page } = await open(size);
  await screenshot(page, `gestures-${size.width}-empty`);
  await addFactorByDoubleClick(page, 0.2, 0.72, 'Schulden');
  await addFactorByDoubleClick(page, 0.75, 0.72, 'Stress');
  await addFactorByDoubleClick(page, 0.48, 0.93, 'Doenvermogen');

  await altDrag(page, 'Schulden', 'Stress');
  await altDrag(page, 'Stress', 'Doenvermogen');
  // Mid-gesture: the link being drawn follows the pointer.
  const [ax, ay] = await centreOf(page, 'Doenvermogen');
  const [bx, by] = await centreOf(page, 'Schulden');
  await page.keyboard.down('Alt');
  await page.mouse.move(ax, ay);
  await page.mouse.down();
  await page.mouse.move((ax + bx) / 2, (ay + by) / 2 - 40, { steps: 4 });
  assert.equal(await page.locator('.link-draft').count(), 1);
  await screenshot(page, `gestures-${size.width}-drawing`);
  await page.mouse.move(bx, by, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Alt');
  assert.equal(await page.locator('[data-link]').count(), 3);

  // The loop is reported while drawing.
  await page.locator('#cycle-summary[data-vicious="1"]').waitFor();
  assert.match(await page.locator('.cycle').first().innerText(), /Vicieus/);

  // A click on a link's badge selects it and opens it in the inspector.
  const badge = await page.locator('[data-link="l1"] .link-sign-bg').boundingBox();
  await page.mouse.click(badge.x + badge.width / 2, badge.y + badge.height / 2);
  await page.locator('[data-link="l1"][aria-pressed="true"]').waitFor();
  assert.match(await page.locator('#inspector-polarity option:checked').innerText(), /hoe meer schulden, hoe meer stress/);
  await screenshot(page, `gestures-${size.width}-link-selected`);

  // A click on the line itself (away from the badge) selects that link.
  const line = await page.locator('[data-link="l2"] .link-line').evaluate((path) => {
    const point = path.getPointAtLength(path.getTotalLength() * 0.3);
    const matrix = path.getScreenCTM();
    return { x: point.x * matrix.a + matrix.e, y: point.y * matrix.d + matrix.f };
  });
  await page.mouse.click(line.x, line.y);
  await page.locator('[data-link="l2"][aria-pressed="true"]').waitFor();
  assert.equal(await page.locator('[data-link][aria-pressed="true"]').count(), 1);

  // A click where Playwright clicks an element (the middle of its box) selects it too.
  await page.locator('[data-link="l3"]').click();
  await page.locator('[data-link="l3"][aria-pressed="true"]').waitFor();
  await page.locator('[data-link="l2"]').click();
  await page.locator('[data-link="l2"][aria-pressed="true"]').waitFor();

  // The inspector changes the selected link: the sign becomes "hoe meer …, hoe minder …".
  await page.locator('#inspector-polarity').selectOption('-');
  await page.locator('[data-link="l2"] .link-sign', { hasText: '−' }).waitFor();
  // One minus in the loop makes it balancing: no vicious cycle, one other loop (singular).
  await page.locator('#cycle-summary[data-vicious="0"]').waitFor();
  assert.equal(await page.locator('#cycle-summary').innerText(), '0 vicieuze cirkels · 1 andere cirkel (balancerend of gewenst)');

  // Drawing the same link again is refused, with a message.
  await altDrag(page, 'Schulden', 'Stress');
  assert.equal(await page.locator('[data-link]').count(), 3);
  assert.match(await page.locator('.notice').innerText(), /staat al op de kaart/);

  // Double-click on a factor renames it inline; Enter on a focused factor does too.
  const [sx, sy] = await centreOf(page, 'Stress');
  await page.mouse.dblclick(sx, sy);
  await page.locator('input.label-input').waitFor();
  await page.keyboard.type('Chronische stress');
  await page.keyboard.press('Enter');
  await page.locator('[data-factor][aria-label$=": Chronische stress"]').waitFor();
  await page.locator('[data-factor][aria-label$=": Doenvermogen"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('input.label-input').waitFor();
  // Typing in the name field never fires a shortcut (N would open the factor form).
  await page.keyboard.type('WON-04 Doenvermogen');
  assert.equal(await page.locator('#add-factor-name').count(), 0);
  await page.keyboard.press('Enter');
  await page.locator('[data-factor][aria-label$=": WON-04 Doenvermogen"]').waitFor();
  assert.deepEqual(await wcagViolations(page), [], 'WCAG 2.1 AA on the drawn map');
});

test('dragging: the handle draws a link, a factor moves, the background pans without selecting text, wheel zooms, Shift+drag selects', async () => {
  const { page } = await open(OLD_PROJECTOR);
  await addFactorByDoubleClick(page, 0.2, 0.75, 'Huur');
  await addFactorByDoubleClick(page, 0.7, 0.75, 'Huurachterstand');

  // The link handle of the selected factor is a target of at least 24 × 24 px, and
  // dragging from its centre draws a link (it used to pan the map).
  const [hx, hy] = await centreOf(page, 'Huur');
  await page.mouse.click(hx, hy);
  const handle = await page.locator('[data-factor][aria-label$=": Huur"] .link-handle').boundingBox();
  assert.ok(handle.width >= 24 && handle.height >= 24, `handle ${handle.width}×${handle.height}`);
  const [tx, ty] = await centreOf(page, 'Huurachterstand');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(tx, ty, { steps: 6 });
  await page.mouse.up();
  assert.equal(await page.locator('[data-link]').count(), 1);

  // Dragging a factor moves it (and a plain click does not).
  const before = await centreOf(page, 'Huurachterstand');
  await page.mouse.move(before[0], before[1]);
  await page.mouse.down();
  await page.mouse.move(before[0] - 60, before[1] - 120, { steps: 6 });
  await page.mouse.up();
  const after = await centreOf(page, 'Huurachterstand');
  assert.ok(Math.abs(after[0] - (before[0] - 60)) < 3 && Math.abs(after[1] - (before[1] - 120)) < 3, `${before} → ${after}`);

  // Dragging the background pans the map and selects no text, even across the panels.
  const map = await mapBox(page);
  const start = await viewport(page);
  await page.mouse.move(map.x + map.width * 0.5, map.y + map.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(map.x + map.width * 0.5 + 80, map.y + map.height * 0.3 + 30, { steps: 5 });
  await page.mouse.move(map.x + map.width + 150, map.y + 40, { steps: 5 });
  await page.mouse.up();
  const panned = await viewport(page);
  // The drawn translation is minus the viewport's corner: the map follows the pointer right and up.
  assert.ok(panned.x > start.x && panned.y < start.y, `${JSON.stringify(start)} → ${JSON.stringify(panned)}`);
  assert.equal(await page.evaluate(() => window.getSelection().toString()), '', 'no page text selected');

  // The wheel zooms around the pointer.
  await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((scale) => {
    const t = document.querySelector('#case-map > g').getAttribute('transform');
    return Number(t.match(/scale\(([\d.]+)\)/)[1]) > scale;
  }, panned.scale);
  await page.mouse.wheel(0, 600);
  await page.waitForFunction((scale) => {
    const t = document.querySelector('#case-map > g').getAttribute('transform');
    return Number(t.match(/scale\(([\d.]+)\)/)[1]) < scale;
  }, panned.scale);

  // Shift+drag on the background draws a box that selects what it covers.
  await page.getByRole('button', { name: 'Passend maken' }).click();
  const huur = await centreOf(page, 'Huur');
  const achterstand = await centreOf(page, 'Huurachterstand');
  await page.keyboard.down('Shift');
  await page.mouse.move(Math.min(huur[0], achterstand[0]) - 90, Math.min(huur[1], achterstand[1]) - 50);
  await page.mouse.down();
  await page.mouse.move(Math.max(huur[0], achterstand[0]) + 90, Math.max(huur[1], achterstand[1]) + 50, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  assert.equal(await page.locator('[data-factor][aria-pressed="true"]').count(), 2);
  assert.equal(await page.locator('[data-link][aria-pressed="true"]').count(), 1);
  // One Delete removes the mixed selection in one undo step.
  await page.locator('#case-map').focus();
  await page.keyboard.press('Delete');
  assert.equal(await page.locator('[data-factor]').count(), 0);
  await page.keyboard.press('Control+z');
  assert.equal(await page.locator('[data-factor]').count(), 2);
  assert.equal(await page.locator('[data-link]').count(), 1);
});

test('the map stays one element while factors are added, and the wheel zooms at once after the first', async () => {
  const { page } = await open(PROJECTOR);
  // Marks the map's element; a map drawn anew (which loses its wheel listener) has no mark.
  const mark = () => page.evaluate(() => { document.getElementById('case-map').dataset.probe = 'kept'; });
  const kept = () => page.evaluate(() => document.getElementById('case-map').dataset.probe === 'kept');
  await mark();
  await addFactorByDoubleClick(page, 0.3, 0.85, 'Schulden');
  assert.equal(await kept(), true, 'the first factor did not replace the map element');
  const before = await viewport(page);
  const map = await mapBox(page);
  await page.mouse.move(map.x + map.width * 0.6, map.y + map.height * 0.4);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((scale) => {
    const t = document.querySelector('#case-map > g').getAttribute('transform');
    return Number(t.match(/scale\(([\d.]+)\)/)[1]) > scale;
  }, before.scale);
  await addFactorByDoubleClick(page, 0.7, 0.85, 'Stress');
  assert.equal(await kept(), true, 'nor did the second, with the name field coming and going');

  // Adding a factor and typing its name is one action: one undo takes both back.
  await page.waitForFunction(() => document.activeElement?.id === 'case-map');
  await page.keyboard.press('Control+z');
  await page.locator('[data-factor]').nth(1).waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-factor]').count(), 1);
  assert.equal(await page.locator('[data-factor][aria-label$=": Nieuwe factor"]').count(), 0, 'no unnamed factor is left');
  await page.keyboard.press('Control+y');
  await page.locator('[data-factor][aria-label$=": Stress"]').waitFor();

  // Deleting the focused factor from the keyboard leaves the focus on the map, not lost.
  await page.locator('[data-factor][aria-label$=": Stress"]').focus();
  await page.keyboard.press('Space');
  await page.locator('[data-factor][aria-label$=": Stress"][aria-pressed="true"]').waitFor();
  await page.keyboard.press('Delete');
  await page.locator('[data-factor][aria-label$=": Stress"]').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.id === 'case-map');
  await page.close();
});

test('the skip link, the first Tab stop, opens the list view and puts the focus in it', async () => {
  const { page } = await open(PROJECTOR);
  // A page just opened: the first Tab starts at the top of the document.
  await page.reload();
  await page.locator('html[data-storage="ready"]').waitFor({ state: 'attached' });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Naar de lijstweergave');
  await page.keyboard.press('Enter');
  await page.locator('#list-view').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'list-view');
  assert.equal(await page.getByRole('button', { name: 'Lijst' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Kaart', exact: true }).click();
  await page.locator('#case-map').waitFor();
  await page.close();
});

test('the legend opens with Enter and closes with Escape, the focus back on its summary', async () => {
  const { page } = await open(PROJECTOR);
  const summary = page.locator('details.legend summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await page.locator('details.legend[open] .legend-body').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('details.legend:not([open])').waitFor({ state: 'attached' });
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'SUMMARY');
  await page.close();
});

test('on a tablet: double tap adds a factor, a finger drags factors and links, two fingers pinch-zoom', async () => {
  const tablet = await launch({ hasTouch: true, viewport: OLD_PROJECTOR });
  try {
    const { page } = await openApp(tablet.context, app.url);
    await page.locator('html[data-storage="ready"]').waitFor({ state: 'attached' });
    const cdp = await tablet.context.newCDPSession(page);
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
    const drag = async (from, to) => {
      await touch('touchStart', [from]);
      for (let i = 1; i <= 6; i++) await touch('touchMove', [[from[0] + (to[0] - from[0]) * i / 6, from[1] + (to[1] - from[1]) * i / 6]]);
      await touch('touchEnd', []);
    };
    const map = await mapBox(page);
    for (const [fx, name] of [[0.25, 'Inkomen'], [0.7, 'Toeslagschuld']]) {
      const spot = [map.x + map.width * fx, map.y + map.height * 0.8];
      await page.touchscreen.tap(...spot);
      await page.touchscreen.tap(...spot);
      await page.locator('input.label-input').waitFor();
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
      await page.locator(`[data-factor][aria-label$=": ${name}"]`).waitFor();
    }
    // A finger moves a factor.
    const before = await centreOf(page, 'Toeslagschuld');
    await drag(before, [before[0], before[1] - 100]);
    const after = await centreOf(page, 'Toeslagschuld');
    assert.ok(Math.abs(after[1] - (before[1] - 100)) < 3, `${before} → ${after}`);
    // Tap a factor, then drag from its handle to the other factor: a link.
    const inkomen = await centreOf(page, 'Inkomen');
    await page.touchscreen.tap(...inkomen);
    const handle = await page.locator('[data-factor][aria-label$=": Inkomen"] .link-handle').boundingBox();
    await drag([handle.x + handle.width / 2, handle.y + handle.height / 2], after);
    assert.equal(await page.locator('[data-link]').count(), 1);
    // A tap on the link's badge selects it.
    const badge = await page.locator('[data-link="l1"] .link-sign-bg').boundingBox();
    await page.touchscreen.tap(badge.x + badge.width / 2, badge.y + badge.height / 2);
    await page.locator('[data-link="l1"][aria-pressed="true"]').waitFor();
    // A finger on the background pans.
    const beforePan = await viewport(page);
    await drag([map.x + map.width * 0.5, map.y + map.height * 0.2], [map.x + map.width * 0.5 + 90, map.y + map.height * 0.2 + 40]);
    const panned = await viewport(page);
    assert.ok(panned.x > beforePan.x && panned.y > beforePan.y, `${JSON.stringify(beforePan)} → ${JSON.stringify(panned)}`);
    // Two fingers spreading zoom in.
    const start = await viewport(page);
    const centre = [map.x + map.width / 2, map.y + map.height * 0.4];
    await touch('touchStart', [[centre[0] - 40, centre[1]], [centre[0] + 40, centre[1]]]);
    for (let i = 1; i <= 5; i++) await touch('touchMove', [[centre[0] - 40 - 16 * i, centre[1]], [centre[0] + 40 + 16 * i, centre[1]]]);
    await touch('touchEnd', []);
    const zoomed = await viewport(page);
    assert.ok(zoomed.scale > start.scale * 1.6, `${start.scale} → ${zoomed.scale}`);
  } finally {
    await tablet.close();
  }
});

for (const size of [PROJECTOR, OLD_PROJECTOR]) test(`a template opens as a new case at ${size.width}×${size.height}; the open case stays in the case list, untouched`, async () => {
  const { page } = await open(size);
  const family = `Familie A ${size.width}`;
  const title = page.getByRole('textbox', { name: 'Casus' });
  await title.fill(family);
  await title.press('Enter');
  await addFactorByDoubleClick(page, 0.3, 0.8, 'Schulden');
  await page.getByRole('tab', { name: 'Casussen' }).click();
  await page.locator('.case-item', { hasText: family }).waitFor();
  const cases = await page.locator('.case-item').count();

  // From the library tab (the map is not empty, so the first-contact card is gone).
  await page.getByRole('tab', { name: 'Regels' }).click();
  await page.locator('#library-panel [data-template="CY-01"]').click();
  await page.locator('.notice', { hasText: 'is geopend als nieuwe casus. De vorige casus staat onder Casussen.' }).waitFor();
  await page.locator('[data-factor]').nth(8).waitFor();
  assert.equal(await page.locator('[data-factor]').count(), 9);
  await screenshot(page, `gestures-${size.width}-template-new-case`);
  await page.getByRole('tab', { name: 'Casussen' }).click();
  await page.locator('.case-item').nth(cases).waitFor();
  assert.equal(await page.locator('.case-item').count(), cases + 1);
  // The first case is as it was.
  await page.locator('.case-item', { hasText: family }).locator('.case-open').click();
  await page.waitForFunction((family) => document.querySelector('.case-title input').value === family, family);
  await page.waitForFunction(() => document.querySelectorAll('[data-factor]').length === 1);
  await page.locator('[data-factor][aria-label$=": Schulden"]').waitFor();
});

test('first contact: the empty map offers an example or a start from scratch, at both projector sizes', async () => {
  for (const size of [PROJECTOR, OLD_PROJECTOR]) {
    const { page } = await open(size);
    await page.getByRole('tab', { name: 'Casussen' }).click();
    const card = page.locator('.first-contact');
    const text = await card.innerText();
    assert.match(text, /Begin met een voorbeeld/);
    assert.match(text, /Dubbelklik op een lege plek/);
    assert.match(text, /hoe meer schulden, hoe meer stress/);
    assert.match(text, /‘schulden’, niet ‘geen schulden’/);
    // The card leaves room on the map for the double-click it asks for.
    const map = await mapBox(page);
    const box = await card.boundingBox();
    assert.ok(box.y + box.height < map.y + map.height * 0.7, 'the lower part of the map is free');
    assert.deepEqual(await wcagViolations(page), []);
    await screenshot(page, `gestures-${size.width}-first-contact`);
    const cases = await page.locator('.case-item').count();
    await card.locator('[data-template="CY-02"]').click();
    await page.locator('.notice', { hasText: 'CY-02' }).waitFor();
    await page.locator('.case-item').nth(cases).waitFor();
    assert.equal(await page.locator('.first-contact').count(), 0);
    await page.close();
  }
});

test('projector layout: the map keeps at least 60% of the height, the map alone fills the window, fit keeps labels readable', async () => {
  for (const size of [PROJECTOR, OLD_PROJECTOR]) {
    const { page } = await open(size);
    await openCy01(page);
    // With the add forms open too.
    await page.getByRole('button', { name: '+ Verband' }).click();
    const map = await mapBox(page);
    assert.ok(map.height >= size.height * 0.6, `map ${map.height} of ${size.height}`);
    await page.getByRole('button', { name: 'Sluiten' }).click();
    await page.getByRole('button', { name: 'Passend maken' }).click();
    const { scale } = await viewport(page);
    assert.ok(scale >= 0.8, `fit scale ${scale}`);
    const fontPx = await page.locator('.factor-label').first().evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(fontPx >= 12, `label ${fontPx}px high`);
    await page.getByRole('button', { name: 'Alleen de kaart' }).click();
    assert.equal(await page.locator('aside.side').count(), 0);
    const full = await mapBox(page);
    assert.ok(full.width >= size.width - 2, `map ${full.width} wide`);
    await page.getByRole('button', { name: 'Alleen de kaart' }).click();
    await page.locator('aside.side').waitFor();
    await page.close();
  }
});

test('putting a rule on the map: on the selected link it sets rule, sector and sign (undoable); otherwise it reuses factors', async () => {
  const { page } = await open();
  await addFactorByDoubleClick(page, 0.2, 0.8, 'Schulden');
  await addFactorByDoubleClick(page, 0.7, 0.8, 'Chronische stress');
  await altDrag(page, 'Schulden', 'Chronische stress');
  await page.locator('[data-link="l1"]').waitFor();
  await page.locator('#inspector-polarity').selectOption('-');
  // The link is selected (drawing selects it); the library puts SCH-02 on it.
  await page.getByRole('tab', { name: 'Regels' }).click();
  await page.locator('#rule-search').fill('SCH-02');
  await page.locator('.hint', { hasText: 'Er is een verband geselecteerd' }).waitFor();
  await page.locator('[data-rule="SCH-02"]').getByRole('button', { name: 'Op de kaart' }).click();
  const notice = await page.locator('.notice').innerText();
  assert.match(notice, /SCH-02 staat nu op het verband Schulden → Chronische stress: sector Schulden en invordering, teken \+ volgens de regel/);
  assert.equal(await page.locator('[data-factor]').count(), 2, 'no factors added');
  assert.equal(await page.locator('[data-link="l1"] .link-rule').textContent(), 'SCH-02');
  assert.equal(await page.locator('[data-link="l1"] .link-sign').textContent(), '+');
  await page.getByRole('button', { name: 'Ongedaan maken' }).click();
  assert.equal(await page.locator('[data-link="l1"] .link-rule').count(), 0);
  assert.equal(await page.locator('[data-link="l1"] .link-sign').textContent(), '−');

  // Nothing selected: the rule's factors join the map, reusing the ones with the same label.
  await page.locator('#case-map').focus();
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Regels' }).click();
  await page.locator('[data-rule="SCH-02"]').getByRole('button', { name: 'Op de kaart' }).click();
  const merged = await page.locator('.notice').innerText();
  assert.match(merged, /SCH-02 staat op de kaart: 3 factoren en \d+ verbanden toegevoegd; hergebruikt: Schulden, Chronische stress/);
  assert.equal(await page.locator('[data-factor][aria-label$=": Schulden"]').count(), 1);
  assert.equal(await page.locator('[data-factor]').count(), 5);
});

test('forms that do not trick: sign and sector reset, doubles are flagged, shortcuts stay out of fields, tabs follow the ARIA pattern', async () => {
  const { page } = await open();
  await page.keyboard.press('n');
  await page.waitForFunction(() => document.activeElement?.id === 'add-factor-name');
  for (const name of ['Huur', 'Huurachterstand']) {
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await page.locator(`[data-factor][aria-label$=": ${name}"]`).waitFor();
  }
  await page.keyboard.type('huur ');
  await page.locator('.form-warning', { hasText: 'Er staat al een factor met deze naam' }).waitFor();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.id === 'open-add-factor');

  // A link with a sign and a sector; afterwards both are back at their defaults.
  await page.getByRole('button', { name: '+ Verband' }).click();
  await page.locator('#add-link-polarity').selectOption('-');
  await page.locator('#add-link-sector').selectOption('wonen');
  await page.locator('#add-link-form').getByRole('button', { name: 'Verband toevoegen' }).click();
  await page.locator('[data-link="l1"]').waitFor();
  assert.equal(await page.locator('#add-link-polarity').inputValue(), '+');
  assert.equal(await page.locator('#add-link-sector').inputValue(), '');
  // The same link again is flagged in the form and refused.
  await page.locator('#add-link-from').selectOption({ label: 'Huur' });
  await page.locator('#add-link-to').selectOption({ label: 'Huurachterstand' });
  await page.locator('#add-link-sector').selectOption('wonen');
  await page.locator('#add-link-form .form-warning', { hasText: 'staat al op de kaart' }).waitFor();
  await screenshot(page, 'gestures-1280-add-link-form');
  assert.deepEqual(await wcagViolations(page), [], 'WCAG 2.1 AA with the link form open');
  await page.locator('#add-link-form').getByRole('button', { name: 'Verband toevoegen' }).click();
  assert.equal(await page.locator('[data-link]').count(), 1);
  await page.getByRole('button', { name: 'Sluiten' }).click();

  // Typing in a search field never fires a shortcut.
  await page.getByRole('tab', { name: 'Regels' }).click();
  await page.locator('#rule-search').focus();
  await page.keyboard.type('WON-04');
  assert.equal(await page.locator('#rule-search').inputValue(), 'WON-04');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'rule-search');
  assert.equal(await page.locator('#add-factor-form').count(), 0);

  // Tabs: arrows move and open, Tab leaves for the panel.
  await page.getByRole('tab', { name: 'Regels' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Casussen');
  assert.equal(await page.getByRole('tab', { name: 'Casussen' }).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cirkels');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Signaal', 'the last tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'side-panel');

  // A link is reachable by keyboard, and Enter on it opens it in the inspector.
  await page.locator('[data-link="l1"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'inspector-polarity');
  assert.equal(await page.locator('[data-link="l1"]').getAttribute('aria-pressed'), 'true');
});

test('list view: signs shown as + and −, sectors readable, every cell editable by keyboard', async () => {
  for (const size of [PROJECTOR, OLD_PROJECTOR]) {
    const { page } = await open(size);
    await openCy01(page);
    await page.getByRole('button', { name: 'Lijst' }).click();
    const signs = await page.locator('select.sign').evaluateAll((els) => els.map((el) => el.selectedOptions[0].textContent));
    assert.ok(signs.includes('+') && signs.includes('−'), signs.join(' '));
    // A select whose text is wider than itself is cut off ("Inkomer").
    const cut = await page.locator('select.sign, select.sector').evaluateAll((els) => els.filter((el) => {
      const probe = document.createElement('span');
      probe.style.font = getComputedStyle(el).font;
      probe.textContent = el.selectedOptions[0].textContent;
      document.body.append(probe);
      const wide = probe.getBoundingClientRect().width + 28 > el.getBoundingClientRect().width;
      probe.remove();
      return wide;
    }).map((el) => el.selectedOptions[0].textContent));
    assert.deepEqual(cut, [], 'no sign or sector is cut off');
    await screenshot(page, `gestures-${size.width}-list-view`);
    assert.deepEqual(await wcagViolations(page), [], 'WCAG 2.1 AA in the list view');
    // Keyboard: the first link's effect end is changed with the arrow keys.
    const to = page.locator('select.end').nth(1);
    const was = await to.inputValue();
    await to.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((was) => document.querySelectorAll('select.end')[1].value !== was, was);
    await page.close();
  }
});
