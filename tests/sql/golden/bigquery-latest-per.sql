-- npskit tallies (docs/scale.md), format 1, dialect bigquery: run it and save the result as CSV or JSON, then `npskit analyze` it.
SELECT
  1 AS npskit_tallies,
  'month' AS period_unit,
  g0 AS period,
  g1 AS `Country`,
  g2 AS `Plan`,
  CAST(SUM(CASE WHEN sc = 0 THEN n ELSE 0 END) AS INT64) AS s0,
  CAST(SUM(CASE WHEN sc = 1 THEN n ELSE 0 END) AS INT64) AS s1,
  CAST(SUM(CASE WHEN sc = 2 THEN n ELSE 0 END) AS INT64) AS s2,
  CAST(SUM(CASE WHEN sc = 3 THEN n ELSE 0 END) AS INT64) AS s3,
  CAST(SUM(CASE WHEN sc = 4 THEN n ELSE 0 END) AS INT64) AS s4,
  CAST(SUM(CASE WHEN sc = 5 THEN n ELSE 0 END) AS INT64) AS s5,
  CAST(SUM(CASE WHEN sc = 6 THEN n ELSE 0 END) AS INT64) AS s6,
  CAST(SUM(CASE WHEN sc = 7 THEN n ELSE 0 END) AS INT64) AS s7,
  CAST(SUM(CASE WHEN sc = 8 THEN n ELSE 0 END) AS INT64) AS s8,
  CAST(SUM(CASE WHEN sc = 9 THEN n ELSE 0 END) AS INT64) AS s9,
  CAST(SUM(CASE WHEN sc = 10 THEN n ELSE 0 END) AS INT64) AS s10,
  CAST(SUM(CASE WHEN sc = -1 THEN n ELSE 0 END) AS INT64) AS blank,
  CAST(SUM(CASE WHEN sc = -2 THEN n ELSE 0 END) AS INT64) AS rejected
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
      SELECT sc, p0, c1, c2
      FROM (
        SELECT sc, p0, c1, c2,
          CASE WHEN sc >= 0 AND person <> '' THEN 1 ELSE 0 END AS rankable,
          ROW_NUMBER() OVER (PARTITION BY CASE WHEN sc >= 0 AND person <> '' THEN person END ORDER BY answered_at DESC) AS rn
        FROM (
          SELECT
            CASE WHEN st IS NULL OR st = '' THEN -1 WHEN REGEXP_CONTAINS(st, r'^(-0+|0*([0-9]|10))([.,]0+)?$') THEN CAST(SAFE_CAST(REPLACE(st, ',', '.') AS FLOAT64) AS INT64) ELSE -2 END AS sc,
            p0, c1, c2, person, answered_at
          FROM (
            SELECT
              TRIM(CAST(`Likely to recommend` AS STRING)) AS st,
              COALESCE(FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`Submitted At`), MONTH)), '') AS p0,
              COALESCE(TRIM(CAST(`Country` AS STRING)), '') AS c1,
              COALESCE(TRIM(CAST(`Plan` AS STRING)), '') AS c2,
              COALESCE(TRIM(CAST(`Respondent ID` AS STRING)), '') AS person,
              `Submitted At` AS answered_at
            FROM `my-project`.`survey`.`responses`
          ) AS cells
        ) AS scored
      ) AS ranked
      WHERE rankable = 0 OR rn = 1
    ) AS kept
    GROUP BY sc, p0, c1, c2
  ) AS counted
) AS grouped
GROUP BY g0, g1, g2
ORDER BY g0, g1, g2
