#pragma once
// One SQL query, in the dialect of the user's engine, whose result is a tallies
// file (docs/scale.md): the heavy GROUP BY runs where the data lives and npskit
// does the statistics after. The score rule is npskit's own (values/score.hpp),
// restricted to plain numbers:
//   blank     NULL or empty after trimming spaces            -> counted in `blank`
//   a score   -?digits with an optional all-zero fraction (. or ,), value 0..10
//   rejected  anything else: non-integers (9.5), out of range (11, -1), non-numeric
//             ("n/a", and labels such as "10 - Extremely likely")  -> `rejected`
// Rejected rows are counted in the undated group with every segment blank, as
// `npskit tally` counts them, so both give the same file.
#include <optional>
#include <string>
#include <vector>

#include "core/values/civil_date.hpp"

namespace npskit::sql {

enum class Dialect { duckdb, postgres, clickhouse, bigquery, snowflake, spark, redshift };
std::optional<Dialect> parse_dialect(std::string_view name);
const char* dialect_name(Dialect d);

struct TalliesQuery {
  Dialect dialect = Dialect::duckdb;
  std::string table;                 // may be qualified: db.schema.table (each part is quoted)
  std::string score;                 // the 0-10 column (any type: it is read as text)
  std::string date;                  // a DATE or TIMESTAMP column; "" for no period
  std::vector<std::string> by;       // segment columns
  std::optional<Period> period = Period::month;  // none: no period column
  std::string latest_per;            // person id column: keep each person's latest valid response
};

struct GeneratedSql {
  std::string sql;
  std::string error;  // non-empty: the options are unusable (names the option)
};

GeneratedSql tallies_sql(const TalliesQuery& q);

}  // namespace npskit::sql
