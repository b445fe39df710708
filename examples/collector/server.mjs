// Reference collector for the widget: receives responses (POST JSON), checks
// them, drops duplicates by idempotency key and appends one flat NDJSON line
// per response, a file the dashboard opens directly. CORS-aware, size-limited.
//   node examples/collector/server.mjs --port 8081 --file build/collector/responses.ndjson
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateResponse } from './validate.mjs';

// options: file (NDJSON path), maxBytes (body limit, default 16 KiB),
// origins ('*' or an array of allowed Origin values).
export function createCollector({ file, maxBytes = 16 * 1024, origins = '*' } = {}) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const seen = new Set();
  if (fs.existsSync(file)) {
    const bytes = fs.readFileSync(file);
    for (const line of bytes.toString('utf8').split('\n')) {
      try {
        if (line.trim()) seen.add(JSON.parse(line).id);
      } catch {
        /* a torn last line from a crash: skip it */
      }
    }
    // A crash mid-append leaves a last line without its newline; the next record
    // would be glued onto it (and both lost to every reader). A torn line is cut
    // off (it was never acknowledged, so the client resends it); a complete one
    // gets its newline.
    const end = bytes.lastIndexOf(0x0a) + 1; // bytes, not characters: the tail may end mid-character
    if (end < bytes.length) {
      let whole = false;
      try {
        JSON.parse(bytes.subarray(end).toString('utf8'));
        whole = true;
      } catch {
        /* torn */
      }
      if (whole) fs.appendFileSync(file, '\n');
      else fs.truncateSync(file, end);
    }
  }

  const cors = (req) => {
    const origin = req.headers.origin;
    const allowed = origins === '*' || (origin && origins.includes(origin));
    return allowed
      ? { 'Access-Control-Allow-Origin': origins === '*' ? '*' : origin, 'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
          'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600', Vary: 'Origin' }
      : { Vary: 'Origin' };
  };
  const reply = (req, res, status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...cors(req) });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://collector');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors(req)).end();
      return;
    }
    if (req.method === 'GET' && url.pathname.endsWith('.ndjson')) {
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store', ...cors(req) });
      if (fs.existsSync(file)) fs.createReadStream(file).pipe(res);
      else res.end();
      return;
    }
    if (req.method === 'GET') return reply(req, res, 200, { ok: true, responses: seen.size });
    if (req.method !== 'POST') return reply(req, res, 405, { ok: false, error: 'POST a response' });

    let size = 0;
    const chunks = [];
    let aborted = false;
    req.on('data', (c) => {
      size += c.length;
      if (aborted) {
        // Refused, but the rest of the body is read and dropped (up to a bound):
        // closing a socket with unread data resets the connection, and the client
        // would see a network error (which it retries) instead of the 413 (which
        // tells it to give up); a kept-alive connection would die with it too.
        if (size > maxBytes * 64) req.destroy();
      } else if (size > maxBytes) {
        aborted = true;
        chunks.length = 0;
        reply(req, res, 413, { ok: false, error: `body over ${maxBytes} bytes` });
      } else chunks.push(c);
    });
    req.on('end', async () => {
      if (aborted) return;
      let payload;
      try {
        payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(req, res, 400, { ok: false, errors: [{ field: '', message: 'not JSON' }] });
      }
      const { record, errors } = validateResponse(payload);
      if (errors) return reply(req, res, 400, { ok: false, errors });
      const store = () => {
        if (seen.has(record.id)) return reply(req, res, 200, { ok: true, duplicate: true });
        // One synchronous append per record: Node runs one at a time, so concurrent
        // posts never interleave inside a line.
        let before = 0;
        try {
          before = fs.existsSync(file) ? fs.statSync(file).size : 0;
          fs.appendFileSync(file, JSON.stringify(record) + '\n');
        } catch (e) {
          // Disk full, permissions...: undo a partial line, answer 500 (the widget
          // retries later) and keep running; the id is not marked as seen.
          try {
            if (fs.statSync(file).isFile() && fs.statSync(file).size > before) fs.truncateSync(file, before);
          } catch {
            /* nothing more to do */
          }
          return reply(req, res, 500, { ok: false, error: 'could not store the response' });
        }
        seen.add(record.id);
        server.emit('response', record);
        reply(req, res, 201, { ok: true });
      };
      // Tests can hold requests (a collector stuck mid-request), then either
      // release them or cut their connections, as a network failure would.
      if (server.holding) held.push({ req, store });
      else store();
    });
  });
  const held = [];
  server.holding = false;
  server.heldCount = () => held.length;
  server.release = () => {
    server.holding = false;
    for (const h of held.splice(0)) h.store();
  };
  server.dropHeld = () => {
    for (const h of held.splice(0)) h.req.socket.destroy();
  };
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const port = Number(arg('--port', 8081));
  const file = arg('--file', 'build/collector/responses.ndjson');
  createCollector({ file }).listen(port, '127.0.0.1', () => {
    console.log(`npskit collector: http://localhost:${port}/ -> ${path.resolve(file)}`);
  });
}
