import { chromium } from 'playwright-core';
import fs from 'node:fs'; import path from 'node:path'; import os from 'node:os';
import { serveDist } from '/work/wt-storage/scripts/serve-dist.mjs';
process.chdir('/work/main');
const server = await serveDist(0, '/work/main/dist');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idbprobe-'));
const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu'] });
const page = await ctx.newPage();
await page.goto(server.url + '/nonexistent-probe.html').catch(()=>{});
await page.goto(server.url);
const mode = process.argv[2];
await page.evaluate(async (mode) => {
  const open = (name) => new Promise((res, rej) => { const r = indexedDB.open(name, 1); r.onupgradeneeded = () => r.result.createObjectStore('s'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const put = (db, k, v) => new Promise((res, rej) => { const tx = db.transaction('s', 'readwrite'); tx.objectStore('s').put(v, k); tx.oncomplete = res; tx.onabort = rej; });
  const del = (name) => new Promise((res, rej) => { const r = indexedDB.deleteDatabase(name); r.onsuccess = res; r.onerror = rej; });
  const a = await open('probe-a');
  for (let i = 0; i < 20; i++) await put(a, 'k' + i, 'GEHEIMLABEL' + i + ' ' + 'x'.repeat(200));
  a.close();
  if (mode === 'delete') await del('probe-a');
  if (mode === 'copy') { const b = await open('probe-b'); for (let i = 0; i < 20; i++) await put(b, 'k' + i, 'SEALED' + i); b.close(); await del('probe-a'); }
}, mode);
await page.waitForTimeout(Number(process.argv[3] ?? 0));
await page.close();
await ctx.close();
const hits = [];
const walk = (d) => { for (const f of fs.readdirSync(d)) { const p = path.join(d, f); const st = fs.statSync(p); if (st.isDirectory()) walk(p); else if (fs.readFileSync(p).includes('GEHEIMLABEL') || fs.readFileSync(p).includes(Buffer.from('GEHEIMLABEL', 'utf16le'))) hits.push(p.slice(dir.length)); } };
walk(dir);
console.log(mode, 'hits:', hits);
await server.close();
