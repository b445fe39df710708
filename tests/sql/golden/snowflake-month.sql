-- npskit tallies (docs/scale.md), format 1, dialect snowflake: run it and save the result as CSV or JSON, then `npskit analyze` it.
SELECT
  1 AS npskit_tallies,
  'month' AS period_unit,
  g0 AS period,
  g1 AS "Country",
  g2 AS "Plan",
  CAST(SUM(CASE WHEN sc = 0 THEN n ELSE 0 END) AS BIGINT) AS s0,
  CAST(SUM(CASE WHEN sc = 1 THEN n ELSE 0 END) AS BIGINT) AS s1,
  CAST(SUM(CASE WHEN sc = 2 THEN n ELSE 0 END) AS BIGINT) AS s2,
  CAST(SUM(CASE WHEN sc = 3 THEN n ELSE 0 END) AS BIGINT) AS s3,
  CAST(SUM(CASE WHEN sc = 4 THEN n ELSE 0 END) AS BIGINT) AS s4,
  CAST(SUM(CASE WHEN sc = 5 THEN n ELSE 0 END) AS BIGINT) AS s5,
  CAST(SUM(CASE WHEN sc = 6 THEN n ELSE 0 END) AS BIGINT) AS s6,
  CAST(SUM(CASE WHEN sc = 7 THEN n ELSE 0 END) AS BIGINT) AS s7,
  CAST(SUM(CASE WHEN sc = 8 THEN n ELSE 0 END) AS BIGINT) AS s8,
  CAST(SUM(CASE WHEN sc = 9 THEN n ELSE 0 END) AS BIGINT) AS s9,
  CAST(SUM(CASE WHEN sc = 10 THEN n ELSE 0 END) AS BIGINT) AS s10,
  CAST(SUM(CASE WHEN sc = -1 THEN n ELSE 0 END) AS BIGINT) AS blank,
  CAST(SUM(CASE WHEN sc = -2 THEN n ELSE 0 END) AS BIGINT) AS rejected
FROM (
  SELECT
    sc,
    CASE WHEN sc = -2 THEN '' ELSE p0 END AS g0,
    CASE WHEN sc = -2 THEN '' ELSE c1 END AS g1,
    CASE WHEN sc = -2 THEN '' ELSE c2 END AS g2,
    n
  FROM (
    SELECT sc, p0, c1, c2, COUNT(*) AS n
    FROM (
      SELECT
        CASE WHEN st IS NULL OR st = '' THEN -1 WHEN REGEXP_LIKE(st, '^(-0+|0*([0-9]|10))([.,]0+)?$') THEN CAST(TRY_CAST(REPLACE(st, ',', '.') AS DOUBLE) AS INTEGER) ELSE -2 END AS sc,
        p0, c1, c2
      FROM (
        SELECT
          TRIM(CAST("Likely to recommend" AS VARCHAR)) AS st,
          COALESCE(TO_CHAR(DATE_TRUNC('month', "Submitted At"), 'YYYY-MM-DD'), '') AS p0,
          COALESCE(TRIM(CAST("Country" AS VARCHAR)), '') AS c1,
          COALESCE(TRIM(CAST("Plan" AS VARCHAR)), '') AS c2
        FROM "ANALYTICS"."SURVEY"."RESPONSES"
      ) AS cells
    ) AS kept
    GROUP BY sc, p0, c1, c2
  ) AS counted
) AS grouped
GROUP BY g0, g1, g2
ORDER BY g0, g1, g2
