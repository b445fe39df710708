// Every row a rows() query matches, for exports and local filters. The core
// answers at most 10,000 rows per call (kMaxRowsPerPage: a bigger limit is
// refused), so this pages through with offset until it holds `total` rows. An
// export is complete at any size, or this throws saying what it holds.
export const ROWS_PER_PAGE = 10000;

/** engine: anything with rows(query) -> Promise<{rows, total}>. Returns {rows, total}. */
export async function allRows(engine, query) {
  const rows = [];
  let total = 0;
  for (let offset = 0; ; offset += ROWS_PER_PAGE) {
    const res = await engine.rows({ ...query, offset, limit: ROWS_PER_PAGE });
    if (res?.error) throw new Error(res.error);
    total = res.total;
    for (const r of res.rows) rows.push(r);
    if (res.rows.length < ROWS_PER_PAGE || rows.length >= total) break;
  }
  if (rows.length !== total) throw new Error(`the export holds ${rows.length} of ${total} rows: the data changed while it was read`);
  return { rows, total };
}
