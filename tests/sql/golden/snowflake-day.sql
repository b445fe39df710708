-- npskit tallies (docs/scale.md), format 1, dialect snowflake: run it and save the result as CSV or JSON, then `npskit analyze` it.
SELECT
  1 AS npskit_tallies,
  'day' AS period_unit,
  g0 AS period,
  g1 AS "Country",
  SUM(CASE WHEN sc = 0 THEN 1 ELSE 0 END) AS s0,
  SUM(CASE WHEN sc = 1 THEN 1 ELSE 0 END) AS s1,
  SUM(CASE WHEN sc = 2 THEN 1 ELSE 0 END) AS s2,
  SUM(CASE WHEN sc = 3 THEN 1 ELSE 0 END) AS s3,
  SUM(CASE WHEN sc = 4 THEN 1 ELSE 0 END) AS s4,
  SUM(CASE WHEN sc = 5 THEN 1 ELSE 0 END) AS s5,
  SUM(CASE WHEN sc = 6 THEN 1 ELSE 0 END) AS s6,
  SUM(CASE WHEN sc = 7 THEN 1 ELSE 0 END) AS s7,
  SUM(CASE WHEN sc = 8 THEN 1 ELSE 0 END) AS s8,
  SUM(CASE WHEN sc = 9 THEN 1 ELSE 0 END) AS s9,
  SUM(CASE WHEN sc = 10 THEN 1 ELSE 0 END) AS s10,
  SUM(CASE WHEN sc = -1 THEN 1 ELSE 0 END) AS blank,
  SUM(CASE WHEN sc = -2 THEN 1 ELSE 0 END) AS rejected
FROM (
  SELECT
    sc,
    CASE WHEN sc = -2 THEN '' ELSE p0 END AS g0,
    CASE WHEN sc = -2 THEN '' ELSE c1 END AS g1
  FROM (
    SELECT
      CASE WHEN st IS NULL OR st = '' THEN -1 WHEN REGEXP_LIKE(st, '^(-0+|0*([0-9]|10))([.,]0+)?$') THEN CAST(TRY_CAST(REPLACE(st, ',', '.') AS DOUBLE) AS INTEGER) ELSE -2 END AS sc,
      p0, c1
    FROM (
      SELECT
        TRIM(CAST("Likely to recommend" AS VARCHAR)) AS st,
        COALESCE(TO_CHAR(DATE_TRUNC('day', "Submitted At"), 'YYYY-MM-DD'), '') AS p0,
        COALESCE(TRIM(CAST("Country" AS VARCHAR)), '') AS c1
      FROM "ANALYTICS"."SURVEY"."RESPONSES"
    ) AS cells
  ) AS kept
) AS grouped
GROUP BY g0, g1
ORDER BY g0, g1
