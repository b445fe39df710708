#include "core/sql/tallies_sql.hpp"

#include "core/ingest/tally_table.hpp"

namespace npskit::sql {

namespace {

// npskit's whole scores 0..10 as plain text: an optional '-' only before zeros
// ("-0" is 0, "-1" is out of range), leading zeros, an all-zero fraction after
// '.' or ','. No backslashes: the same text is a valid regex literal everywhere.
constexpr const char* kScoreRegex = "^(-0+|0*([0-9]|10))([.,]0+)?$";

bool backtick_quoted(Dialect d) { return d == Dialect::clickhouse || d == Dialect::bigquery || d == Dialect::spark; }

std::string quote_name(Dialect d, std::string_view name) {
  const char q = backtick_quoted(d) ? '`' : '"';
  std::string out(1, q);
  for (char c : name) {
    if (c == q) out.push_back(d == Dialect::spark || !backtick_quoted(d) ? q : '\\');
    out.push_back(c);
  }
  out.push_back(q);
  return out;
}

// db.schema.table -> each part quoted.
std::string quote_table(Dialect d, std::string_view table) {
  std::string out;
  while (true) {
    const auto dot = table.find('.');
    out += quote_name(d, table.substr(0, dot));
    if (dot == std::string_view::npos) return out;
    out.push_back('.');
    table.remove_prefix(dot + 1);
  }
}

std::string as_text(Dialect d, const std::string& e) {
  switch (d) {
    case Dialect::clickhouse: return "toString(" + e + ")";
    case Dialect::postgres: return "CAST(" + e + " AS TEXT)";
    case Dialect::bigquery:
    case Dialect::spark: return "CAST(" + e + " AS STRING)";
    default: return "CAST(" + e + " AS VARCHAR)";
  }
}

// Spaces off both ends (ClickHouse 18.16 has no trim function: a regex does it).
std::string trimmed(Dialect d, const std::string& e) {
  if (d == Dialect::clickhouse) return "replaceRegexpAll(" + e + ", '^ +| +$', '')";
  return "TRIM(" + e + ")";
}

std::string or_empty(Dialect d, const std::string& e) {
  return (d == Dialect::clickhouse ? "ifNull(" : "COALESCE(") + e + ", '')";
}

std::string matches_score(Dialect d, const std::string& e) {
  const std::string re = kScoreRegex;
  switch (d) {
    case Dialect::duckdb: return "regexp_full_match(" + e + ", '" + re + "')";
    case Dialect::postgres:
    case Dialect::redshift: return e + " ~ '" + re + "'";
    case Dialect::clickhouse: return "match(" + e + ", '" + re + "')";
    case Dialect::bigquery: return "REGEXP_CONTAINS(" + e + ", r'" + re + "')";
    case Dialect::snowflake: return "REGEXP_LIKE(" + e + ", '" + re + "')";
    case Dialect::spark: return e + " RLIKE '" + re + "'";
  }
  return {};
}

// The text of a matching cell as an integer. Engines that evaluate every branch
// of a CASE (ClickHouse) get a cast that cannot fail on other text.
std::string score_value(Dialect d, const std::string& e) {
  switch (d) {
    case Dialect::duckdb: return "CAST(TRY_CAST(REPLACE(" + e + ", ',', '.') AS DOUBLE) AS INTEGER)";
    case Dialect::postgres:
    case Dialect::redshift: return "CAST(CAST(REPLACE(" + e + ", ',', '.') AS DOUBLE PRECISION) AS INTEGER)";
    case Dialect::clickhouse: return "toInt32(toFloat64OrZero(replaceAll(" + e + ", ',', '.')))";
    case Dialect::bigquery: return "CAST(SAFE_CAST(REPLACE(" + e + ", ',', '.') AS FLOAT64) AS INT64)";
    case Dialect::snowflake: return "CAST(TRY_CAST(REPLACE(" + e + ", ',', '.') AS DOUBLE) AS INTEGER)";
    case Dialect::spark: return "CAST(CAST(REPLACE(" + e + ", ',', '.') AS DOUBLE) AS INT)";
  }
  return {};
}

// The first day of the period holding a DATE or TIMESTAMP, as YYYY-MM-DD text
// (NULL when the date is NULL). Weeks start on Monday (ISO 8601) everywhere.
std::string period_text(Dialect d, const std::string& e, Period p) {
  const char* unit = p == Period::day ? "day" : p == Period::week ? "week" : p == Period::month ? "month" : "quarter";
  switch (d) {
    case Dialect::duckdb: return "CAST(CAST(date_trunc('" + std::string(unit) + "', " + e + ") AS DATE) AS VARCHAR)";
    case Dialect::postgres:
    case Dialect::redshift:
    case Dialect::snowflake: return "TO_CHAR(DATE_TRUNC('" + std::string(unit) + "', " + e + "), 'YYYY-MM-DD')";
    case Dialect::clickhouse: {
      const char* f = p == Period::day ? "toDate" : p == Period::week ? "toMonday" : p == Period::month ? "toStartOfMonth" : "toStartOfQuarter";
      return "toString(" + std::string(f) + "(" + e + "))";
    }
    case Dialect::bigquery: {
      const char* u = p == Period::day ? "DAY" : p == Period::week ? "ISOWEEK" : p == Period::month ? "MONTH" : "QUARTER";
      return "FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(" + e + "), " + u + "))";
    }
    case Dialect::spark: {
      if (p == Period::day) return "date_format(CAST(" + e + " AS DATE), 'yyyy-MM-dd')";
      const char* u = p == Period::week ? "week" : p == Period::month ? "month" : "quarter";
      return "date_format(trunc(CAST(" + e + " AS DATE), '" + u + "'), 'yyyy-MM-dd')";
    }
  }
  return {};
}

std::string indent(const std::string& text, const std::string& pad) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += pad + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

struct Parts {
  Dialect d;
  std::string unit;              // 'month' or 'none'
  std::vector<std::string> outs;  // quoted output names of the segments
};

// SELECT list of the final aggregation over columns sc (score code), g0 (period),
// g1.. (segments) and `weight` (how many responses the row stands for: "1" for one
// row per response, "n" after a pre-count).
std::string aggregation(const Parts& P, const std::string& from, bool ch, const std::string& weight) {
  const std::string sum = ch ? "sum" : "SUM";
  // A pre-counted weight is summed as a whole number of the dialect's widest
  // ordinary integer type (PostgreSQL would widen a SUM of counts to NUMERIC,
  // DuckDB to HUGEINT).
  auto total = [&](const std::string& when) {
    const std::string e = sum + "(CASE WHEN sc = " + when + " THEN " + weight + " ELSE 0 END)";
    return weight == "1" ? e : "CAST(" + e + (P.d == Dialect::bigquery ? " AS INT64)" : " AS BIGINT)");
  };
  std::string s = "SELECT\n  1 AS npskit_tallies,\n  '" + P.unit + "' AS period_unit,\n  g0 AS period,\n";
  for (std::size_t i = 0; i < P.outs.size(); ++i) s += "  g" + std::to_string(i + 1) + " AS " + P.outs[i] + ",\n";
  for (int k = 0; k <= 10; ++k) s += "  " + total(std::to_string(k)) + " AS s" + std::to_string(k) + ",\n";
  s += "  " + total("-1") + " AS blank,\n";
  s += "  " + total("-2") + " AS rejected\n";
  s += from;
  s += "GROUP BY g0";
  for (std::size_t i = 0; i < P.outs.size(); ++i) s += ", g" + std::to_string(i + 1);
  s += "\nORDER BY g0";
  for (std::size_t i = 0; i < P.outs.size(); ++i) s += ", g" + std::to_string(i + 1);
  return s + "\n";
}

}  // namespace

std::optional<Dialect> parse_dialect(std::string_view name) {
  for (auto d : {Dialect::duckdb, Dialect::postgres, Dialect::clickhouse, Dialect::bigquery, Dialect::snowflake,
                 Dialect::spark, Dialect::redshift})
    if (name == dialect_name(d)) return d;
  return std::nullopt;
}

const char* dialect_name(Dialect d) {
  switch (d) {
    case Dialect::duckdb: return "duckdb";
    case Dialect::postgres: return "postgres";
    case Dialect::clickhouse: return "clickhouse";
    case Dialect::bigquery: return "bigquery";
    case Dialect::snowflake: return "snowflake";
    case Dialect::spark: return "spark";
    case Dialect::redshift: return "redshift";
  }
  return "?";
}

GeneratedSql tallies_sql(const TalliesQuery& q) {
  const auto d = q.dialect;
  if (q.table.empty()) return {{}, "--table is required"};
  if (q.score.empty()) return {{}, "--score is required (the 0-10 column)"};
  if (q.period && q.date.empty()) return {{}, "--date is required for a period (or give --period none)"};
  for (const auto& c : q.by) {
    if (c.empty()) return {{}, "--by has an empty column name"};
    if (is_reserved_tallies_column(c)) return {{}, "--by column '" + c + "' has a name the tallies format reserves"};
  }
  for (std::size_t i = 0; i < q.by.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (q.by[i] == q.by[j]) return {{}, "--by names column '" + q.by[i] + "' twice"};
  for (const auto* name : {&q.table, &q.score, &q.date, &q.latest_per})
    if (name->find('\n') != std::string::npos || name->find('\0') != std::string::npos)
      return {{}, "column and table names cannot hold line breaks"};

  Parts P{d, q.period ? std::string(period_name(*q.period)) : "none", {}};
  for (const auto& c : q.by) P.outs.push_back(quote_name(d, c));
  const bool ch = d == Dialect::clickhouse;
  const std::string table = quote_table(d, q.table);
  const std::string score_text = trimmed(d, as_text(d, quote_name(d, q.score)));
  const std::string date = q.date.empty() ? "" : quote_name(d, q.date);

  // Column expressions of one source row: st (score text), g0 (period), g1.. (segments).
  std::vector<std::pair<std::string, std::string>> cells;  // alias, expression
  cells.emplace_back("st", score_text);
  cells.emplace_back("p0", q.period ? or_empty(d, period_text(d, date, *q.period)) : "''");
  for (std::size_t i = 0; i < q.by.size(); ++i)
    cells.emplace_back("c" + std::to_string(i + 1), or_empty(d, trimmed(d, as_text(d, quote_name(d, q.by[i])))));
  const std::string code = "CASE WHEN st IS NULL OR st = '' THEN -1 WHEN " + matches_score(d, "st") + " THEN " +
                           score_value(d, "st") + " ELSE -2 END";
  // Rejected rows go to the undated, all-blank group (as npskit tally counts them).
  auto grouped = [&](const std::string& column) { return "CASE WHEN sc = -2 THEN '' ELSE " + column + " END"; };

  std::string header = "-- npskit tallies (docs/scale.md), format 1, dialect " + std::string(dialect_name(d)) +
                       ": run it and save the result as CSV or JSON, then `npskit analyze` it.\n";
  if (ch && q.latest_per.empty()) {
    // ClickHouse: one aggregation level with WITH aliases, so a Distributed table
    // aggregates on every shard and merges on the initiator (18.16 has no CTE
    // subqueries). Its aliases are global to the query: they must not reuse a
    // column name, hence the npskit_ names, renamed by a thin outer SELECT.
    auto n = [](const std::string& alias) { return "npskit_" + alias; };
    std::string s = "WITH\n";
    for (const auto& [alias, e] : cells) s += "  " + e + " AS " + n(alias) + ",\n";
    const std::string scode = "CASE WHEN npskit_st IS NULL OR npskit_st = '' THEN -1 WHEN " + matches_score(d, "npskit_st") + " THEN " +
            score_value(d, "npskit_st") + " ELSE -2 END";
    s += "  " + scode + " AS npskit_sc\n";
    std::string inner = s + "SELECT\n  CASE WHEN npskit_sc = -2 THEN '' ELSE npskit_p0 END AS npskit_g0";
    for (std::size_t i = 0; i < q.by.size(); ++i)
      inner += ",\n  CASE WHEN npskit_sc = -2 THEN '' ELSE npskit_c" + std::to_string(i + 1) + " END AS npskit_g" + std::to_string(i + 1);
    for (int k = 0; k <= 10; ++k)
      inner += ",\n  sum(npskit_sc = " + std::to_string(k) + ") AS npskit_n" + std::to_string(k);
    inner += ",\n  sum(npskit_sc = -1) AS npskit_blank,\n  sum(npskit_sc = -2) AS npskit_rejected\nFROM " + table + "\nGROUP BY npskit_g0";
    for (std::size_t i = 0; i < q.by.size(); ++i) inner += ", npskit_g" + std::to_string(i + 1);
    inner += "\n";
    std::string outer = header + "SELECT\n  1 AS npskit_tallies,\n  '" + P.unit + "' AS period_unit,\n  npskit_g0 AS period";
    for (std::size_t i = 0; i < q.by.size(); ++i) outer += ",\n  npskit_g" + std::to_string(i + 1) + " AS " + P.outs[i];
    for (int k = 0; k <= 10; ++k) outer += ",\n  npskit_n" + std::to_string(k) + " AS s" + std::to_string(k);
    outer += ",\n  npskit_blank AS blank,\n  npskit_rejected AS rejected\nFROM (\n" + indent(inner, "  ") + ")\nORDER BY period";
    for (const auto& o : P.outs) outer += ", " + o;
    return {outer + "\n", {}};
  }

  std::string cell_select = "SELECT\n";
  for (const auto& [alias, e] : cells) cell_select += "  " + e + " AS " + alias + ",\n";
  if (!q.latest_per.empty()) {
    cell_select += "  " + or_empty(d, trimmed(d, as_text(d, quote_name(d, q.latest_per)))) + " AS person,\n";
    cell_select += "  " + (q.date.empty() ? std::string("NULL") : date) + " AS answered_at,\n";
  }
  cell_select.erase(cell_select.size() - 2);  // the last ",\n"
  cell_select += "\nFROM " + table + "\n";

  std::string scored = "SELECT\n  " + code + " AS sc,\n  p0";
  for (std::size_t i = 0; i < q.by.size(); ++i) scored += ", c" + std::to_string(i + 1);
  if (!q.latest_per.empty()) scored += ", person, answered_at";
  scored += "\nFROM (\n" + indent(cell_select, "  ") + ") AS cells\n";

  std::string rows = scored;  // one row per response kept
  std::string keep_cols = "sc, p0";
  for (std::size_t i = 0; i < q.by.size(); ++i) keep_cols += ", c" + std::to_string(i + 1);
  if (!q.latest_per.empty()) {
    // Each person's latest valid response (by date; undated counts as oldest). Rows
    // without a valid score or without an id are all kept.
    const std::string rankable = "sc >= 0 AND person <> ''";
    if (ch) {
      // ClickHouse 18.16 has no window functions: argMax per person does the same.
      std::string latest = "SELECT sc, p0";
      std::string argmax = "SELECT argMax(sc, k) AS sc, argMax(p0, k) AS p0";
      for (std::size_t i = 0; i < q.by.size(); ++i) {
        const auto c = "c" + std::to_string(i + 1);
        latest += ", " + c;
        argmax += ", argMax(" + c + ", k) AS " + c;
      }
      const std::string key = q.date.empty() ? "0" : "ifNull(toUInt64(toDateTime(answered_at)), 0)";
      rows = latest + "\nFROM (\n" + indent(scored, "  ") + ") AS scored\nWHERE NOT (" + rankable + ")\nUNION ALL\n" +
             argmax + "\nFROM (\n  SELECT sc, p0";
      for (std::size_t i = 0; i < q.by.size(); ++i) rows += ", c" + std::to_string(i + 1);
      rows += ", person, " + key + " AS k\n  FROM (\n" + indent(scored, "    ") + "  ) AS scored\n  WHERE " + rankable +
              "\n) AS ranked\nGROUP BY person\n";
    } else {
      // Undated rows rank oldest. BigQuery and Spark put NULLs last in a DESC order
      // by definition (their documented default); the others are told so.
      const std::string nulls_last = d == Dialect::bigquery || d == Dialect::spark ? "" : " NULLS LAST";
      std::string ranked = "SELECT " + keep_cols + ",\n  CASE WHEN " + rankable + " THEN 1 ELSE 0 END AS rankable,\n" +
                           "  ROW_NUMBER() OVER (PARTITION BY CASE WHEN " + rankable + " THEN person END ORDER BY answered_at DESC" + nulls_last + ") AS rn\n" +
                           "FROM (\n" + indent(scored, "  ") + ") AS scored\n";
      rows = "SELECT " + keep_cols + "\nFROM (\n" + indent(ranked, "  ") + ") AS ranked\nWHERE rankable = 0 OR rn = 1\n";
    }
  }
  // Count first, by score code and raw group, then regroup the few counted rows:
  // planners that inline subqueries (PostgreSQL) would otherwise evaluate the
  // score's CASE and regular expression once per output column and per group key
  // of every row (16 times at 1M rows: 19 s instead of ~2 s). ClickHouse's
  // latest-per path keeps one row per response (its single-level form is above).
  std::string group_by = "sc, p0";
  for (std::size_t i = 0; i < q.by.size(); ++i) group_by += ", c" + std::to_string(i + 1);
  std::string source = rows, alias = "kept", weight = "1";
  if (!ch) {
    source = "SELECT " + group_by + ", COUNT(*) AS n\nFROM (\n" + indent(rows, "  ") + ") AS kept\nGROUP BY " + group_by + "\n";
    alias = "counted";
    weight = "n";
  }
  std::string groups = "SELECT\n  sc,\n  " + grouped("p0") + " AS g0";
  for (std::size_t i = 0; i < q.by.size(); ++i)
    groups += ",\n  " + grouped("c" + std::to_string(i + 1)) + " AS g" + std::to_string(i + 1);
  if (!ch) groups += ",\n  n";
  groups += "\nFROM (\n" + indent(source, "  ") + ") AS " + alias + "\n";
  return {header + aggregation(P, "FROM (\n" + indent(groups, "  ") + ") AS grouped\n", ch, weight), {}};
}

}  // namespace npskit::sql
