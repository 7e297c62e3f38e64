-- On the run date, the dashboard's customer count per branch and segment equals the active
-- people in dim_customer who had joined by then.
WITH dashboard AS (
  SELECT branch_code, segment, customers FROM {{ ref('dashboard_daily_metrics') }}
  WHERE day = (SELECT MAX(day) FROM {{ ref('dashboard_daily_metrics') }})
),
people AS (
  SELECT COALESCE(primary_branch, 'UNKNOWN') AS branch_code, COALESCE(segment, 'Unknown') AS segment, COUNT(*) AS customers
  FROM {{ ref('dim_customer') }}
  WHERE status = 'active'
  GROUP BY COALESCE(primary_branch, 'UNKNOWN'), COALESCE(segment, 'Unknown')
)
SELECT p.branch_code, p.segment, p.customers AS expected, d.customers AS reported
FROM people p LEFT JOIN dashboard d ON d.branch_code = p.branch_code AND d.segment = p.segment
WHERE d.customers IS NULL OR d.customers <> p.customers
