// A static server for dist/ on 127.0.0.1 that sends the precompressed `.br` or `.gz` beside
// a file (scripts/precompress.mjs) with its `Content-Encoding` when the browser accepts it
// (brotli first: it is smaller), as a production server with precompressed files does, and
// the security headers a static
// host should send (`SECURITY_HEADERS`; README's "Putting it online" lists them). Used by
// scripts/serve.sh, by the browser tests and by scripts/bench-app.mjs, so those load
// exactly the bytes and headers that ship.
//
//   node scripts/serve-dist.mjs [port] [dir]     (default: 8080 and dist/)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(import.meta.url);

/** The built app: dist/ at the top of the repository. */
export const DIST = path.resolve(path.dirname(SCRIPT), '../dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json', '.json': 'application/json',
  '.png': 'image/png',
};

/**
 * The headers every response carries. The Content-Security-Policy is the one in the app's
 * `index.html` `<meta>` (read from it, so there is one policy) plus what only a header can
 * say: `frame-ancestors 'none'`, so no other site can frame the app (clickjacking). A
 * directory whose `index.html` has no policy gets `frame-ancestors 'none'` alone.
 */
export function securityHeaders(root = DIST) {
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/);
  return {
    'content-security-policy': meta ? `${meta[1]}; frame-ancestors 'none'` : "frame-ancestors 'none'",
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), ' +
      'hid=(), midi=(), accelerometer=(), gyroscope=(), magnetometer=(), browsing-topics=()',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/**
 * The file in `root` a request path names (`index.html` for a directory), or null for a
 * path outside `root`, one that does not decode, or one with a NUL byte.
 */
function fileFor(root, pathname) {
  let decoded;
  try { decoded = decodeURIComponent(pathname); } catch { return null; }
  if (decoded.includes('\0')) return null;
  const file = path.normalize(path.join(root, decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return fs.existsSync(file) && fs.statSync(file).isDirectory() ? path.join(file, 'index.html') : file;
}

/** Precompressed files by preference: the suffix beside the file and its `Content-Encoding`. */
const ENCODINGS = [{ name: 'br', suffix: '.br' }, { name: 'gzip', suffix: '.gz' }];

/**
 * The precompressed encoding to send for `file`: the first of `ENCODINGS` that the request's
 * `Accept-Encoding` accepts (listed without `q=0`) and that has its file beside `file`; null
 * for the plain file.
 */
function encodingFor(acceptEncoding = '', file) {
  const accepted = new Set(acceptEncoding.split(',')
    .map((part) => part.trim().split(';').map((piece) => piece.trim()))
    .filter(([, ...params]) => !params.some((param) => /^q=0(\.0*)?$/.test(param)))
    .map(([name]) => name.toLowerCase()));
  return ENCODINGS.find(({ name, suffix }) => accepted.has(name) && fs.existsSync(file + suffix)) ?? null;
}

/**
 * Serves a built app (`dir`, default dist/) on 127.0.0.1 at `port` (0: a free one);
 * resolves to its URL and a `close`.
 */
export async function serveDist(port = 0, dir = DIST) {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root} has no built app: run scripts/build-web.sh first`);
  }
  const security = securityHeaders(root);
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(security)) res.setHeader(name, value);
    const file = fileFor(root, new URL(req.url, 'http://localhost').pathname);
    if (file === null) { res.writeHead(403).end(); return; }
    const encoding = encodingFor(req.headers['accept-encoding'], file);
    fs.readFile(encoding ? file + encoding.suffix : file, (err, data) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', vary: 'accept-encoding' };
      if (encoding) headers['content-encoding'] = encoding.name;
      res.writeHead(200, headers);
      res.end(data);
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === SCRIPT) {
  const { url } = await serveDist(Number(process.argv[2] ?? 8080), process.argv[3] ?? DIST);
  console.log(`Cirkelbreker: ${url}`);
}
