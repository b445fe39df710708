// A small static file server for the dashboard, the widget demos and the examples.
// Serves the repository root on localhost with correct MIME types (application/wasm).
// Usage: node scripts/serve.mjs [--port 8080] [--root .]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8', '.ndjson': 'application/x-ndjson', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.map': 'application/json',
};

export function createStaticServer({ root, headers = () => ({}) }) {
  const absoluteRoot = path.resolve(root);
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let filePath = path.normalize(path.join(absoluteRoot, decodeURIComponent(url.pathname)));
    // Never serve anything outside the root (../ tricks).
    if (filePath !== absoluteRoot && !filePath.startsWith(absoluteRoot + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    fs.stat(filePath, (err, stat) => {
      if (!err && stat.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { Location: url.pathname + '/' + url.search }).end();
          return;
        }
        filePath = path.join(filePath, 'index.html');
      }
      fs.stat(filePath, (err2, stat2) => {
        if (err2 || !stat2.isFile()) {
          res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
          return;
        }
        res.writeHead(200, {
          'Content-Type': MIME[path.extname(filePath).toLowerCase()] || 'application/octet-stream',
          'Content-Length': stat2.size,
          'Cache-Control': 'no-cache',
          ...headers(url, filePath),
        });
        if (req.method === 'HEAD') res.end();
        else fs.createReadStream(filePath).pipe(res);
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const port = Number(arg('--port', 8080));
  const root = arg('--root', path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  createStaticServer({ root }).listen(port, '127.0.0.1', () => {
    console.log(`npskit: serving ${path.resolve(root)} at http://localhost:${port}/`);
  });
}
