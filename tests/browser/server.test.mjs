// The server the browser tests, scripts/serve.sh and the benchmark use sends the
// precompressed files as they ship: the `.br` with `Content-Encoding: br` to a client that
// accepts brotli (the bytes a browser downloads), else the `.gz` with `Content-Encoding: gzip`
// to one that accepts gzip, the plain file to one that accepts neither. It serves dist/ or
// any other built app (the benchmark's baseline, which may have no `.br`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, serveDist } from '../../scripts/serve-dist.mjs';

let server;
before(async () => { server = await serveDist(); });
after(async () => { await server?.close(); });

/** GETs `pathname` with these request headers; resolves to status, headers and body bytes. */
function get(pathname, headers = {}, base = server.url) {
  return new Promise((resolve, reject) => {
    http.get(new URL(pathname, base), { headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('a browser that accepts brotli gets the shipped .br, one that accepts only gzip the .gz; each decodes to the file', async () => {
  const shipped = [['gzip, deflate, br, zstd', 'br', '.br', zlib.brotliDecompressSync], ['gzip, deflate', 'gzip', '.gz', zlib.gunzipSync],
    ['br;q=0, gzip', 'gzip', '.gz', zlib.gunzipSync], ['BR;q=0.5', 'br', '.br', zlib.brotliDecompressSync]];
  for (const file of ['cirkelbreker_bg.wasm', 'cirkelbreker.js', 'www/app.css', 'sw.js']) {
    for (const [accepted, encoding, suffix, decode] of shipped) {
      const response = await get(`/${file}`, { 'accept-encoding': accepted });
      assert.equal(response.status, 200, file);
      assert.equal(response.headers['content-encoding'], encoding, `${file}, accepting ${accepted}`);
      assert.equal(response.headers.vary, 'accept-encoding', file);
      assert.ok(response.body.equals(fs.readFileSync(path.join(DIST, file + suffix))), `${file}: the ${suffix} as shipped`);
      assert.ok(decode(response.body).equals(fs.readFileSync(path.join(DIST, file))), `${file}: the ${suffix} decodes to the file`);
    }
  }
  const wasm = await get('/cirkelbreker_bg.wasm', { 'accept-encoding': 'gzip' });
  assert.equal(wasm.headers['content-type'], 'application/wasm', 'streaming compilation needs the wasm type');
  const index = await get('/', { 'accept-encoding': 'gzip' });
  assert.match(zlib.gunzipSync(index.body).toString(), /<div id="app">/);
});

test('a client that accepts neither gets the plain file; bad paths get an answer, not a crash', async () => {
  for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'gzip;q=0, br;q=0.0' }]) {
    const plain = await get('/www/app.css', headers);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined, JSON.stringify(headers));
    assert.ok(plain.body.equals(fs.readFileSync(path.join(DIST, 'www/app.css'))));
  }
  assert.equal((await get('/niet-er.js', { 'accept-encoding': 'gzip' })).status, 404);
  assert.equal((await get('/%E0%A4%A')).status, 403, 'does not decode');
  assert.equal((await get('/%00')).status, 403, 'a NUL byte');
  // A sibling of dist/ whose name starts with "dist" stays out of reach.
  const sibling = `${DIST}-elders`;
  fs.mkdirSync(sibling, { recursive: true });
  fs.writeFileSync(path.join(sibling, 'geheim.txt'), 'geheim');
  try {
    assert.equal((await get(`/..%2f${path.basename(sibling)}%2fgeheim.txt`)).status, 403);
  } finally {
    fs.rmSync(sibling, { recursive: true, force: true });
  }
  assert.equal((await get('/www/app.css')).status, 200, 'the server still runs');
});

test('another directory is served the same way, and nothing outside it', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkelbreker-serve-'));
  const dir = path.join(parent, 'app');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'index.html'), '<div id="app">andere build</div>');
  fs.writeFileSync(path.join(dir, 'index.html.gz'), zlib.gzipSync(fs.readFileSync(path.join(dir, 'index.html'))));
  fs.writeFileSync(path.join(parent, 'geheim.txt'), 'geheim');
  const other = await serveDist(0, dir);
  try {
    // No .br beside it (a build from before brotli): a brotli-accepting browser gets the .gz.
    const index = await get('/', { 'accept-encoding': 'gzip, deflate, br' }, other.url);
    assert.equal(index.headers['content-encoding'], 'gzip');
    assert.equal(zlib.gunzipSync(index.body).toString(), '<div id="app">andere build</div>');
    assert.equal((await get('/..%2fgeheim.txt', {}, other.url)).status, 403);
    await assert.rejects(serveDist(0, parent), /no built app/, 'a directory without index.html');
  } finally {
    await other.close();
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
