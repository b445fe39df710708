// Reference collector for the widget: receives responses (POST JSON), checks
// them (shape here, then the analytics core: only records the dashboard will
// read are stored), drops duplicates by idempotency key and appends one flat
// NDJSON line per response, a file the dashboard opens. Writes only from the
// configured origins, reads only with a token, size- and time-limited.
//   node examples/collector/server.mjs --port 8081 --file data/responses.ndjson \
//     --origin https://shop.example --read-token "$TOKEN"
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateResponse } from './validate.mjs';
import { coreCheck, coreReady } from './core-check.mjs';
import { corsHeaders, newToken, originAllowed, tokenMatches } from './access.mjs';

// options:
//   file        NDJSON path
//   maxBytes    body limit (default 16 KiB)
//   origins     '*' (any page may POST; development) or the list of Origin values allowed
//               to POST and to get CORS headers
//   readToken   the token GET *.ndjson requires; without one, reading is off
//   headersTimeout, requestTimeout (ms): a client slower than this for its headers
//               (default 10 s) or its whole request (default 30 s) is answered 408 and
//               cut off, so partial requests do not hold sockets (Node's default: 300 s)
//   check       async (record) -> null | errors: the analytics core by default
export function createCollector({ file, maxBytes = 16 * 1024, origins = '*', readToken = null, headersTimeout = 10_000,
  requestTimeout = 30_000, check = coreCheck } = {}) {
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

  const reply = (req, res, status, body, headers = {}) => {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store',
      ...corsHeaders(origins, req.headers.origin), ...headers });
    res.end(JSON.stringify(body));
  };

  // GET *.ndjson: every stored response (e-mails, ids, comments), so only with
  // the read token, and CORS only for a listed origin.
  function serveFile(req, res, params) {
    const cors = corsHeaders(origins, req.headers.origin, { read: true });
    const refuse = (status, error, extra = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...cors, ...extra });
      res.end(JSON.stringify({ ok: false, error }));
    };
    if (!readToken)
      return refuse(403, 'reading stored responses is off: start the collector with --read-token <token> (or NPSKIT_COLLECTOR_TOKEN)');
    if (!tokenMatches(readToken, req, params))
      return refuse(401, 'reading stored responses needs the token: "Authorization: Bearer <token>" or ?token=<token>',
        { 'WWW-Authenticate': 'Bearer realm="npskit collector"' });
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store', ...cors });
    if (req.method === 'HEAD' || !fs.existsSync(file)) return res.end();
    const stream = fs.createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  function receive(req, res) {
    // A page from another origin is refused before its body is considered.
    const foreign = !originAllowed(origins, req.headers.origin);
    let size = 0;
    const chunks = [];
    let aborted = false;
    const refuse = (status, error) => {
      aborted = true;
      chunks.length = 0;
      reply(req, res, status, { ok: false, error });
    };
    if (foreign) refuse(403, `origin ${JSON.stringify(req.headers.origin ?? null)} may not send responses here (not in --origin)`);
    req.on('data', (c) => {
      size += c.length;
      if (aborted) {
        // Refused, but the rest of the body is read and dropped (up to a bound):
        // closing a socket with unread data resets the connection, and the client
        // would see a network error (which it retries) instead of the 4xx (which
        // tells it to give up); a kept-alive connection would die with it too.
        if (size > maxBytes * 64) req.destroy();
      } else if (size > maxBytes) refuse(413, `body over ${maxBytes} bytes`);
      else chunks.push(c);
    });
    req.on('end', () => {
      if (aborted) return;
      // The core check failed to run (the core is not built?): 500, so the widget
      // retries once the collector is fixed, and the reason is said, here and in the log.
      accept(req, res, Buffer.concat(chunks)).catch((e) => {
        const error = `could not check the response with the analytics core: ${(e && e.message) || e}`;
        console.error('npskit collector: ' + error);
        reply(req, res, 500, { ok: false, error });
      });
    });
  }

  async function accept(req, res, body) {
    let payload;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return reply(req, res, 400, { ok: false, errors: [{ field: '', message: 'not JSON' }] });
    }
    const { record, errors } = validateResponse(payload);
    if (errors) return reply(req, res, 400, { ok: false, errors });
    // The same rules the dashboard and the CLI read the file with.
    const refused = await check(record);
    if (refused) return reply(req, res, 400, { ok: false, errors: refused });
    const store = () => {
      if (seen.has(record.id)) return reply(req, res, 200, { ok: true, duplicate: true });
      // One synchronous append per record: Node runs one at a time, so concurrent
      // posts never interleave inside a line.
      let before = 0;
      try {
        before = fs.existsSync(file) ? fs.statSync(file).size : 0;
        fs.appendFileSync(file, JSON.stringify(record) + '\n', { mode: 0o600 });
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
  }

  function route(req, res) {
    // The raw target, never `new URL(req.url)`: "//[" is a valid request-target
    // to Node's parser and an invalid URL (it used to throw and kill the process).
    const target = String(req.url || '');
    const q = target.indexOf('?');
    const pathname = q < 0 ? target : target.slice(0, q);
    const params = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
    if (req.method === 'OPTIONS') {
      res.writeHead(204, corsHeaders(origins, req.headers.origin, { read: pathname.endsWith('.ndjson') })).end();
      return;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && pathname.endsWith('.ndjson')) return serveFile(req, res, params);
    if (req.method === 'GET') return reply(req, res, 200, { ok: true, responses: seen.size });
    if (req.method !== 'POST') return reply(req, res, 405, { ok: false, error: 'POST a response' }, { Allow: 'POST, GET, OPTIONS' });
    receive(req, res);
  }

  const server = http.createServer({ headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout) },
    (req, res) => {
      // A client that resets mid-request must not raise an unhandled 'error'.
      req.on('error', () => {});
      res.on('error', () => {});
      try {
        route(req, res);
      } catch {
        try {
          reply(req, res, 500, { ok: false, error: 'internal error' });
        } catch {
          res.destroy();
        }
      }
    });
  // Requests Node's parser refuses (bad request line or header, headers too
  // large, too slow): a short answer, then the connection is closed.
  server.on('clientError', (err, socket) => {
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout'
      : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (!socket.writable || err.code === 'ECONNRESET') return socket.destroy();
    const body = JSON.stringify({ ok: false, error: status.slice(4).toLowerCase() });
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
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

// Command line: --port, --file, --origin (repeatable or comma-separated),
// --read-token (or the NPSKIT_COLLECTOR_TOKEN variable, which stays out of `ps`).
// Without a token one is generated and printed: the file is never readable openly.
export function parseArgs(argv) {
  const opts = { port: 8081, file: 'build/collector/responses.ndjson', origins: [], readToken: process.env.NPSKIT_COLLECTOR_TOKEN || null };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!['--port', '--file', '--origin', '--read-token'].includes(name)) throw new Error(`unknown option ${name} (use --port, --file, --origin, --read-token)`);
    if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
    i++;
    if (name === '--port') {
      opts.port = Number(value);
      if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error(`--port must be 0-65535, got ${value}`);
    } else if (name === '--file') opts.file = value;
    else if (name === '--read-token') opts.readToken = value;
    else
      for (const o of value.split(',').map((x) => x.trim()).filter(Boolean)) {
        if (o === '*') opts.origins = '*';
        else if (!/^https?:\/\/[^/\s]+$/.test(o)) throw new Error(`--origin must be like https://shop.example (scheme and host, no path), got ${o}`);
        else if (opts.origins !== '*') opts.origins.push(o);
      }
  }
  if (Array.isArray(opts.origins) && !opts.origins.length) opts.origins = '*';
  return opts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    await coreReady();
  } catch (e) {
    console.error(`npskit collector: ${e.message}${/wasm|ENOENT|analytics/.test(e.message) ? ' (build the core first: npm run build)' : ''}`);
    process.exit(2);
  }
  const generated = !opts.readToken;
  const readToken = opts.readToken || newToken();
  createCollector({ file: opts.file, origins: opts.origins, readToken }).listen(opts.port, '127.0.0.1', function () {
    const port = this.address().port;
    console.log(`npskit collector: http://localhost:${port}/ -> ${path.resolve(opts.file)}`);
    console.log(`  accepts responses from: ${opts.origins === '*' ? 'any origin (set --origin in production)' : opts.origins.join(', ')}`);
    if (generated) console.log(`  read token (generated; pass --read-token or NPSKIT_COLLECTOR_TOKEN to fix one): ${readToken}`);
    console.log(`  download: curl -fsS -H "Authorization: Bearer ${generated ? readToken : '$NPSKIT_COLLECTOR_TOKEN'}" http://localhost:${port}/responses.ndjson -o responses.ndjson`);
  });
}
