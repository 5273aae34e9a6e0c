// The app's speed in headless Chromium, as a benchmark: it measures and prints a Markdown
// table, and asserts nothing about time (a loaded machine makes a slow figure, not a bug).
//
//   node scripts/bench-app.mjs [--dist DIR] [--baseline DIR] [options]
//   bash scripts/bench-app.sh [--baseline-rev REV] [options]   (builds what is missing)
//
// What it measures, on the release build in dist/ (or --dist) and, with --baseline, on a
// second build served beside it, both in the same run and interleaved in alternating order
// (A B B A A B …) so that a noisy machine weighs on both alike:
//
// - editing: a random 40-factor/100-link and 60-factor/150-link map is imported through the
//   Casussen tab, link l1 selected (a real click on it where nothing covers it, else a
//   dispatched click, else the keyboard) and its polarity (`#inspector-polarity`) flipped;
//   timed from the change event until the last DOM mutation of the edit's render (map,
//   inspector; in a build that analyses on the main thread, the analysis too), until the
//   analysis of the edited map is on screen (a build that analyses in a Web Worker says
//   `data-analysis="pending"` on <html> until then), with the app's own analysis time
//   (`data-analysis-ms`) and the time to the next task (style, layout and paint included);
//   then the steps of dragging a factor;
// - the first load in a fresh profile (a new browser context: no cache, no service worker,
//   no stored cases) with the page's CPU slowed 4× and its network at 10 Mbit/s and 20 ms
//   latency (Chrome DevTools Protocol), until the map is interactive: the h1 'Cirkelbreker'
//   visible, `#case-map` present and the stored cases loaded (`data-storage` on <html> no
//   longer 'loading'); timed in the page from the start of the navigation, with where the
//   time went (the page's marks: database read, module compiled, instantiated, first render
//   begins) and the encoding the server sent the wasm in (serve-dist sends brotli, else
//   gzip, as shipped beside each file). The service worker's install during the first load
//   is not throttled; beside it, the floors under it: a document of one small file through
//   the same throttling, navigation to loaded (what the browser takes for any page), and the
//   module alone fetched from that page, which runs nothing (what its bytes cost on that link);
// - the repeat visit in the same profile once the service worker controls the page, with
//   the same throttling (the service worker's own requests throttled as well: a
//   network-first worker downloads the shell again), and once more with the service
//   worker offline, so that it answers from its cache;
// - autosave: a factor added until its case is in IndexedDB;
// - huge imports: a 100,000-factor case file and a case with a 15 MB label imported through
//   the Casussen tab; the longest main-thread task (PerformanceObserver 'longtask') until
//   the page has had no long task for 3 s, whatever the build does with the file.
//
// Targets are printed beside the figures; nothing fails on them.
//
// Options: --rounds N  edit sessions per build and map (default 3; 31 edits and 40 drag
//                      steps each)
//          --loads N   first loads and repeat visits per build (default 5)
//          --saves N   autosave sessions per build (default 2, 5 saves each)
//          --imports N huge imports per build and file (default 1; 0 skips them)
//          --cpu N     CPU slow-down for the loads (default 4)
//          --mbit N    the loads' network speed in Mbit/s, both ways (default 10)
//          --label NAME, --baseline-label NAME   column names
//          --json FILE also write every sample as JSON
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serveDist, DIST } from './serve-dist.mjs';
import { importCase, randomCase, uncoveredPoint } from '../tests/browser/harness.mjs';

const { values: options } = parseArgs({
  options: {
    dist: { type: 'string', default: DIST },
    baseline: { type: 'string' },
    label: { type: 'string', default: 'this build' },
    'baseline-label': { type: 'string', default: 'baseline' },
    rounds: { type: 'string', default: '3' },
    loads: { type: 'string', default: '5' },
    saves: { type: 'string', default: '2' },
    imports: { type: 'string', default: '1' },
    cpu: { type: 'string', default: '4' },
    mbit: { type: 'string', default: '10' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (options.help) {
  console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\nimport ')[0].replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}
const count = (name) => {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < 0) { console.error(`--${name} must be a whole number`); process.exit(2); }
  return value;
};
const ROUNDS = count('rounds');
const LOADS = count('loads');
const SAVES = count('saves');
const IMPORTS = count('imports');
const CPU_RATE = Number(options.cpu) >= 1 ? Number(options.cpu) : 4;
/** The network of the loads: 10 Mbit/s both ways (or --mbit), 20 ms latency. */
const MBIT = Number(options.mbit) > 0 ? Number(options.mbit) : 10;
const NETWORK = { offline: false, latency: 20, downloadThroughput: MBIT * 1e6 / 8, uploadThroughput: MBIT * 1e6 / 8 };
const MAPS = [[40, 100], [60, 150]];
const EDITS = 31;
const WARM_UP = 3;
const DRAG_STEPS = 40;
const SAVES_PER_SESSION = 5;

/** The flags of tests/browser/harness.mjs (this machine's headless Chromium). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1440, height: 900 };

// ---------------------------------------------------------------------------------------
// Statistics and formatting

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const max = (xs) => (xs.length ? Math.max(...xs) : undefined);
const ms = (x) => (x === undefined || Number.isNaN(x) ? '—' : `${x.toFixed(1)} ms`);
const percent = (x) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const s = (x) => (x === undefined || Number.isNaN(x) ? '—' : `${(x / 1000).toFixed(2)} s`);

/**
 * The machine's CPU time so far, from Linux's /proc/stat: `{ steal, total }` in clock ticks
 * (steal: time the host gave this virtual machine's CPUs to others); null elsewhere.
 */
function cpuTicks() {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { steal: fields[7] ?? 0, total: fields.reduce((sum, value) => sum + value, 0) };
  } catch {
    return null;
  }
}

/** The share of CPU time the host took between two `cpuTicks` readings; null without them. */
function stealBetween(before, after) {
  return before && after && after.total > before.total ? (after.steal - before.steal) / (after.total - before.total) : null;
}

/** `order(i)`: the builds in alternating order (A B, B A, A B, …) for round i. */
function order(builds, i) {
  return i % 2 === 0 ? builds : [...builds].reverse();
}

// ---------------------------------------------------------------------------------------
// The maps: `randomCase` of tests/browser/harness.mjs (as in the former
// tests/browser/performance.test.mjs)

// ---------------------------------------------------------------------------------------
// Editing

/** A new page on a fresh context that collects the page's errors. */
async function newPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  return { context, page, errors };
}

/**
 * Selects link `id` as a user does and waits for the link inspector (`#inspector-polarity`).
 * In this order: a real click (page.mouse) on the link where nothing covers it; a
 * dispatched click event; the keyboard (focus, Enter); and last a real click on the first
 * other link that can be clicked (then the edits flip that link, the same one in every
 * build with the same layout). Returns how it got selected, for the report.
 */
async function selectLink(page, id) {
  const inspector = page.locator('#inspector-polarity');
  const link = page.locator(`[data-link="${id}"]`);
  const click = async (linkId) => {
    const point = await page.evaluate(uncoveredPoint, linkId);
    if (point) await page.mouse.click(point.x, point.y);
    return point;
  };
  const ways = await link.count() === 0 ? [] : [
    [`a click on ${id}`, () => click(id)],
    [`a click event dispatched on ${id}`, () => link.dispatchEvent('click', {}, { timeout: 2000 }).then(() => true)],
    [`focus and Enter on ${id}`, () => link.focus({ timeout: 2000 }).then(() => page.keyboard.press('Enter')).then(() => true)],
  ];
  for (const [how, select] of ways) {
    if (await select().catch(() => null) && await inspector.waitFor({ timeout: 2000 }).then(() => true, () => false)) return how;
  }
  for (const other of await page.locator('[data-link]').evaluateAll((links) => links.map((l) => l.dataset.link))) {
    if (other !== id && await click(other) && await inspector.waitFor({ timeout: 2000 }).then(() => true, () => false)) {
      return `a click on ${other} (${id} could not be selected)`;
    }
  }
  throw new Error(`link ${id} could not be selected: no #inspector-polarity`);
}

/**
 * Runs in the page: installs `window.__benchWait(started)`, which resolves once the app has
 * finished reacting to what happened at `started`, to `{ updated, painted, shown }` (ms since
 * `started`) or null when nothing in the page changed. `updated` is the last DOM mutation
 * of the edit's own render (the map, the inspector, the panels with the analysis they
 * had); `painted` the first task boundary after it, which includes any style, layout and
 * paint the browser did in between; `shown` the last mutation once the analysis of the
 * edited case is on screen. A build that analyses in a Web Worker marks its root element
 * `data-analysis="pending"` until then; mutations made while it says "current" belong to
 * the analysis arriving, not to the edit's render. A build without that mark analyses
 * before it renders, so there `shown` is `updated`. Yew's scheduler yields to the browser
 * (a `setTimeout(0)`) when a render runs past 16 ms, so the next task is not always the
 * end: the page is done once a round of a zero timeout and a message task passes without a
 * mutation (and, for `shown`, the analysis is no longer pending).
 */
function installWait() {
  let mutations = 0;
  let lastMutation = 0;
  let lastEditMutation = 0;
  const pending = () => document.documentElement.getAttribute('data-analysis') === 'pending';
  new MutationObserver(() => {
    mutations += 1;
    lastMutation = performance.now();
    if (document.documentElement.getAttribute('data-analysis') !== 'current') lastEditMutation = lastMutation;
  }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  const task = () => new Promise((resolve) => { const channel = new MessageChannel(); channel.port1.onmessage = resolve; channel.port2.postMessage(0); });
  const timeout = () => new Promise((resolve) => { setTimeout(resolve, 0); });
  const settle = async () => {
    await task();
    let boundary = performance.now();
    for (let round = 0; round < 100; round++) {
      const seen = mutations;
      await timeout();
      await task();
      if (mutations === seen) break;
      boundary = performance.now();
    }
    return boundary;
  };
  const current = () => new Promise((resolve) => {
    if (!pending()) { resolve(); return; }
    const observer = new MutationObserver(() => { if (!pending()) { observer.disconnect(); resolve(); } });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-analysis'] });
  });
  window.__benchWait = async (started, before = mutations) => {
    const boundary = await settle();
    const updated = (lastEditMutation > started ? lastEditMutation : lastMutation) - started;
    await current();
    await settle();
    return mutations === before ? null : { updated, painted: boundary - started, shown: lastMutation - started };
  };
}

/**
 * Times `count` polarity flips of the selected link: `updated` from the change event until
 * the last DOM mutation of the edit's render (virtual DOM diff and DOM updates, and the
 * analysis too where it runs before the render: the work that must fit in one frame),
 * `painted` until the next task after it, `shown` until the analysis of the edited map is
 * on screen, `analysis` as the app reports it.
 */
async function timeEdits(page, count) {
  return page.evaluate(async (count) => {
    const updated = []; const painted = []; const shown = []; const analysis = []; let unchanged = 0;
    for (let i = 0; i < count; i++) {
      const el = document.getElementById('inspector-polarity');
      const started = performance.now();
      el.value = el.value === '+' ? '-' : '+';
      el.dispatchEvent(new Event('change', { bubbles: true }));
      const times = await window.__benchWait(started);
      if (times === null) { unchanged += 1; continue; }
      updated.push(times.updated);
      painted.push(times.painted);
      shown.push(times.shown);
      analysis.push(Number(document.documentElement.getAttribute('data-analysis-ms')));
    }
    return { updated, painted, shown, analysis, unchanged };
  }, count);
}

/** Times pointer moves while dragging a factor: each move until the map is redrawn. */
async function timeDrag(page, moves) {
  // A factor inside the visible map (fitting never shrinks labels below a readable size,
  // so a large map may extend beyond the screen).
  const box = await page.evaluate(() => {
    const map = document.getElementById('case-map').getBoundingClientRect();
    for (const factor of document.querySelectorAll('[data-factor]')) {
      const { x, y, width, height } = factor.getBoundingClientRect();
      if (x > map.left + 40 && y > map.top + 40 && x + width < map.right - 160 && y + height < map.bottom - 120) {
        return { x, y, width, height };
      }
    }
    return null;
  });
  if (box === null) return [];
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  const times = await page.evaluate(async ({ x, y, moves }) => {
    const svg = document.getElementById('case-map');
    const times = [];
    for (let i = 1; i <= moves; i++) {
      const started = performance.now();
      svg.dispatchEvent(new PointerEvent('pointermove', { clientX: x + i * 3, clientY: y + i * 2, bubbles: true, pointerId: 1, isPrimary: true }));
      const waited = await window.__benchWait(started);
      if (waited !== null) times.push(waited.painted);
    }
    return times;
  }, { x: box.x + box.width / 2, y: box.y + box.height / 2, moves });
  await page.mouse.up();
  return times;
}

/** One editing session: import the map, select l1, flip it, drag a factor. */
async function editSession(browser, build, n, m, file, notes) {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(build.url);
    await page.locator('h1', { hasText: 'Cirkelbreker' }).waitFor();
    await importCase(page, file);
    await page.locator('[data-factor]').nth(n - 1).waitFor();
    const links = await page.locator('[data-link]').count();
    if (links !== m) notes.add(`${build.label}: the ${n}/${m} map shows ${links} links`);
    notes.add(`${build.label}, ${n}/${m}: link selected by ${await selectLink(page, 'l1')}`);
    await page.evaluate(installWait);
    await timeEdits(page, WARM_UP);
    const edits = await timeEdits(page, EDITS);
    if (edits.unchanged > 0) notes.add(`${build.label}, ${n}/${m}: ${edits.unchanged} of ${EDITS} edits changed nothing on the page (left out)`);
    const drag = await timeDrag(page, DRAG_STEPS);
    if (drag.length < DRAG_STEPS) notes.add(`${build.label}, ${n}/${m}: ${DRAG_STEPS - drag.length} drag steps changed nothing (left out)`);
    for (const error of errors) notes.add(`${build.label}: page error: ${error.slice(0, 200)}`);
    return { ...edits, drag };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------
// Loading

/**
 * Runs in every new document (an init script): notes, in the page's own clock (0 = the start
 * of the navigation), when the map became usable and when the stored cases were loaded.
 */
function markInteractive() {
  const marks = { map: null, storage: null, storageState: null };
  window.__benchLoad = marks;
  const check = () => {
    if (marks.map === null && document.getElementById('case-map')) {
      const title = [...document.querySelectorAll('h1')].find((h) => h.textContent.includes('Cirkelbreker'));
      if (title && title.checkVisibility()) marks.map = performance.now();
    }
    const storage = document.documentElement?.getAttribute('data-storage');
    if (marks.storage === null && storage && storage !== 'loading') {
      marks.storage = performance.now();
      marks.storageState = storage;
    }
    if (marks.map !== null && marks.storage !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

/** Waits for the marks of the current document; `interactive` is the later of the two. */
async function interactiveTime(page, build, notes, kind) {
  await page.waitForFunction(() => window.__benchLoad?.map != null, null, { timeout: 120000, polling: 50 });
  const stored = await page.waitForFunction(() => window.__benchLoad?.storage != null, null, { timeout: 20000, polling: 50 })
    .then(() => true, () => false);
  const marks = await page.evaluate(() => {
    const module = performance.getEntriesByType('resource').find((e) => e.name.endsWith('cirkelbreker_bg.wasm'));
    return {
      ...window.__benchLoad,
      controlled: navigator.serviceWorker?.controller != null,
      html: performance.getEntriesByType('navigation')[0]?.responseEnd,
      requested: module?.startTime,
      wasm: module?.responseEnd,
      compiled: performance.getEntriesByName('cirkelbreker-compiled')[0]?.startTime,
      instantiated: performance.getEntriesByName('cirkelbreker-instantiated')[0]?.startTime,
      read: performance.getEntriesByName('cirkelbreker-storage-read')[0]?.startTime,
      rendering: performance.getEntriesByName('cirkelbreker-rendering')[0]?.startTime,
      transferred: performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
        .reduce((sum, entry) => sum + (entry.transferSize ?? 0), 0),
    };
  });
  if (!stored) notes.add(`${build.label}: data-storage never left 'loading' within 20 s (${kind}); the map alone was timed`);
  else if (marks.storageState !== 'ready') notes.add(`${build.label}: storage ended '${marks.storageState}' (${kind})`);
  return { ...marks, interactive: stored ? Math.max(marks.map, marks.storage) : marks.map };
}

/**
 * A DevTools session on the service worker of `origin` (the browser-level session relays it:
 * Playwright opens sessions on pages only). `send` resolves to the worker's answer;
 * `requests` counts the requests the worker made while attached.
 */
async function serviceWorkerSession(browserSession, origin) {
  const { targetInfos } = await browserSession.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(origin));
  if (!worker) return null;
  const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  let id = 0;
  const pending = new Map();
  const session = { requests: 0 };
  const listener = (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    if (message.id !== undefined && pending.has(message.id)) {
      pending.get(message.id)(message);
      pending.delete(message.id);
    } else if (message.method === 'Network.requestWillBeSent') {
      session.requests += 1;
    }
  };
  browserSession.on('Target.receivedMessageFromTarget', listener);
  session.send = async (method, params = {}) => {
    const messageId = ++id;
    const answer = new Promise((resolve) => pending.set(messageId, resolve));
    await browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: messageId, method, params }) });
    const reply = await answer;
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result;
  };
  session.detach = async () => {
    browserSession.off('Target.receivedMessageFromTarget', listener);
    await browserSession.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  };
  return session;
}

/** A new page of `context` with the loads' CPU slow-down and network. */
async function throttledPage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  return page;
}

/**
 * The floors under a first load, through its throttling in a fresh profile, in
 * milliseconds: `page`, a document of one small file (www/icon.svg) from the start of its
 * navigation until it is loaded (what the browser itself takes for any page), and `module`,
 * the wasm then fetched from that page past every cache, with no app running (what its bytes
 * cost on this link: the floor under the first load's "wasm downloaded").
 */
async function floors(browser, build) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await throttledPage(context);
    await page.goto(new URL('www/icon.svg', build.url).href);
    return await page.evaluate(async () => {
      const loaded = performance.getEntriesByType('navigation')[0]?.loadEventEnd;
      const started = performance.now();
      await (await fetch('../cirkelbreker_bg.wasm', { cache: 'no-store' })).arrayBuffer();
      return { page: loaded, module: performance.now() - started };
    });
  } finally {
    await context.close();
  }
}

/** One fresh profile: the first load, the repeat visit, the repeat visit offline. */
async function loadSession(browser, browserSession, build, notes) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(markInteractive);
  try {
    const page = await throttledPage(context);
    // The encoding the server sent the module in (brotli, gzip or none): the bytes it cost.
    let encoding = null;
    const onResponse = async (response) => {
      if (response.url().endsWith('/cirkelbreker_bg.wasm')) encoding = (await response.allHeaders())['content-encoding'] ?? 'none';
    };
    page.on('response', onResponse);
    await page.goto(build.url, { waitUntil: 'commit' });
    const first = { ...await interactiveTime(page, build, notes, 'first load'), encoding };
    page.off('response', onResponse);

    // Once the service worker has installed the shell and controls the page.
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 60000, polling: 100 });
    const worker = await serviceWorkerSession(browserSession, new URL(build.url).origin);
    if (!worker) {
      notes.add(`${build.label}: no service worker target found; repeat visit not timed`);
      return { first };
    }
    try {
      await worker.send('Network.enable');
      await worker.send('Network.emulateNetworkConditions', NETWORK);
      await page.goto(build.url, { waitUntil: 'commit' });
      const repeat = await interactiveTime(page, build, notes, 'repeat visit');
      if (!repeat.controlled) notes.add(`${build.label}: a repeat visit was not controlled by the service worker`);
      if (worker.requests === 0) notes.add(`${build.label}: the service worker made no request on a repeat visit (all from its cache)`);
      await worker.send('Network.emulateNetworkConditions', { ...NETWORK, offline: true });
      await page.goto(build.url, { waitUntil: 'commit' });
      const offline = await interactiveTime(page, build, notes, 'offline visit');
      return { first, repeat, offline };
    } finally {
      await worker.detach();
    }
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------
// Autosave (formerly a wall-clock assertion in tests/browser/storage.test.mjs)

/**
 * Runs in the page: waits (each animation frame) until a stored case contains `label`, in
 * the default IndexedDB or in one of the app's storage buckets (`cirkelbreker-<n>`, where the
 * browser has them; docs/storage.md); false when none does within `deadlineMs`.
 */
async function storedWith({ label, deadlineMs }) {
  const read = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const factories = async () => {
    const buckets = navigator.storageBuckets
      ? (await navigator.storageBuckets.keys()).filter((name) => name.startsWith('cirkelbreker-'))
      : [];
    return [indexedDB, ...await Promise.all(buckets.map(async (name) => (await navigator.storageBuckets.open(name)).indexedDB))];
  };
  const until = performance.now() + deadlineMs;
  while (performance.now() < until) {
    for (const factory of await factories()) {
      if (!(await factory.databases()).some((d) => d.name === 'cirkelbreker')) continue;
      const db = await read(factory.open('cirkelbreker'));
      try {
        if (db.objectStoreNames.contains('cases')) {
          const values = await read(db.transaction('cases').objectStore('cases').getAll());
          if (values.some((value) => String(value).includes(label))) return true;
        }
      } finally {
        db.close();
      }
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return false;
}

/** One fresh profile: factors added one by one, each timed from Enter until it is stored. */
async function saveSession(browser, build, notes) {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(build.url);
    await page.locator('html[data-storage="ready"]').waitFor({ state: 'attached' });
    // Builds since the map toolbar open the add form as a popover first.
    if ((await page.locator('#open-add-factor').count()) > 0) await page.click('#open-add-factor');
    const times = [];
    for (let i = 1; i <= SAVES_PER_SESSION; i++) {
      const label = `Bewaartest ${i} ${Math.random().toString(36).slice(2, 8)}`;
      await page.fill('#add-factor-name', label);
      const started = performance.now();
      await page.press('#add-factor-name', 'Enter');
      if (await page.evaluate(storedWith, { label, deadlineMs: 30000 })) times.push(performance.now() - started);
      else notes.add(`${build.label}: a new factor was not found in storage within 30 s`);
    }
    for (const error of errors) notes.add(`${build.label}: page error: ${error.slice(0, 200)}`);
    return times;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------
// Huge imports (issue 11: a 100,000-factor file froze the tab for 31 s, a 15 MB label 26 s)

/** A case file of `n` factors and no links. */
function manyFactors(n) {
  const factors = Array.from({ length: n }, (_, i) => ({ id: `f${i + 1}`, label: `Factor ${i + 1}`, kind: 'situatie', x: (i % 300) * 180, y: Math.floor(i / 300) * 120 }));
  return { format: 'cirkelbreker-case', version: 1, title: `Importtest ${n} factoren`, factors, links: [] };
}

/** A case of two linked factors, one with a label of `bytes` characters. */
function hugeLabel(bytes) {
  const words = 'Schulden bij de gemeente en de Belastingdienst ';
  const label = words.repeat(Math.ceil(bytes / words.length)).slice(0, bytes);
  return {
    format: 'cirkelbreker-case', version: 1, title: 'Importtest lange naam',
    factors: [{ id: 'f1', label, kind: 'schuld', x: 0, y: 0 }, { id: 'f2', label: 'Stress', kind: 'situatie', x: 200, y: 0 }],
    links: [{ id: 'l1', from: 'f1', to: 'f2', polarity: '+' }, { id: 'l2', from: 'f2', to: 'f1', polarity: '+' }],
  };
}

/** How long the page must be free of long tasks before an import counts as finished. */
const QUIET_MS = 3000;
/** The longest an import is waited for. */
const IMPORT_LIMIT_MS = 180000;

/**
 * One fresh profile: imports `file` through the Casussen tab as a user does and records every
 * main-thread task over 50 ms (PerformanceObserver 'longtask') until the app has answered
 * the file (factors on the map or a message) and the page has been free of them for 3 s; returns the longest, their count, the time until quiet and what the app
 * showed (factors on the map, the status line).
 */
async function importSession(browser, build, file, notes) {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(build.url);
    await page.locator('h1', { hasText: 'Cirkelbreker' }).waitFor();
    await page.waitForFunction(() => (document.documentElement.dataset.storage ?? 'loading') !== 'loading', null, { timeout: 60000 });
    await page.getByRole('tab', { name: /Casussen|Cases/ }).click();
    await page.evaluate(() => {
      window.__longTasks = [];
      window.__importStarted = performance.now();
      const keep = (entries) => { for (const e of entries) window.__longTasks.push({ start: e.startTime, duration: e.duration }); };
      window.__longTaskObserver = new PerformanceObserver((list) => keep(list.getEntries()));
      window.__longTaskObserver.observe({ type: 'longtask' });
      // Entries reach the observer in a later task, so a read right after a long task
      // takes them first (else the page would look quiet just after freezing).
      window.__takeLongTasks = () => keep(window.__longTaskObserver.takeRecords());
    });
    const waitStarted = performance.now();
    await page.setInputFiles('#import-file', file);
    let result;
    for (;;) {
      await page.waitForTimeout(500);
      result = await page.evaluate(() => {
        window.__takeLongTasks();
        const tasks = window.__longTasks.filter((t) => t.start >= window.__importStarted);
        const lastEnd = Math.max(window.__importStarted, ...tasks.map((t) => t.start + t.duration));
        return {
          longest: Math.max(0, ...tasks.map((t) => t.duration)),
          count: tasks.length,
          quietFor: performance.now() - lastEnd,
          until: lastEnd - window.__importStarted,
          factors: document.querySelectorAll('[data-factor]').length,
          notice: document.querySelector('.notice[role="status"]')?.textContent ?? '',
        };
      });
      // Done once the app has answered the file (factors on the map or a message in the
      // status line) and then been free of long tasks for QUIET_MS.
      const handled = result.factors > 0 || result.notice !== '';
      if (handled && result.quietFor >= QUIET_MS) break;
      if (performance.now() - waitStarted > IMPORT_LIMIT_MS) { notes.add(`${build.label}: ${path.basename(file)} still busy after ${IMPORT_LIMIT_MS / 1000} s`); break; }
    }
    notes.add(`${build.label}, ${path.basename(file)}: ${result.factors} factors on the map; status line: "${result.notice.slice(0, 160)}"`);
    for (const error of errors) notes.add(`${build.label}, ${path.basename(file)}: page error: ${error.slice(0, 200)}`);
    return result;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------
// The run

async function main() {
  const builds = [{ label: options.label, dir: path.resolve(options.dist) }];
  if (options.baseline) builds.push({ label: options['baseline-label'], dir: path.resolve(options.baseline) });
  if (builds.length === 2 && builds[0].label === builds[1].label) builds[1].label += ' (baseline)';
  const servers = [];
  for (const build of builds) {
    const server = await serveDist(0, build.dir);
    servers.push(server);
    build.url = server.url;
    build.samples = { edits: {}, loads: [], floors: [], saves: [], imports: {} };
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS });
  const browserSession = await browser.newBrowserCDPSession();
  const notes = new Set();
  const loadBefore = os.loadavg();
  const ticksBefore = cpuTicks();
  // The machine's load while the benchmark runs (1-minute average, every 10 s).
  const loadDuring = [];
  const sampler = setInterval(() => loadDuring.push(os.loadavg()[0]), 10000);
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-bench-'));
  const progress = (text) => process.stderr.write(`${text}\n`);
  try {
    for (const [n, m] of MAPS) {
      const file = path.join(work, `kaart-${n}-${m}.json`);
      fs.writeFileSync(file, JSON.stringify(randomCase(n, m, n * 7919 + m)));
      for (let round = 0; round < ROUNDS; round++) {
        for (const build of order(builds, round)) {
          progress(`editing ${n}/${m}, round ${round + 1}/${ROUNDS}: ${build.label}`);
          const result = await editSession(browser, build, n, m, file, notes);
          const pooled = (build.samples.edits[`${n}/${m}`] ??= { updated: [], painted: [], shown: [], analysis: [], drag: [] });
          for (const key of Object.keys(pooled)) pooled[key].push(...result[key]);
        }
      }
    }
    const loadTicks = [cpuTicks()];
    for (let run = 0; run < LOADS; run++) {
      for (const build of order(builds, run)) {
        progress(`loading, run ${run + 1}/${LOADS}: ${build.label}`);
        build.samples.loads.push(await loadSession(browser, browserSession, build, notes));
        build.samples.floors.push(await floors(browser, build));
      }
    }
    loadTicks.push(cpuTicks());
    for (let run = 0; run < SAVES; run++) {
      for (const build of order(builds, run)) {
        progress(`autosave, session ${run + 1}/${SAVES}: ${build.label}`);
        build.samples.saves.push(...await saveSession(browser, build, notes));
      }
    }
    const imports = { 'a 100,000-factor case': manyFactors(100000), 'a case with a 15 MB label': hugeLabel(15e6) };
    for (const [name, content] of IMPORTS > 0 ? Object.entries(imports) : []) {
      const file = path.join(work, name.includes('label') ? 'lange-naam.json' : 'honderdduizend-factoren.json');
      fs.writeFileSync(file, JSON.stringify(content));
      for (let run = 0; run < IMPORTS; run++) {
        for (const build of order(builds, run)) {
          progress(`importing ${name}, run ${run + 1}/${IMPORTS}: ${build.label}`);
          (build.samples.imports[name] ??= []).push(await importSession(browser, build, file, notes));
        }
      }
    }
    const version = browser.version();
    clearInterval(sampler);
    const steal = { run: stealBetween(ticksBefore, cpuTicks()), loads: stealBetween(...loadTicks) };
    report(builds, { version, loadBefore, loadAfter: os.loadavg(), loadDuring, steal, minutes: (Date.now() - started) / 60000, notes });
    if (options.json) {
      fs.writeFileSync(options.json, JSON.stringify(builds.map(({ label, dir, samples }) => ({ label, dir, samples })), null, 1));
    }
  } finally {
    clearInterval(sampler);
    await browser.close();
    for (const server of servers) await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Prints the Markdown table: one row per measure, one column per build, the ratio. */
function report(builds, run) {
  const pair = builds.length === 2;
  const rows = [];
  const row = (measure, target, figure, value) => rows.push({ measure, target, cells: builds.map(figure), values: builds.map(value) });
  for (const [n, m] of ROUNDS > 0 ? MAPS : []) {
    const key = `${n}/${m}`;
    const e = (b) => b.samples.edits[key];
    row(`edit → DOM updated (map and inspector), ${key} (median / max)`, n === 60 ? '≤ 8 ms median (idle machine)' : '',
      (b) => `${ms(median(e(b).updated))} / ${ms(max(e(b).updated))}`, (b) => median(e(b).updated));
    row(`edit → analysis shown, ${key} (median / max)`, '',
      (b) => `${ms(median(e(b).shown))} / ${ms(max(e(b).shown))}`, (b) => median(e(b).shown));
    row(`the analysis itself, ${key} (median / max)`, '',
      (b) => `${ms(median(e(b).analysis))} / ${ms(max(e(b).analysis))}`, (b) => median(e(b).analysis));
    row(`edit → next task, incl. paint, ${key} (median)`, '', (b) => ms(median(e(b).painted)), (b) => median(e(b).painted));
    row(`drag step, ${key} (median / max)`, '', (b) => `${ms(median(e(b).drag))} / ${ms(max(e(b).drag))}`, (b) => median(e(b).drag));
  }
  const loads = (b, kind) => b.samples.loads.map((l) => l[kind]?.interactive).filter((x) => x !== undefined);
  const range = (xs) => (xs.length ? `${s(median(xs))} (${s(Math.min(...xs))}–${s(max(xs))})` : '—');
  if (LOADS > 0) {
    row(`first load → interactive map, fresh profile (median, range)`, '≤ 1.0 s', (b) => range(loads(b, 'first')), (b) => median(loads(b, 'first')));
    const phase = (b, kind, key) => median(b.samples.loads.map((l) => l[kind]?.[key]).filter((x) => x !== undefined));
    // Where a load's time goes: the page's marks (storage-early.js, boot.js, src/main.rs,
    // src/ui/mod.rs; a build without them shows —) and the benchmark's own (map shown,
    // stored cases loaded).
    const phases = ['html', 'requested', 'read', 'wasm', 'compiled', 'instantiated', 'rendering', 'map', 'storage'];
    const where = (kind) => (b) => phases.map((key) => s(phase(b, kind, key))).join(' · ');
    const steps = 'HTML received · wasm requested · database read · wasm downloaded · compiled · instantiated · first render begins · map shown · stored cases loaded';
    row(`first load, where the time goes (medians): ${steps}`, '', where('first'), (b) => phase(b, 'first', 'map'));
    const floor = (b, key) => b.samples.floors.map((f) => f[key]).filter((x) => x !== undefined);
    row(`a document of one small file through the same throttling: navigation → loaded (median, range)`, '', (b) => range(floor(b, 'page')), (b) => median(floor(b, 'page')));
    row(`the module alone through the same throttling, no app running (median, range)`, '', (b) => range(floor(b, 'module')), (b) => median(floor(b, 'module')));
    row(`repeat visit, service worker in control (median, range)`, '≤ 0.3 s', (b) => range(loads(b, 'repeat')), (b) => median(loads(b, 'repeat')));
    row(`repeat visit, where the time goes (medians): ${steps}`, '', where('repeat'), (b) => phase(b, 'repeat', 'map'));
    row(`repeat visit, service worker offline: from its cache (median, range)`, '', (b) => range(loads(b, 'offline')), (b) => median(loads(b, 'offline')));
  }
  if (SAVES > 0) {
    row(`autosave: change → stored in IndexedDB (median / max)`, '≤ 1 s',
      (b) => `${ms(median(b.samples.saves))} / ${ms(max(b.samples.saves))}`, (b) => median(b.samples.saves));
  }

  for (const name of IMPORTS > 0 ? Object.keys(builds[0].samples.imports) : []) {
    const longest = (b) => max(b.samples.imports[name].map((r) => r.longest));
    row(`longest main-thread task, importing ${name} (long tasks, until quiet)`, '≤ 200 ms',
      (b) => `${longest(b) > 0 ? ms(longest(b)) : '< 50 ms'} (${median(b.samples.imports[name].map((r) => r.count))}, ${s(max(b.samples.imports[name].map((r) => r.until)))})`,
      longest);
  }

  const header = ['measure', 'target', ...builds.map((b) => b.label), ...(pair ? [`${builds[0].label} ÷ ${builds[1].label}`] : [])];
  const lines = [`| ${header.join(' | ')} |`, `|---|---|${builds.map(() => '---:|').join('')}${pair ? '---:|' : ''}`];
  for (const r of rows) {
    const ratio = pair ? [r.values[1] > 0 ? (r.values[0] / r.values[1]).toFixed(2) : '—'] : [];
    lines.push(`| ${[r.measure, r.target || '—', ...r.cells, ...ratio].join(' | ')} |`);
  }
  const cpus = os.cpus();
  const encodings = (b) => [...new Set(b.samples.loads.map((l) => l.first.encoding ?? 'unknown'))].join(' and ');
  const transferred = LOADS > 0
    ? `; first load downloaded ${builds.map((b) => `${Math.round(median(b.samples.loads.map((l) => l.first.transferred)) / 1000)} kB (${b.label}, wasm sent as ${encodings(b)})`).join(', ')}`
    : '';
  console.log([
    `Machine: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores, load average ${run.loadBefore[0].toFixed(2)} before, ` +
      `${run.loadDuring.length ? `${Math.min(...run.loadDuring).toFixed(2)} to ${Math.max(...run.loadDuring).toFixed(2)} during (median ${median(run.loadDuring).toFixed(2)}), ` : ''}` +
      `${run.loadAfter[0].toFixed(2)} after${run.steal.run === null ? '' : `; CPU time taken by the host (steal) ${percent(run.steal.run)} over the run, ${percent(run.steal.loads)} during the loads`};`,
    `Chromium ${run.version} headless (--disable-gpu); ${new Date().toISOString().slice(0, 10)}; ${run.minutes.toFixed(1)} min.`,
    `Builds: ${builds.map((b) => `${b.label} = ${path.relative(process.cwd(), b.dir) || '.'}`).join('; ')}${pair ? ', run interleaved (A B B A …)' : ''}.`,
    `Editing: ${ROUNDS} sessions per build and map, ${EDITS} edits and ${DRAG_STEPS} drag steps each (after ${WARM_UP} warm-up edits).`,
    `Loads: ${LOADS} fresh profiles per build, CPU ${CPU_RATE}× slower, ${NETWORK.downloadThroughput * 8 / 1e6} Mbit/s, ${NETWORK.latency} ms latency${transferred}.`,
    `Autosave: ${SAVES} sessions × ${SAVES_PER_SESSION} saves per build, unthrottled.`,
    `Imports: ${IMPORTS} per build and file, unthrottled; long tasks are main-thread tasks over 50 ms, counted until 3 s pass without one.`,
    '',
    ...lines,
    '',
    ...[...run.notes].map((note) => `- ${note}`),
  ].join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
