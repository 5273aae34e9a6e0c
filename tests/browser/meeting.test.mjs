// Issue 14, items 2 and 3: the meeting record and the dot vote, as a facilitator uses
// them with mouse and keyboard at 1280×720 and 1024×768. A vote of three participants is
// entered on the one screen, its tally shows beside the engine's ranking, one button takes
// the leading option over into the plan and one undo takes it back; two actions with
// owners and deadlines survive a reload and travel in the case JSON export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appSession, openApp, importCase, screenshot } from './harness.mjs';
import { waitForRecords, waitForStorage } from './storage_helpers.mjs';
import { wcagViolations } from './a11y.mjs';

const app = appSession();
const CAMPING = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/camping.json');
const SIZES = [{ width: 1280, height: 720 }, { width: 1024, height: 768 }];

/** Clicks the middle of an element with the real mouse, after scrolling it to the middle
 * of the side panel when it is in there, as a person would with the wheel. */
async function mouseClick(page, locator) {
  await locator.evaluate((element) => {
    const side = element.closest('.side');
    if (!side) return;
    const [box, frame] = [element.getBoundingClientRect(), side.getBoundingClientRect()];
    side.scrollTop += box.top + box.height / 2 - (frame.top + frame.height / 2);
  });
  const box = await locator.boundingBox();
  assert.ok(box, 'the element is on screen');
  assert.ok(box.width >= 24 && box.height >= 24, `a target of at least 24×24 px (${box.width}×${box.height})`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Presses Tab until the focused element matches `matches` (an expression evaluated in the page). */
async function tabTo(page, description, matches) {
  for (let presses = 0; presses < 250; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches)) return;
  }
  throw new Error(`Tab never reached ${description}`);
}

/** Opens the meeting tab with the mouse. */
async function openMeeting(page) {
  await mouseClick(page, page.getByRole('tab', { name: 'Overleg' }));
  await page.locator('#meeting-panel').waitFor();
}

/** Clicks into a field with the mouse and types into it. */
async function typeInto(page, selector, text) {
  await mouseClick(page, page.locator(selector));
  await page.keyboard.type(text);
}

/** Clicks into the first field and types `texts[0]`, then Tab and the next text for each
 * of the others: filling a form from the keyboard. */
async function typeFields(page, selector, ...texts) {
  await typeInto(page, selector, texts[0]);
  for (const text of texts.slice(1)) {
    await page.keyboard.press('Tab');
    await page.keyboard.type(text);
  }
}

/** Scrolls the side panel (only it: scrollIntoView would also shift the app's
 * overflow-hidden frame) so that `selector` sits just under the tab bar. */
async function scrollSideTo(page, selector) {
  await page.locator(selector).evaluate((element) => {
    const side = element.closest('.side');
    const tabs = side.querySelector('.tabs').getBoundingClientRect();
    side.scrollTop += element.getBoundingClientRect().top - tabs.bottom - 8;
  });
}

/** The vote row of an option (`link:l1`, `loop:…`). */
const voteRow = (page, key) => page.locator(`#dot-vote [data-option="${key}"]`);

for (const size of SIZES) {
  test(`a vote of three is taken over into the plan in one step, and undone in one (${size.width}×${size.height})`, async () => {
    const { page } = await openApp(app.context, app.url);
    await page.setViewportSize(size);
    await importCase(page, CAMPING);
    await page.locator('[data-factor]', { hasText: 'Angst voor handhaving' }).first().waitFor();
    await openMeeting(page);

    // Three participants, three dots each (the default), started with the mouse.
    assert.equal(await page.inputValue('#vote-dots'), '3');
    await mouseClick(page, page.locator('#vote-voters'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await mouseClick(page, page.getByRole('button', { name: 'Stemming starten' }));
    await page.locator('#dot-vote').waitFor();
    assert.equal(await page.locator('#dot-vote .voters button').count(), 3);
    const l1 = voteRow(page, 'link:l1');
    const loopKey = await page.locator('#vote-loops [data-option^="loop:"]').first().getAttribute('data-option');
    const firstLoop = voteRow(page, loopKey);

    // Participant 1 with the mouse: two dots on l1, one on the first circle; a fourth is refused.
    await mouseClick(page, l1.locator('.vote-plus'));
    await mouseClick(page, l1.locator('.vote-plus'));
    await mouseClick(page, firstLoop.locator('.vote-plus'));
    await page.locator('#dots-left', { hasText: 'Deelnemer 1: nog 0 stippen over' }).waitFor();
    await mouseClick(page, voteRow(page, 'link:l4').locator('.vote-plus'));
    await page.locator('.notice', { hasText: 'Deelnemer 1 heeft geen stippen meer.' }).waitFor();
    assert.equal(await l1.locator('.my-dots').innerText(), '2');

    // Participant 2 with the mouse: l1, l4, l3; one taken off l3 and put back.
    await mouseClick(page, page.locator('#dot-vote .voters button').nth(1));
    await page.locator('#dots-left', { hasText: 'Deelnemer 2: nog 3 stippen over' }).waitFor();
    for (const key of ['link:l1', 'link:l4', 'link:l3']) await mouseClick(page, voteRow(page, key).locator('.vote-plus'));
    await mouseClick(page, voteRow(page, 'link:l3').locator('.vote-minus'));
    await page.locator('#dots-left', { hasText: 'Deelnemer 2: nog 1 stip over' }).waitFor();
    await mouseClick(page, voteRow(page, 'link:l3').locator('.vote-plus'));

    // Participant 3 with the keyboard only: Tab to the voter, Space, Tab to the + buttons, Enter.
    await tabTo(page, 'participant 3', "document.activeElement?.textContent?.startsWith('Deelnemer 3')");
    await page.keyboard.press('Space');
    await page.locator('#dots-left', { hasText: 'Deelnemer 3: nog 3 stippen over' }).waitFor();
    const plusOf = (key) => `document.activeElement?.closest('[data-option]')?.dataset.option === ${JSON.stringify(key)}
      && document.activeElement.classList.contains('vote-plus')`;
    await tabTo(page, '+ on l1', plusOf('link:l1'));
    await page.keyboard.press('Enter');
    await tabTo(page, '+ on l3', plusOf('link:l3'));
    await page.keyboard.press('Enter');
    await tabTo(page, '+ on the first circle', plusOf(loopKey));
    await page.keyboard.press('Enter');
    await page.locator('#dots-left', { hasText: 'Deelnemer 3: nog 0 stippen over' }).waitFor();

    // The tally: l1 4 dots and leads; l3 2; the circle 2; l4 1.
    const tally = await page.locator('#vote-tally li').evaluateAll((items) => items.map((li) => Number(li.dataset.dots)));
    assert.deepEqual(tally, [4, 2, 2, 1]);
    assert.match(await page.locator('#vote-tally li').first().innerText(), /Permanente bewoning park → Angst voor handhaving/);
    assert.equal(await l1.locator('.vote-total').getAttribute('data-total'), '4');
    assert.deepEqual(await wcagViolations(page, '#meeting-panel'), [], 'the vote meets WCAG 2.1 AA');
    await scrollSideTo(page, '#meeting-vote-heading');
    await screenshot(page, `meeting-vote-${size.width}x${size.height}`);

    // Beside the engine's ranking in the breakthrough panel: the dots per option.
    await mouseClick(page, page.getByRole('tab', { name: 'Doorbraak' }));
    const ranked = page.locator('#single-list .option', { hasText: 'Permanente bewoning park → Angst voor handhaving' });
    const unvoted = page.locator('#single-list .option', { hasText: 'Schulden → Kans op reguliere woning' });
    assert.equal(await unvoted.locator('.badge.votes').count(), 0, 'no badge on an option without dots');
    assert.equal(await ranked.locator('.badge.votes').getAttribute('data-dots'), '4');
    assert.match(await ranked.locator('.badge.votes').innerText(), /4 stippen · leidt/);
    assert.equal(await page.locator('#plan-list .option.chosen').count(), 0, 'nothing chosen before the vote is taken over');
    await page.locator('.vote-chose', { hasText: 'De stemming koos: Permanente bewoning park → Angst voor handhaving' }).waitFor();
    assert.deepEqual(await wcagViolations(page, '#breakthrough-panel'), []);
    await scrollSideTo(page, '.vote-result');
    await screenshot(page, `meeting-vote-breakthrough-${size.width}x${size.height}`);

    // One button takes it over: the plan panel shows it chosen.
    await mouseClick(page, page.locator('#adopt-vote-plan'));
    const inPlan = page.locator('#plan-list .option.chosen', { hasText: 'Permanente bewoning park → Angst voor handhaving' });
    await inPlan.waitFor();
    assert.equal(await page.locator('#plan-list .option.chosen').count(), 1);
    await page.locator('.notice', { hasText: '1 interventie uit de stemming in het plan overgenomen' }).waitFor();
    await page.locator('.vote-chose', { hasText: 'Al in het plan:' }).waitFor();

    // One undo takes the whole adoption back; the vote stays.
    await page.keyboard.press('Control+z');
    await page.locator('#plan-list .option.chosen').waitFor({ state: 'detached' });
    assert.equal(await page.locator('#adopt-vote-plan').count(), 1, 'the button is back');
    assert.equal(await ranked.locator('.badge.votes').getAttribute('data-dots'), '4', 'the dots stay');
    // And in again, with the keyboard this time: the button is reachable and works with Enter.
    await tabTo(page, 'the adopt button', "document.activeElement?.id === 'adopt-vote-plan'");
    await page.keyboard.press('Enter');
    await inPlan.waitFor();
  });
}

for (const size of SIZES) {
  test(`two actions with owners and deadlines are recorded, survive a reload, are exported and are in the report (${size.width}×${size.height})`, async () => {
    const { page } = await openApp(app.context, app.url);
    await page.setViewportSize(size);
    await importCase(page, CAMPING);
    await page.locator('[data-factor]', { hasText: 'Angst voor handhaving' }).first().waitFor();
    const title = await page.inputValue('.case-title input');
    await openMeeting(page);

    // Date and chair by keyboard; two participants, one by Enter and one by the mouse.
    await typeFields(page, '#meeting-date', '1-12-2026', 'Casusregisseur', 'Gemeente Zonneveld');
    await page.keyboard.press('Tab');
    await typeFields(page, '#new-participant-role', 'Wijkverpleegkundige', 'GGD');
    await page.keyboard.press('Enter');
    await page.locator('#participant-role-0').waitFor();
    await typeInto(page, '#new-participant-role', 'Huurconsulent');
    await typeInto(page, '#new-participant-org', 'Woonstichting Oost');
    await mouseClick(page, page.getByRole('button', { name: 'Deelnemer toevoegen' }));
    await page.locator('#participant-role-1').waitFor();
    assert.equal(await page.inputValue('#meeting-date'), '1-12-2026');

    // The agenda after the werkvorm: five steps, 60 minutes; one time box changed by keyboard.
    await mouseClick(page, page.locator('#use-default-agenda'));
    await page.locator('#agenda-total', { hasText: 'Totaal 60 min' }).waitFor();
    await mouseClick(page, page.locator('#agenda-minutes-2'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await page.locator('#agenda-total', { hasText: 'Totaal 65 min' }).waitFor();

    // Reordering: the fourth item one place up with the mouse, the first one down with
    // the keyboard; each is one edit, so two undos give the werkvorm's order back.
    const agendaOrder = () => page.$$eval('#agenda-list input[id^="agenda-title-"]', (inputs) => inputs.map((input) => input.value || input.placeholder));
    const werkvorm = await agendaOrder();
    assert.equal(werkvorm.length, 5);
    await mouseClick(page, page.getByRole('button', { name: `Eerder op de agenda: ${werkvorm[3]}` }));
    await page.waitForFunction((expected) => [...document.querySelectorAll('#agenda-list input[id^="agenda-title-"]')]
      .map((input) => input.value || input.placeholder).join('|') === expected, [werkvorm[0], werkvorm[1], werkvorm[3], werkvorm[2], werkvorm[4]].join('|'));
    assert.equal(await page.getByRole('button', { name: `Eerder op de agenda: ${werkvorm[0]}` }).count(), 0, 'the first item has no way up');
    await page.getByRole('button', { name: `Later op de agenda: ${werkvorm[0]}` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((first) => document.querySelector('#agenda-title-1')?.placeholder === first, werkvorm[0]);
    assert.deepEqual(await agendaOrder(), [werkvorm[1], werkvorm[0], werkvorm[3], werkvorm[2], werkvorm[4]]);
    assert.equal(await page.locator('#agenda-minutes-3').inputValue(), '20', 'the time box moves with its item');
    await screenshot(page, `meeting-agenda-moved-${size.width}x${size.height}`);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.waitForFunction((expected) => [...document.querySelectorAll('#agenda-list input[id^="agenda-title-"]')]
      .map((input) => input.value || input.placeholder).join('|') === expected, werkvorm.join('|'));

    // A phone number in a role gets the privacy note, as every case field does.
    await typeInto(page, '#participant-role-1', ' 06-12345678');
    await page.locator('#participant-list .privacy-note').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Huurconsulent');
    await page.keyboard.press('Enter');
    await page.locator('#participant-list .privacy-note').waitFor({ state: 'detached' });

    // Action 1 by keyboard (Enter submits); action 2 by the mouse; a bad date is refused.
    await typeFields(page, '#new-action-what', 'Betalingsregeling voor de huurachterstand', 'Huurconsulent', 'Woonstichting Oost', '15-12-2026');
    await page.keyboard.press('Enter');
    await page.locator('[data-action="a1"]').waitFor();
    await typeInto(page, '#new-action-what', 'Inschrijving BRP regelen');
    await typeInto(page, '#new-action-role', 'Consulent burgerzaken');
    await typeInto(page, '#new-action-org', 'Gemeente Zonneveld');
    await typeInto(page, '#new-action-deadline', '31-02-2027');
    await mouseClick(page, page.getByRole('button', { name: 'Actie toevoegen' }));
    await page.locator('.notice', { hasText: '‘31-02-2027’ is geen bestaande datum' }).waitFor();
    assert.equal(await page.locator('[data-action="a2"]').count(), 0, 'a day that does not exist adds nothing');
    await mouseClick(page, page.locator('#new-action-deadline'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2027-01-10');
    await mouseClick(page, page.getByRole('button', { name: 'Actie toevoegen' }));
    await page.locator('[data-action="a2"]').waitFor();
    assert.equal(await page.inputValue('#new-action-what'), '', 'the form is empty for the next one');

    // Action 2 gets stuck on a rule: status and rule chosen with the keyboard (the
    // status field reached by clicking its label's text, which opens no list).
    const statusLabel = page.locator('label:has(#action-status-a2)');
    await statusLabel.scrollIntoViewIfNeeded();
    const labelBox = await statusLabel.boundingBox();
    await page.mouse.click(labelBox.x + 8, labelBox.y + 6);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'action-status-a2');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
    await page.locator('[data-action="a2"].status-vastgelopen').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'action-rule-a2');
    await page.keyboard.type('WON-08');
    await page.waitForFunction(() => document.querySelector('#action-rule-a2')?.value === 'WON-08');
    const decision = 'Eén regisseur voor het hele plan';
    await typeInto(page, '#new-decision', decision);
    await page.keyboard.press('Enter');
    await page.locator('#decision-0').waitFor();
    assert.deepEqual(await wcagViolations(page, '#meeting-panel'), [], 'the record meets WCAG 2.1 AA');
    await scrollSideTo(page, '#meeting-panel');
    await screenshot(page, `meeting-panel-${size.width}x${size.height}`);
    await scrollSideTo(page, '#meeting-actions-heading');
    await screenshot(page, `meeting-actions-${size.width}x${size.height}`);

    // Saved, then reloaded: everything is back.
    await waitForRecords(page, { includes: ['Inschrijving BRP regelen', 'vastgelopen', '2027-01-10', decision] });
    await page.reload();
    await waitForStorage(page, 'ready');
    await page.locator('[data-factor]', { hasText: 'Angst voor handhaving' }).first().waitFor();
    await openMeeting(page);
    await page.locator('[data-action="a2"]').waitFor();
    const field = (id) => page.inputValue(`#${id}`);
    assert.deepEqual(
      [await field('action-what-a1'), await field('action-role-a1'), await field('action-org-a1'), await field('action-deadline-a1')],
      ['Betalingsregeling voor de huurachterstand', 'Huurconsulent', 'Woonstichting Oost', '15-12-2026'],
    );
    assert.deepEqual(
      [await field('action-what-a2'), await field('action-role-a2'), await field('action-deadline-a2'), await field('action-status-a2')],
      ['Inschrijving BRP regelen', 'Consulent burgerzaken', '10-1-2027', 'vastgelopen'],
    );
    assert.equal(await field('action-rule-a2'), 'WON-08');
    assert.equal(await field('meeting-chair-role'), 'Casusregisseur');
    assert.equal(await field('participant-org-0'), 'GGD');
    assert.equal(await field('decision-0'), decision);
    assert.equal(await page.getAttribute('form.action-add', 'autocomplete'), 'off');

    // The case JSON export holds the record.
    await mouseClick(page, page.getByRole('tab', { name: 'Casussen' }));
    const [download] = await Promise.all([page.waitForEvent('download'), mouseClick(page, page.locator('#export-json'))]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-meeting-')), 'casus.json');
    await download.saveAs(file);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    assert.equal(exported.title, title);
    assert.equal(exported.meeting.date, '2026-12-01');
    assert.deepEqual(exported.meeting.actions.map((a) => [a.what, a.owner.role, a.owner.organisation, a.deadline, a.status]), [
      ['Betalingsregeling voor de huurachterstand', 'Huurconsulent', 'Woonstichting Oost', '2026-12-15', 'afgesproken'],
      ['Inschrijving BRP regelen', 'Consulent burgerzaken', 'Gemeente Zonneveld', '2027-01-10', 'vastgelopen'],
    ]);
    assert.equal(exported.meeting.actions[1].rule, 'WON-08');
    assert.deepEqual(exported.meeting.agenda.map((item) => item.minutes), [10, 10, 20, 15, 10]);
    assert.equal(exported.meeting.participants.length, 2);

    // And the report a manager signs has them on page one: the date, the participants and
    // both actions with owner, deadline and status (printed as the browser's print does).
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const header = page.locator('#report-header');
    await header.waitFor({ state: 'attached' });
    const summary = await header.innerText();
    for (const expected of ['2026-12-01', 'Casusregisseur', 'Wijkverpleegkundige (GGD)', 'Huurconsulent (Woonstichting Oost)']) {
      assert.ok(summary.includes(expected), `page one names ${expected}`);
    }
    const rows = await page.locator('#report-actions tbody tr').evaluateAll((trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ')));
    assert.equal(rows.length, 2, 'both actions in the report');
    assert.match(rows[0], /Betalingsregeling voor de huurachterstand.*Huurconsulent.*Woonstichting Oost.*2026-12-15.*Afgesproken/);
    assert.match(rows[1], /Inschrijving BRP regelen.*Consulent burgerzaken.*Gemeente Zonneveld.*2027-01-10.*Vastgelopen/);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
  });
}
