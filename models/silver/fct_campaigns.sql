-- One row per local campaign from the branches' sheet: dates parsed, branch and region
-- reconciled, counts and budget read as numbers ("$5,500.00" is 5500).
SELECT
  c."Campaign ID" AS campaign_id,
  c."Campaign" AS campaign_name,
  b.branch_code,
  COALESCE(d.region, r.region) AS region,
  c."Channel" AS channel,
  tenure_date(c."Start Date") AS start_date,
  tenure_date(c."End Date") AS end_date,
  c."Target Segment" AS target_segment,
  tenure_number(c."Customers Targeted") AS customers_targeted,
  tenure_number(c."Responses") AS responses,
  CASE WHEN tenure_number(c."Customers Targeted") > 0
       THEN tenure_number(c."Responses") / tenure_number(c."Customers Targeted") END AS response_rate,
  tenure_number(c."Budget (USD)") AS budget_usd,
  NULLIF(TRIM(c."Owner"), '') AS owner
FROM {{ source('sheets', 'campaigns') }} c
LEFT JOIN {{ ref('branch_names') }} b ON b.alias_key = lower(tenure_regexp_replace(c."Branch", '[^A-Za-z0-9]', ''))
LEFT JOIN {{ ref('dim_branch') }} d ON d.branch_code = b.branch_code
LEFT JOIN {{ ref('regions') }} r ON r.region_code = UPPER(SUBSTR(TRIM(c."Region"), 1, 1))
WHERE COALESCE(tenure_date(c."Start Date"), {{ run_date }}) <= {{ run_date }}
