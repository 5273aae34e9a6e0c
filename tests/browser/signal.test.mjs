// Issue 13, Signaal aan beleid: three cases are imported as a user does, the Signaal tab
// counts them (checked against the counts tests/signal.rs checks natively for the same
// files, including the rules their actions got stuck on), the export preview and the
// downloaded CSV and JSON hold ids and counts only — no label, note, title, action text,
// role or day of a case — and nothing leaves the device.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appSession, openApp } from './harness.mjs';

const app = appSession();
const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/signal');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-signal-'));
after(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** Every label, note and title in the fixture cases: none may leave the device. */
function privateTexts() {
  const texts = [];
  for (const name of fs.readdirSync(FIXTURES)) {
    const c = JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
    texts.push(c.title, ...c.factors.map((f) => f.label), ...c.factors.map((f) => f.note).filter(Boolean),
      ...c.links.map((l) => l.note).filter(Boolean));
    // The meeting record: what actions say, who owns them, the chair, and every day (the
    // signal may know a month at most).
    const meeting = c.meeting ?? {};
    for (const action of meeting.actions ?? []) {
      texts.push(action.what, action.owner.role, action.owner.organisation, action.deadline);
    }
    if (meeting.chair) texts.push(meeting.chair.role, meeting.chair.organisation);
    if (meeting.date) texts.push(meeting.date);
  }
  return texts;
}

test('three cases give the policy signal, and its export holds no label, note or title', async () => {
  const { page, requests } = await openApp(app.context, app.url);
  for (const name of ['casus-1.json', 'casus-2.json', 'casus-3.json']) {
    await page.getByRole('tab', { name: 'Casussen' }).click();
    await page.setInputFiles('#import-file', path.join(FIXTURES, name));
    await page.getByText('Het bestand is ingelezen als nieuwe casus').first().waitFor();
  }
  await page.getByRole('tab', { name: 'Signaal' }).click();
  await page.locator('[data-table="rules"] tbody tr').first().waitFor();
  // The first case the app made on its own is empty: it adds a case but no loops.
  const total = async (name) => Number(await page.locator(`[data-total="${name}"]`).innerText());
  assert.ok(await total('cases') >= 3);
  assert.equal(await total('locked'), 0);
  assert.equal(await total('vicious'), 3);
  assert.equal(await total('sector-created'), 2);
  assert.equal(await total('interventions'), 3);
  assert.equal(await total('above-m3'), 1);
  const rows = await page.locator('[data-table="rules"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.id, ...[...tr.querySelectorAll('td')].map((td) => td.innerText.trim())]));
  assert.deepEqual(rows, [['SCH-01', '3', '2', '3'], ['WON-08', '2', '2', '2'], ['SCH-02', '1', '0', '1']]);
  // At projector size every table fits the side panel, so each count can be read (they used
  // to run off its right edge, past where the panel scrolls).
  await page.setViewportSize({ width: 1280, height: 720 });
  const overflowing = await page.locator('.signal-table').evaluateAll((tables) => {
    const panel = document.querySelector('aside.side').getBoundingClientRect();
    return tables.filter((table) => table.getBoundingClientRect().right > panel.right + 0.5).map((table) => table.dataset.table ?? 'totals');
  });
  assert.deepEqual(overflowing, []);
  // Actions marked "vastgelopen": per rule (the action's own rule or its intervention's link's).
  assert.equal(await total('stuck'), 3);
  const stuck = await page.locator('[data-table="stuck"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.id, ...[...tr.querySelectorAll('td')].map((td) => td.innerText.trim())]));
  assert.deepEqual(stuck, [['SCH-01', '2', '2'], ['WON-08', '2', '1']]);

  // The preview is exactly what the downloads hold, and neither holds a case's text.
  const preview = await page.locator('[data-preview="csv"]').innerText();
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  assert.equal(csvDownload.suggestedFilename(), 'signaal-aan-beleid.csv');
  const csvPath = path.join(workDir, 'signaal.csv');
  await csvDownload.saveAs(csvPath);
  const csv = fs.readFileSync(csvPath, 'utf8');
  assert.equal(csv.replace(/\r\n/g, '\n').trim(), preview.replace(/\r\n/g, '\n').trim());
  assert.match(csv, /regel,SCH-01,schulden,vicieuze_lussen,3/);
  assert.match(csv, /totaal,,,vastgelopen_acties,3/);
  assert.match(csv, /vastgelopen,WON-08,inkomen,acties,2/);
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  const jsonPath = path.join(workDir, 'signaal.json');
  await jsonDownload.saveAs(jsonPath);
  const json = fs.readFileSync(jsonPath, 'utf8');
  assert.equal(JSON.parse(json).vicious_loops, 3);
  assert.equal(JSON.parse(json).stuck_actions, 3);
  for (const secret of privateTexts()) {
    assert.ok(!csv.includes(secret), `'${secret}' in the CSV`);
    assert.ok(!json.includes(secret), `'${secret}' in the JSON`);
  }
  assert.deepEqual(requests.filter((url) => !url.startsWith(app.url)), [], 'nothing leaves the device');
});
