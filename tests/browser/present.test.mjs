// Issue #14 items 1 and 4: presenting a case step by step on a projector (keys, buttons,
// order and skips saved with the case, Esc back to the editor as it was) and a training
// exercise whose analysis stays hidden until the reveal, then compared with the trainer's
// map. Screenshots of every step go to tests/browser/artifacts/present-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appSession, openApp, screenshot, importCase, watchErrors } from './harness.mjs';
import { wcagViolations } from './a11y.mjs';
import { caseRecords, waitForRecords, waitForStorage } from './storage_helpers.mjs';

const app = appSession();
const SIZES = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }];

/** Clicks the middle of `locator` with the mouse, as a person does. */
async function click(page, locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  assert.ok(box, 'the control is on screen');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Opens the app at `size` with its stored cases loaded. */
async function openAt(size) {
  const session = await openApp(app.context, app.url);
  await session.page.setViewportSize(size);
  await waitForStorage(session.page, 'ready');
  return session;
}

/** Starts the presentation with the toolbar button. */
async function present(page) {
  await click(page, page.locator('#present-start'));
  await page.locator('.app.presenting .present-bar').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'present-next');
}

/** Opens CY-02 (two vicious loops) from the library as a new case. */
async function openTemplate(page) {
  await click(page, page.getByRole('tab', { name: 'Regels' }));
  await click(page, page.locator('#library-panel [data-template="CY-02"]'));
  await page.locator('.notice', { hasText: 'is geopend als nieuwe casus' }).waitFor();
  await click(page, page.getByRole('tab', { name: 'Cirkels' }));
}

/** "2 van 6" → [2, 6]. */
async function count(page) {
  const [, at, of] = (await page.locator('#present-count').innerText()).match(/(\d+) van (\d+)/).map(Number);
  return [at, of];
}

const transform = (page) => page.locator('#case-map > g').getAttribute('transform');

for (const size of SIZES) test(`presenting CY-02 at ${size.width}×${size.height}: every step with keys and buttons, to the end and back, Esc returns the editor`, async (t) => {
  const { page, errors, requests } = await openAt(size);
  await openTemplate(page);
  // The editor as the user left it: a loop highlighted, the map zoomed in.
  await click(page, page.locator('#case-map'));
  await page.keyboard.press('+');
  const before = await transform(page);
  await present(page);
  assert.equal(await page.locator('.topbar').isVisible(), false, 'no editor toolbar on the projector');
  assert.equal(await page.locator('aside.side').isVisible(), false);
  const map = await page.locator('#case-map').boundingBox();
  const bar = await page.locator('.present-bar').boundingBox();
  assert.ok(map.height >= size.height - 2, `the map fills the height (${map.height})`);
  assert.ok(map.width + bar.width >= size.width - 2 && map.width > size.width / 2, `map and text fill the width (${map.width} + ${bar.width})`);
  const fontSize = await page.locator('#present-title').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(fontSize >= 24, `large type for the projector (${fontSize}px)`);
  for (const button of await page.locator('.present-controls button').all()) {
    const box = await button.boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, 'buttons of at least 24 px');
  }
  assert.match(await page.locator('#present-timer').innerText(), /^Verstreken tijd\s+\d+:\d\d$/);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-fullscreen'));
  t.diagnostic(`full screen granted: ${await page.locator('html').getAttribute('data-fullscreen')}`);

  let [at, steps] = await count(page);
  assert.equal(at, 1);
  assert.equal(steps, 5, 'situation, rules, two vicious loops, plan');
  // Step 1: the client's situation only; no rule or decision on the map yet, no cut mark.
  assert.equal(await page.locator('#present-title').innerText(), 'De situatie van de cliënt');
  assert.equal(await page.locator('.factor.kind-regel, .factor.kind-besluit').count(), 0);
  assert.ok(await page.locator('.factor.kind-situatie, .factor.kind-schuld').count() > 0);
  assert.equal(await page.locator('.cut-mark').count(), 0);
  const prefix = `present-${size.width}`;
  await screenshot(page, `${prefix}-1`);

  // Forward with each key a clicker or keyboard sends, and the button.
  const forward = ['ArrowRight', 'PageDown', ' ', 'button'];
  for (let step = 2; step <= steps; step++) {
    const how = forward[step - 2];
    if (how === 'button') await click(page, page.locator('.present-next'));
    else await page.keyboard.press(how);
    await page.waitForFunction((n) => document.querySelector('#present-count')?.textContent.startsWith(`${n} `), step);
    const title = await page.locator('#present-title').innerText();
    if (step === 2) {
      assert.equal(title, 'Regels en besluiten');
      assert.ok(await page.locator('.factor.kind-regel, .factor.kind-besluit').count() > 0, 'the rules join the map');
    } else if (step < steps) {
      assert.match(title, /^Vicieuze cirkel \d$/);
      assert.match(await page.locator('.present-narrative').innerText(), /^Meer .+ → .+ Deze cirkel versterkt zichzelf\.$/);
      assert.ok(await page.locator('.factor.dimmed').count() > 0, 'the rest of the map is dimmed');
      assert.ok(await page.locator('.link.in-loop').count() >= 3, 'the loop stands out');
      assert.equal(await page.locator('.cut-mark').count(), 0, 'no cut marks before the plan');
      if (step === 3) assert.deepEqual(await wcagViolations(page), [], 'WCAG 2.1 AA on the projector');
    } else {
      assert.equal(title, 'Het doorbraakplan');
      assert.ok(await page.locator('.present-plan li').count() > 0);
      assert.ok(await page.locator('.cut-mark').count() + await page.locator('.factor.in-plan').count() > 0, 'the plan\'s cuts are marked');
    }
    await screenshot(page, `${prefix}-${step}`);
  }
  // At the end: forward does nothing; the button is off.
  assert.equal(await page.locator('.present-next').isDisabled(), true);
  await page.keyboard.press('ArrowRight');
  [at] = await count(page);
  assert.equal(at, steps);
  // Back with the button, ←, PageUp and Home.
  await click(page, page.locator('.present-prev'));
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('PageUp');
  [at] = await count(page);
  assert.equal(at, steps - 3);
  await page.keyboard.press('Home');
  [at] = await count(page);
  assert.equal(at, 1);

  await page.keyboard.press('Escape');
  await page.locator('.app.presenting').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.id === 'present-start');
  assert.equal(await page.locator('.topbar').isVisible(), true);
  assert.equal(await page.locator('aside.side').isVisible(), true);
  await page.waitForFunction((t) => document.querySelector('#case-map > g').getAttribute('transform') === t, before);
  assert.equal(await page.locator('.factor.dimmed').count(), 0);

  // The stop button leaves as well.
  await present(page);
  await click(page, page.locator('.present-leave'));
  await page.locator('.app.presenting').waitFor({ state: 'detached' });
  assert.deepEqual(requests.filter((url) => !url.startsWith(app.url)), [], 'no network request');
  assert.deepEqual(errors, []);
  await page.close();
});

test('when the browser refuses full screen, the presentation fills the window and Esc still leaves', async () => {
  const page = await app.context.newPage();
  await page.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Permissions check failed'));
  });
  const errors = watchErrors(page);
  await page.goto(app.url);
  await page.setViewportSize(SIZES[0]);
  await waitForStorage(page, 'ready');
  await openTemplate(page);
  await present(page);
  await page.locator('html[data-fullscreen="false"]').waitFor({ state: 'attached' });
  const [map, bar] = [await page.locator('#case-map').boundingBox(), await page.locator('.present-bar').boundingBox()];
  assert.ok(map.height >= SIZES[0].height - 2 && map.width + bar.width >= SIZES[0].width - 2, 'the window is filled');
  await page.keyboard.press('PageDown');
  assert.deepEqual(await count(page), [2, 5]);
  await page.keyboard.press('Escape');
  await page.locator('.app.presenting').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the facilitator moves a step and skips one; the sequence is saved with the case and back after a reload', async () => {
  const { page, errors } = await openAt(SIZES[0]);
  await openTemplate(page);
  await present(page);
  await click(page, page.locator('.present-order > summary'));
  await click(page, page.getByRole('button', { name: 'Later: De situatie van de cliënt' }));
  await page.waitForFunction(() => document.querySelector('.present-order li')?.dataset.step === 'regels');
  // Keys in the list belong to its controls: Space ticks the box, the step stays.
  await page.locator('.present-order li[data-step="plan"] input').focus();
  await page.keyboard.press('Space');
  await page.locator('.present-order li[data-step="plan"].skipped').waitFor();
  assert.deepEqual(await count(page), [1, 4]);
  assert.equal(await page.locator('#present-title').innerText(), 'Regels en besluiten');
  await screenshot(page, 'present-order');
  await page.keyboard.press('Escape');
  await page.locator('.app.presenting').waitFor({ state: 'detached' });
  await waitForRecords(page, { includes: ['presentation', 'skipped\\":true'] });

  await page.reload();
  await waitForStorage(page, 'ready');
  await page.locator('[data-factor]').first().waitFor();
  await present(page);
  assert.deepEqual(await count(page), [1, 4], 'the plan stays skipped');
  assert.equal(await page.locator('#present-title').innerText(), 'Regels en besluiten');
  const order = await page.locator('.present-order li').evaluateAll((items) => items.map((li) => li.dataset.step));
  assert.deepEqual(order.slice(0, 2), ['regels', 'situatie']);
  assert.equal(order.at(-1), 'plan');
  await page.keyboard.press('End');
  assert.match(await page.locator('#present-title').innerText(), /^Vicieuze cirkel 2$/, 'the last shown step is the second loop');
  await page.keyboard.press('Escape');
  assert.deepEqual(errors, []);
  await page.close();
});

test('with an agenda in the meeting record, the timer shows the agenda step\'s time box', async () => {
  const { page, errors } = await openAt(SIZES[0]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'present-')), 'overleg.json');
  fs.writeFileSync(file, JSON.stringify({
    format: 'cirkelbreker-case', version: 1, title: 'Overleg met agenda',
    factors: [{ id: 'a', label: 'Schulden', kind: 'schuld', x: 0, y: 0 }, { id: 'b', label: 'Stress', x: 300, y: 0 }],
    links: [{ id: 'l1', from: 'a', to: 'b', polarity: '+' }, { id: 'l2', from: 'b', to: 'a', polarity: '+' }],
    meeting: { agenda: [{ step: 'situatie', minutes: 10 }, { step: 'cirkels', title: 'De cirkels', minutes: 15 }] },
  }));
  await importCase(page, file);
  await page.locator('[data-factor]').nth(1).waitFor();
  await present(page);
  assert.match(await page.locator('#present-timer[data-agenda="situatie"]').innerText(), /^Situatie · 0:0\d van 10:00$/);
  await page.keyboard.press('ArrowRight');
  // The agenda has no rules step: the time since the start.
  await page.locator('#present-timer:not([data-agenda])').waitFor();
  await page.keyboard.press('ArrowRight');
  assert.match(await page.locator('#present-timer[data-agenda="cirkels"]').innerText(), /^De cirkels · 0:0\d van 15:00$/);
  await screenshot(page, 'present-agenda');
  await page.keyboard.press('Escape');
  assert.deepEqual(errors, []);
  await page.close();
});

test('in English: the presentation and the exercise speak English', async () => {
  const { page, errors } = await openAt(SIZES[0]);
  await openTemplate(page);
  await click(page, page.getByRole('button', { name: 'English' }));
  await present(page);
  assert.equal(await page.locator('#present-title').innerText(), 'The client\'s situation');
  assert.match(await page.locator('#present-count').innerText(), /^1 of 5$/);
  await page.keyboard.press('End');
  assert.equal(await page.locator('#present-title').innerText(), 'The breakthrough plan');
  assert.match(await page.locator('.present-bar').innerText(), /^The breakthrough plan\s+Break at:[\s\S]*Previous\s+5 of 5\s+Next[\s\S]*Stop \(Esc\)\s+Order and skipping$/);
  assert.doesNotMatch(await page.locator('.present-bar').innerText(), /Vorige|Volgende|Stoppen|Doorbreken|van \d/);
  await page.keyboard.press('Escape');
  await click(page, page.locator('.training-menu > summary'));
  await click(page, page.getByRole('button', { name: 'Make an exercise of this case' }));
  await page.locator('#exercise[data-revealed="false"]').waitFor();
  assert.match(await page.locator('#exercise').innerText(), /The analysis is hidden: draw the map of this story yourself/);
  await click(page, page.locator('#exercise-reveal'));
  const result = await page.locator('.exercise-result').innerText();
  assert.match(result, /Your map beside the trainer's[\s\S]*Loops missed \(2\)/);
  assert.doesNotMatch(result, /gemist|gevonden|Deze cirkel/);
  await click(page, page.getByRole('button', { name: 'Nederlands' }));
  assert.deepEqual(errors, []);
  await page.close();
});

/** Adds a factor with the keyboard: N, the name, Enter. */
async function addFactor(page, name) {
  await page.locator('#case-map').focus();
  await page.keyboard.press('n');
  await page.waitForFunction(() => document.activeElement?.id === 'add-factor-name');
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await page.locator(`[data-factor][aria-label$=": ${name}"]`).waitFor();
  await page.keyboard.press('Escape');
}

/** Draws a link with the mouse (Alt+drag) and sets its sign in the inspector. */
async function drawLink(page, from, to, sign) {
  const centre = async (label) => {
    const box = await page.locator(`[data-factor][aria-label$=": ${label}"] .factor-shape`).boundingBox();
    return [box.x + box.width / 2, box.y + box.height / 2];
  };
  const [ax, ay] = await centre(from);
  const [bx, by] = await centre(to);
  const links = await page.locator('[data-link]').count();
  await page.keyboard.down('Alt');
  await page.mouse.move(ax, ay);
  await page.mouse.down();
  await page.mouse.move((ax + bx) / 2, (ay + by) / 2 + 30, { steps: 4 });
  await page.mouse.move(bx, by, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Alt');
  await page.waitForFunction((n) => document.querySelectorAll('[data-link]').length === n, links + 1);
  if (sign === '-') {
    await page.locator('#inspector-polarity').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((n) => document.querySelectorAll('[data-link] .link-sign')[n].textContent === '−', links);
  }
}

/** Nothing of the analysis is anywhere on the page. */
async function assertAnalysisHidden(page, referenceLabel) {
  for (const tab of ['Cirkels', 'Doorbraak', 'Mandaat']) {
    await click(page, page.getByRole('tab', { name: tab }));
    await page.locator('#side-panel .analysis-hidden').waitFor();
  }
  const html = await page.content();
  assert.doesNotMatch(html, /Deze cirkel (versterkt|remt)/, 'no narrative');
  assert.doesNotMatch(html, /[Vv]icieuze cirkels? \(\d+\)|\d+ vicieuze/, 'no loop count');
  assert.equal(await page.locator('.cut-mark, .factor.in-plan, #plan-list, .option').count(), 0, 'no plan, no cut mark');
  assert.ok(!html.toLowerCase().includes(referenceLabel.toLowerCase()), 'nothing of the reference map');
}

test('an exercise: the analysis stays hidden until the reveal; the comparison names a missed loop and a wrong sign; what if', async () => {
  const { page, errors, requests } = await openAt(SIZES[0]);
  await openTemplate(page);
  // The trainer makes an exercise of CY-02 and exports it for a room without network.
  await click(page, page.locator('.training-menu > summary'));
  assert.deepEqual(await wcagViolations(page), [], 'WCAG 2.1 AA with the training menu open');
  await click(page, page.locator('#exercise-story'));
  await page.keyboard.type('Mevrouw woont met twee kinderen in een huurwoning en heeft sinds een jaar schulden.');
  await click(page, page.locator('#exercise-from-case'));
  await page.locator('.notice', { hasText: 'De oefening is geopend als nieuwe casus' }).waitFor();
  await page.locator('#exercise[data-revealed="false"]').waitFor();
  assert.equal(await page.locator('[data-factor]').count(), 0, 'the trainees start from an empty map');
  const downloading = page.waitForEvent('download');
  await click(page, page.locator('#exercise-export'));
  const download = await downloading;
  assert.match(download.suggestedFilename(), /^oefening-vergissing-wordt-fraudeschuld-bijstand\.json$/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'present-')), download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(exported.exercise.reference.factors.length, 7);
  assert.equal(exported.factors?.length ?? 0, 0);
  await click(page, page.locator('.training-menu > summary'));

  // In the room: the exercise file opens as a new case, never over the one on screen.
  const cases = (await caseRecords(page)).length;
  await importCase(page, file);
  await waitForRecords(page, { count: cases + 1 });
  await page.locator('#exercise[data-revealed="false"]').waitFor();
  assert.match(await page.locator('.exercise-story').innerText(), /huurwoning/);
  await assertAnalysisHidden(page, 'bestuurlijke boete');

  // A trainee draws a loop of two factors: one sign the other way round than the trainer's.
  await addFactor(page, 'schulden');
  await addFactor(page, 'Chronische Stress');
  await drawLink(page, 'schulden', 'Chronische Stress', '-');
  await drawLink(page, 'Chronische Stress', 'schulden', '+');
  await assertAnalysisHidden(page, 'bestuurlijke boete');
  await click(page, page.getByRole('tab', { name: 'Cirkels' }));
  await screenshot(page, 'present-exercise-before');
  assert.equal(await page.locator('#present-start').isDisabled(), true, 'no presentation of a hidden analysis');

  await click(page, page.locator('#exercise-reveal'));
  await page.locator('#exercise[data-revealed="true"]').waitFor();
  const missed = await page.locator('#loops-missed').innerText();
  assert.match(missed, /Cirkels gemist \(2\)/);
  assert.match(missed, /Meer schulden → meer chronische stress → minder doenvermogen/);
  assert.match(await page.locator('#links-other-sign').innerText(), /\(1\)\s+Schulden → Chronische stress: trainer \+, jij −/);
  assert.match(await page.locator('#factors-matched').innerText(), /\(2\)/, 'matched whatever the case of the letters');
  assert.match(await page.locator('#loops-extra').innerText(), /\(1\)/);
  // The trainees' own analysis is back in the panels.
  await page.locator('#side-panel .analysis-hidden').waitFor({ state: 'detached' });
  // What if the first link were negative? Both loops through it turn balancing.
  await page.locator('#what-if-link').focus();
  await page.keyboard.press('ArrowDown');
  await page.locator('#what-if-result').waitFor();
  const whatIf = await page.locator('#what-if-result').innerText();
  assert.equal((whatIf.match(/wordt afremmend/g) ?? []).length, 2, whatIf);
  await screenshot(page, 'present-exercise-what-if');
  await page.locator('#exercise').evaluate((el) => { el.scrollTop = 0; }); // for the picture only
  await screenshot(page, 'present-exercise-after');
  assert.deepEqual(await wcagViolations(page, '#exercise'), [], 'WCAG 2.1 AA in the comparison');

  // An example from the library as an exercise: a new case again, hidden again.
  await click(page, page.locator('.training-menu > summary'));
  await page.locator('#exercise-template').focus();
  await page.keyboard.type('CY-03');
  await click(page, page.locator('#exercise-from-template'));
  await page.locator('#exercise[data-revealed="false"]').waitFor();
  assert.match(await page.locator('#exercise-heading').innerText(), /^Oefening: CY-03 /);
  assert.equal(await page.locator('[data-factor]').count(), 0);
  await assertAnalysisHidden(page, 'deurwaarderskosten');
  assert.deepEqual(requests.filter((url) => !url.startsWith(app.url)), [], 'no network request');
  assert.deepEqual(errors, []);
  await page.close();
});
