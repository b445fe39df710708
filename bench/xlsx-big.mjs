#!/usr/bin/env node
// Writes a large .xlsx (default ~100 MB) for the memory measurement of the
// workbook reader (docs/report.md): 1 sheet, 6 columns, dates as serials, half the
// comments unique (so the shared-string table, the one part held in memory, is
// large). Parts are deflated as streams into the file; nothing big is held.
//
//   node bench/xlsx-big.mjs /tmp/big.xlsx [rows]
//   /usr/bin/time -v build/native/bin/npskit analyze /tmp/big.xlsx --compact >/dev/null
import { createWriteStream } from 'node:fs';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { once } from 'node:events';

const out = process.argv[2] ?? '/tmp/big.xlsx';
const rows = Number(process.argv[3] ?? 2_600_000);
const file = createWriteStream(out);
let offset = 0;
const central = [];
const write = async (buf) => { offset += buf.length; if (!file.write(buf)) await once(file, 'drain'); };

// Each entry: a local header with sizes deferred to a data descriptor (flag bit 3).
async function entry(name, produce) {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0808, 6); local.writeUInt16LE(8, 8);
  local.writeUInt16LE(nameBytes.length, 26);
  const at = offset;
  await write(local); await write(nameBytes);
  const deflate = createDeflateRaw({ level: 6 });
  let crc = 0, size = 0, packed = 0;
  const pump = (async () => { for await (const c of deflate) { packed += c.length; await write(c); } })();
  for await (const text of produce()) {
    const b = Buffer.from(text);
    crc = crc32(b, crc); size += b.length;
    if (!deflate.write(b)) await once(deflate, 'drain');
  }
  deflate.end();
  await pump;
  const desc = Buffer.alloc(16);
  desc.writeUInt32LE(0x08074b50, 0); desc.writeUInt32LE(crc >>> 0, 4); desc.writeUInt32LE(packed, 8); desc.writeUInt32LE(size, 12);
  await write(desc);
  central.push({ nameBytes, crc, packed, size, at });
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const words = 'delivery price support app login refund quick slow great fine crash team plan invoice mobile update feature bug fast late'.split(' ');
let seed = 7;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
const uniqueCount = Math.ceil(rows / 2);
const fixed = ['Great product', 'Too expensive', 'Support was slow', 'Works well', 'Login keeps failing'];

await entry('[Content_Types].xml', function* () { yield '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'; });
await entry('xl/workbook.xml', function* () { yield `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>`; });
await entry('xl/_rels/workbook.xml.rels', function* () {
  yield '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
});
await entry('xl/worksheets/sheet1.xml', function* () {
  yield `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Response ID</t></is></c><c r="B1" t="inlineStr"><is><t>Submitted</t></is></c><c r="C1" t="inlineStr"><is><t>How likely are you to recommend us?</t></is></c><c r="D1" t="inlineStr"><is><t>Why?</t></is></c><c r="E1" t="inlineStr"><is><t>Country</t></is></c><c r="F1" t="inlineStr"><is><t>Plan</t></is></c></row>`;
  let batch = '';
  for (let i = 0; i < rows; i++) {
    const r = i + 2;
    const comment = 5 + (i % 2 === 0 ? i / 2 : rnd(Math.min(uniqueCount, 1000)));
    batch += `<row r="${r}"><c r="A${r}"><v>${100000000 + i * 7}</v></c><c r="B${r}" s="1"><v>${45292 + rnd(365) + rnd(86400) / 86400}</v></c>` +
      `<c r="C${r}"><v>${rnd(11)}</v></c><c r="D${r}" t="s"><v>${comment}</v></c><c r="E${r}" t="s"><v>${rnd(5) === 0 ? 0 : 1}</v></c><c r="F${r}" t="s"><v>${2 + rnd(3)}</v></c></row>`;
    if (batch.length > 1 << 20) { yield batch; batch = ''; }
  }
  yield batch + '</sheetData></worksheet>';
});
await entry('xl/styles.xml', function* () { yield `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>`; });
await entry('xl/sharedStrings.xml', function* () {
  // 0-1 countries, 2-4 plans... indices 0..4 are reused below as the first five strings.
  yield `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>`;
  const base = ['Germany', 'United States', 'Basic', 'Pro', 'Team'];
  yield base.map((t) => `<si><t>${t}</t></si>`).join('');
  let batch = '';
  for (let i = 0; i < uniqueCount; i++) {
    let t = fixed[i % 5];
    for (let k = 0; k < 6; k++) t += ' ' + words[rnd(words.length)] + rnd(1000);
    batch += `<si><t>${t}</t></si>`;
    if (batch.length > 1 << 20) { yield batch; batch = ''; }
  }
  yield batch + '</sst>';
});
const dirStart = offset;
for (const e of central) {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(20, 6); h.writeUInt16LE(0x0808, 8); h.writeUInt16LE(8, 10);
  h.writeUInt32LE(e.crc >>> 0, 16); h.writeUInt32LE(e.packed, 20); h.writeUInt32LE(e.size, 24); h.writeUInt16LE(e.nameBytes.length, 28);
  h.writeUInt32LE(e.at, 42);
  await write(h); await write(e.nameBytes);
}
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length, 8); end.writeUInt16LE(central.length, 10);
end.writeUInt32LE(offset - dirStart, 12); end.writeUInt32LE(dirStart, 16);
await write(end);
file.end();
await once(file, 'finish');
console.log(`${out}: ${(offset / 1e6).toFixed(1)} MB, ${rows} rows; sheet ${(central[3].size / 1e6).toFixed(0)} MB and shared strings ${(central[5].size / 1e6).toFixed(0)} MB inflated`);
