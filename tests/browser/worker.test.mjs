// The analysis runs in a Web Worker: on the random 60-factor/150-link map an edit shows on
// the map while its analysis is still on its way (the panels keep the previous analysis
// and say it is being updated); two quick edits end with the panels showing the analysis
// of the second, and no analysis of an older version is ever marked current after it; the
// worker's script is in the service worker's cache and the analysis works offline.
// Nothing here measures time (speed is scripts/bench-app.mjs's business).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appSession, openApp, importCase, screenshot, watchErrors, randomCase, uncoveredPoint } from './harness.mjs';
import { profileSession, openStoredApp, waitForStorage } from './storage_helpers.mjs';

const session = appSession();
const profiles = profileSession();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-worker-'));
profiles.removeAfterRun(work);

const MAP = randomCase(60, 150, 60 * 7919 + 150);
const flipped = (polarity) => (polarity === '+' ? '-' : '+');

/** Writes `content` as a case file and returns its path. */
function caseFile(name, content) {
  const file = path.join(work, name);
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

/** Waits until the analysis on screen is the analysis of the present case. */
async function analysisCurrent(page) {
  await page.locator('html[data-analysis="current"]').waitFor({ state: 'attached' });
}

/** The text of the cycles panel once the analysis is current. */
async function cyclesPanelText(page) {
  await analysisCurrent(page);
  return page.locator('#analysis-panel').innerText();
}

/**
 * Opens the map and selects, with a real click, the first link that can be clicked (most of
 * the dense map's links lie under others), so the inspector shows it; returns its index.
 */
async function mapWithLinkSelected(viewport) {
  const { page, errors } = await openApp(session.context, session.url);
  await page.setViewportSize(viewport);
  await importCase(page, caseFile('kaart-60-150.json', MAP));
  await page.locator('[data-factor]').nth(59).waitFor();
  await analysisCurrent(page);
  for (const [i, link] of MAP.links.entries()) {
    const point = await page.evaluate(uncoveredPoint, link.id);
    if (point === null) continue;
    await page.mouse.click(point.x, point.y);
    await page.locator('#inspector-polarity').waitFor();
    return { page, errors, link: i };
  }
  assert.fail('no link of the map can be clicked');
}

/**
 * Runs in the page: records, from now on, every moment the map's sign of link `id` changes,
 * the moment the "being updated" marker appears, and every moment the analysis becomes
 * current or pending, in order, with what the root element said about the analysis then;
 * `window.__edits` counts the edits (changed fields, the inspector's delete button).
 */
function recordOrder(id) {
  window.__order = [];
  const root = document.documentElement;
  const sign = document.querySelector(`[data-link="${id}"] .link-sign`);
  new MutationObserver(() => {
    window.__order.push({ what: 'sign', sign: sign.textContent, analysis: root.dataset.analysis });
  }).observe(sign, { characterData: true, childList: true, subtree: true });
  new MutationObserver(() => {
    const marker = document.getElementById('analysis-updating');
    if (marker && !window.__order.some((e) => e.what === 'marker' && e.analysis === root.dataset.analysis)) {
      window.__order.push({ what: 'marker', text: marker.textContent, analysis: root.dataset.analysis });
    }
  }).observe(document.getElementById('side-panel'), { childList: true, subtree: true });
  new MutationObserver(() => {
    window.__order.push({ what: 'analysis', analysis: root.dataset.analysis, by: root.dataset.analysisBy, panel: document.getElementById('analysis-panel')?.innerText ?? '', edits: window.__edits ?? 0 });
  }).observe(root, { attributes: true, attributeFilter: ['data-analysis'] });
  window.__edits = 0;
  document.addEventListener('change', () => { window.__edits += 1; }, true);
  document.addEventListener('click', (event) => { if (event.target.closest('.inspector .danger')) window.__edits += 1; }, true);
}

for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
  test(`an edit on the 60/150 map shows on the map before its analysis arrives (${viewport.width}×${viewport.height})`, async () => {
    const { page, link } = await mapWithLinkSelected(viewport);
    const before = await cyclesPanelText(page);
    const polarity = await page.locator('#inspector-polarity').inputValue();
    assert.equal(polarity, MAP.links[link].polarity);
    await page.evaluate(recordOrder, MAP.links[link].id);
    await page.selectOption('#inspector-polarity', flipped(polarity));
    await page.waitForFunction(() => window.__order.some((e) => e.what === 'analysis' && e.analysis === 'current'));
    const order = await page.evaluate(() => window.__order);
    const signChanged = order.findIndex((e) => e.what === 'sign');
    const arrived = order.findIndex((e) => e.what === 'analysis' && e.analysis === 'current');
    assert.ok(signChanged >= 0, 'the map shows the new sign');
    assert.ok(signChanged < arrived, `the map changed before the analysis arrived: ${JSON.stringify(order)}`);
    assert.equal(order[signChanged].sign, polarity === '+' ? '−' : '+');
    assert.equal(order[signChanged].analysis, 'pending', 'while the map showed the edit, the analysis was pending');
    const marker = order.findIndex((e) => e.what === 'marker');
    assert.ok(marker >= 0 && marker < arrived, 'the panel carried the quiet marker before the analysis arrived');
    assert.deepEqual(order[marker], { what: 'marker', text: 'Wordt bijgewerkt…', analysis: 'pending' });
    assert.equal(order[arrived].by, 'worker', 'the analysis came from the Web Worker');
    // The analysis that arrived is the edited map's, as a fresh import of that map shows.
    const after = await cyclesPanelText(page);
    assert.equal(await page.locator('#analysis-updating').count(), 0, 'no marker once the analysis is current');
    const edited = structuredClone(MAP);
    edited.links[link].polarity = flipped(polarity);
    const { page: fresh } = await openApp(session.context, session.url);
    await importCase(fresh, caseFile('kaart-60-150-bewerkt.json', edited));
    await fresh.locator('[data-factor]').nth(59).waitFor();
    assert.equal(after, await cyclesPanelText(fresh));
    assert.notEqual(after, before, 'flipping l1 changes the analysis of this map');
    await screenshot(page, `worker-edited-${viewport.width}`);
    await fresh.close();
    await page.close();
  });
}

test('two quick edits end with the analysis of the second, and an older one is never shown as current', async () => {
  const { page, link } = await mapWithLinkSelected({ width: 1280, height: 720 });
  await page.evaluate(recordOrder, MAP.links[link].id);
  // Two edits in quick succession: the link's sign, then the link deleted (the inspector's button).
  await page.selectOption('#inspector-polarity', flipped(MAP.links[link].polarity));
  await page.locator('.inspector button.danger').scrollIntoViewIfNeeded();
  const remove = await page.locator('.inspector button.danger').boundingBox();
  await page.mouse.click(remove.x + remove.width / 2, remove.y + remove.height / 2);
  await page.waitForFunction(() => window.__edits === 2);
  await analysisCurrent(page);
  assert.equal(await page.locator(`[data-link="${MAP.links[link].id}"]`).count(), 0, 'the link is gone from the map');
  const shown = await cyclesPanelText(page);

  const without = structuredClone(MAP);
  without.links.splice(link, 1);
  const first = structuredClone(MAP);
  first.links[link].polarity = flipped(MAP.links[link].polarity);
  const panelOf = async (name, content) => {
    const { page: fresh } = await openApp(session.context, session.url);
    await importCase(fresh, caseFile(name, content));
    await fresh.locator('[data-factor]').nth(59).waitFor();
    const text = await cyclesPanelText(fresh);
    await fresh.close();
    return text;
  };
  const second = await panelOf('kaart-zonder.json', without);
  assert.equal(shown, second, 'the panels show the analysis of the map after both edits');
  assert.notEqual(await panelOf('kaart-eerste.json', first), second, 'the first edit alone gives another analysis');
  // After the second edit, whatever arrived as current was the second edit's analysis.
  const order = await page.evaluate(() => window.__order);
  const afterSecond = order.filter((e) => e.what === 'analysis' && e.analysis === 'current' && e.edits === 2);
  assert.ok(afterSecond.length >= 1);
  for (const moment of afterSecond) assert.equal(moment.panel, second);
  await screenshot(page, 'worker-two-edits');
  await page.close();
});

/**
 * Opens the app with a DevTools session that can hold up its analysis worker: `pause()`
 * stops the worker's JavaScript (and so its analysis), `resume()` lets it go on.
 */
async function appWithWorkerControl() {
  const page = await session.context.newPage();
  const errors = watchErrors(page);
  const cdp = await session.context.newCDPSession(page);
  const workers = [];
  cdp.on('Target.attachedToTarget', (event) => { if (event.targetInfo.type === 'worker') workers.push(event.sessionId); });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await page.goto(session.url);
  await page.locator('h1', { hasText: 'Cirkelbreker' }).waitFor();
  let id = 0;
  const send = async (method) => {
    await page.waitForFunction(() => true); // let the attach event arrive
    assert.equal(workers.length, 1, 'one analysis worker');
    await cdp.send('Target.sendMessageToTarget', { sessionId: workers[0], message: JSON.stringify({ id: ++id, method }) });
  };
  return { page, errors, pause: async () => { await send('Debugger.enable'); await send('Debugger.pause'); }, resume: () => send('Debugger.resume') };
}

test('while the analysis is held up the panels keep the previous one and say so, and then show the new one', async () => {
  const { page, pause, resume } = await appWithWorkerControl();
  await page.setViewportSize({ width: 1280, height: 720 });
  await importCase(page, caseFile('kaart-60-150.json', MAP));
  await page.locator('[data-factor]').nth(59).waitFor();
  const before = await cyclesPanelText(page);
  await pause();
  // A new case title: a change the analysis must see (the title is part of what it reads).
  await page.fill('.case-title input', 'Werkertest, nieuwe titel');
  await page.press('.case-title input', 'Enter');
  await page.locator('#analysis-updating').waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.analysis), 'pending');
  assert.equal(await page.locator('#analysis-updating').innerText(), 'Wordt bijgewerkt…');
  assert.equal(await page.locator('#analysis-panel').innerText(), before, 'the previous analysis stays on screen');
  await screenshot(page, 'worker-updating');
  await resume();
  assert.equal(await cyclesPanelText(page), before, 'a new title changes no loop');
  assert.equal(await page.locator('#analysis-updating').count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.analysisBy), 'worker');
  await page.close();
});

test('the worker comes from the service worker\'s cache: offline, the analysis still runs in it', async () => {
  const { context } = await profiles.freshBrowser();
  const { page, errors } = await openStoredApp(context, profiles.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(async () => {
    const name = (await caches.keys()).find((key) => key.startsWith('cirkelbreker-shell-'));
    return name !== undefined && Boolean(await (await caches.open(name)).match('www/analysis-worker.js'));
  });
  await context.setOffline(true);
  await page.reload();
  await waitForStorage(page, 'ready');
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  const loop = {
    format: 'cirkelbreker-case', version: 1, title: 'Zonder wifi',
    factors: [{ id: 'f1', label: 'Schulden', kind: 'schuld', x: 0, y: 0 }, { id: 'f2', label: 'Stress', kind: 'situatie', x: 200, y: 0 }],
    links: [{ id: 'l1', from: 'f1', to: 'f2', polarity: '+' }, { id: 'l2', from: 'f2', to: 'f1', polarity: '+' }],
  };
  await importCase(page, caseFile('zonder-wifi.json', loop));
  await page.locator('[data-factor]', { hasText: 'Stress' }).waitFor();
  await page.locator('#cycle-summary[data-vicious="1"]').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.analysisBy), 'worker');
  await screenshot(page, 'worker-offline');
  assert.deepEqual(errors, []);
  await context.setOffline(false);
  await context.close();
});

test('a stored map that opens on the first screen is analysed in the worker, never on the page', async () => {
  const { context } = await profiles.freshBrowser();
  const { page, errors } = await openStoredApp(context, profiles.url);
  await importCase(page, caseFile('opgeslagen-60-150.json', MAP));
  await page.locator('[data-factor]').nth(59).waitFor();
  await analysisCurrent(page);
  await page.waitForFunction(() => document.documentElement.dataset.unsaved === 'false');
  await page.reload();
  await waitForStorage(page, 'ready');
  await page.locator('[data-factor]').nth(59).waitFor();
  const text = await cyclesPanelText(page);
  assert.match(text, /\d/, 'the analysis panel shows the loops of the stored map');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.analysisBy), 'worker');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the English interface says the analysis is being updated in English', async () => {
  const { page, link } = await mapWithLinkSelected({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'English' }).click();
  await page.evaluate(recordOrder, MAP.links[link].id);
  await page.selectOption('#inspector-polarity', flipped(MAP.links[link].polarity));
  await page.waitForFunction(() => window.__order.some((e) => e.what === 'analysis' && e.analysis === 'current'));
  // The marker was there while the analysis was pending, in English.
  const marker = (await page.evaluate(() => window.__order)).find((e) => e.what === 'marker');
  assert.deepEqual(marker, { what: 'marker', text: 'Updating…', analysis: 'pending' });
  await page.close();
});
