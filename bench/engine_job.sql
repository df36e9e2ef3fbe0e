-- bench/engine_job.yaml written as one DuckDB statement: the same shortlist
-- from the same file, for bench/engine_vs_duckdb.sh to time side by side.
-- '{input}' is replaced by the CSV's path.
--
-- It does what shortlist does on the data generate_applicants writes (not on
-- any data), as fast as DuckDB can: the same vocabulary of nationalities and
-- degrees; local times read in Brussels; phrases found by substring in the
-- lower-cased CV with hyphens as spaces, which on this data finds exactly the
-- phrases shortlist finds on word boundaries (no phrase occurs inside a longer
-- word there), at a fraction of the cost of a regular expression per phrase. A record whose
-- value shortlist would find missing or unreadable is `review` there and
-- never ranked, so here it is left out; so are ids repeated within a profile
-- (duplicates: review). The script compares the two shortlists.
WITH raw AS (
  SELECT * FROM read_csv('{input}', header = true, all_varchar = true, quote = '"',
                         escape = '"')
),
typed AS (
  SELECT
    applicant_id AS id,
    profile,
    -- nationality: every item must be known; one EU state passes
    list_transform(string_split(nationality, ';'), x -> CASE trim(x)
        WHEN 'FR' THEN 'FR' WHEN 'DE' THEN 'DE' WHEN 'Deutschland' THEN 'DE'
        WHEN 'Allemagne' THEN 'DE' WHEN 'Italia' THEN 'IT' WHEN 'España' THEN 'ES'
        WHEN 'Ελλάδα' THEN 'GR' WHEN 'Polska' THEN 'PL' WHEN 'Nederland' THEN 'NL'
        WHEN 'Éire' THEN 'IE' WHEN 'US' THEN 'US' WHEN 'CH' THEN 'CH' WHEN 'Norway' THEN 'NO'
        WHEN 'UK' THEN 'GB' END) AS codes,
    coalesce(nationality, '') = '' AS nat_missing,
    CASE
      WHEN coalesce(submitted_at, '') = '' THEN NULL
      WHEN regexp_matches(submitted_at, '(Z|[+-][0-9][0-9]:[0-9][0-9])$')
        THEN try_cast(submitted_at AS TIMESTAMPTZ)
      ELSE try_cast(submitted_at AS TIMESTAMP) AT TIME ZONE 'Europe/Brussels'
    END AS submitted,
    CASE degree
      WHEN 'High School' THEN 0 WHEN 'secondary' THEN 0 WHEN 'BSc' THEN 1 WHEN 'Licence' THEN 1
      WHEN 'bachelor' THEN 1 WHEN 'MSc' THEN 2 WHEN 'Master''s' THEN 2 WHEN 'master' THEN 2
      WHEN 'PhD' THEN 3 WHEN 'doctorate' THEN 3 END AS degree,
    CASE years_ai_experience
      WHEN '<1' THEN 0::DECIMAL(18, 6)
      WHEN '>20' THEN 21::DECIMAL(18, 6)
      ELSE try_cast(replace(years_ai_experience, ',', '.') AS DECIMAL(18, 6))
    END AS years,
    list_distinct(list_filter(
        list_transform(string_split(coalesce(skills, ''), ';'),
                       x -> replace(lower(trim(x)), '-', ' ')),
        x -> x <> '')) AS skills,
    replace(lower(coalesce(cv_summary, '')), '-', ' ') AS cv
  FROM raw
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nat_missing OR len(list_filter(codes, c -> c IS NULL)) > 0 THEN NULL
      ELSE len(list_filter(codes, c -> c IN ('AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE',
          'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL',
          'PT', 'RO', 'SE', 'SI', 'SK'))) > 0
    END AS eu_citizen,
    submitted <= TIMESTAMPTZ '2024-03-27 11:00:00+00' AS on_time
  FROM typed
),
tech AS (
  SELECT 'tech-specialist' AS profile, id, submitted,
    least(2 * len(list_filter(skills, s -> s IN ('machine learning', 'deep learning', 'pytorch',
            'tensorflow', 'jax', 'ai ethics', 'privacy', 'cybersecurity'))), 10)
    + 3 * ((cv LIKE '%model evaluation%')::INT + (cv LIKE '%red teaming%')::INT
           + (cv LIKE '%alignment%')::INT + (cv LIKE '%bias%')::INT
           + (cv LIKE '%disinformation%')::INT + (cv LIKE '%fairness%')::INT
           + (cv LIKE '%privacy%')::INT + (cv LIKE '%machine learning%')::INT)
    + least(years, 10) AS score,
    eu_citizen AND on_time AND years >= 1 AND degree >= 1 AS eligible,
    count(*) OVER (PARTITION BY id) AS copies
  FROM checked WHERE profile = 'tech-specialist'
),
admin AS (
  SELECT 'admin-assistant' AS profile, id, submitted,
    2 * ((cv LIKE '%member states%')::INT + (cv LIKE '%workshops%')::INT
         + (cv LIKE '%procurement%')::INT + (cv LIKE '%financial operations%')::INT
         + (cv LIKE '%meeting minutes%')::INT + (cv LIKE '%enquiries%')::INT
         + (cv LIKE '%sharepoint%')::INT + (cv LIKE '%confluence%')::INT)::DECIMAL(18, 6)
      AS score,
    eu_citizen AND on_time AND degree >= 0 AS eligible,
    count(*) OVER (PARTITION BY id) AS copies
  FROM checked WHERE profile = 'admin-assistant'
),
ranked AS (
  SELECT profile, id, score,
    row_number() OVER (PARTITION BY profile ORDER BY score DESC, submitted ASC, id ASC) AS rank
  FROM (SELECT * FROM tech UNION ALL SELECT * FROM admin)
  WHERE eligible AND copies = 1
)
SELECT profile, rank, id, score FROM ranked
WHERE rank <= CASE profile WHEN 'tech-specialist' THEN 100 ELSE 50 END
ORDER BY profile = 'admin-assistant', rank
