-- The executive dashboard's daily series: for each of the 180 days up to the run date and each
-- branch and segment, the customers the bank had (joined by then and not yet left), those who
-- joined and left that day, the customers active that day (a transaction or an app session),
-- complaints opened, app logins, and, on the run date's row only, the customers at HIGH_RISK
-- and WATCH by the churn-risk rule (null on earlier days: customer_360 is as of the run date).
WITH RECURSIVE days (day) AS (
  SELECT tenure_add_days({{ run_date }}, -179)
  UNION ALL
  SELECT tenure_add_days(day, 1) FROM days WHERE day < {{ run_date }}
),
people AS (
  SELECT customer_key, COALESCE(primary_branch, 'UNKNOWN') AS branch_code, COALESCE(segment, 'Unknown') AS segment,
         customer_since, churned_on
  FROM {{ ref('dim_customer') }}
),
base AS (
  SELECT d.day, p.branch_code, p.segment,
         SUM(CASE WHEN p.customer_since <= d.day AND (p.churned_on IS NULL OR p.churned_on > d.day) THEN 1 ELSE 0 END) AS customers,
         SUM(CASE WHEN p.customer_since = d.day THEN 1 ELSE 0 END) AS new_customers,
         SUM(CASE WHEN p.churned_on = d.day THEN 1 ELSE 0 END) AS churned_customers
  FROM days d CROSS JOIN people p
  GROUP BY d.day, p.branch_code, p.segment
),
activity AS (
  SELECT day, branch_code, segment, COUNT(DISTINCT customer_key) AS active_customers
  FROM (
    SELECT t.transaction_date AS day, t.customer_key FROM {{ ref('fct_transactions') }} t
    WHERE t.transaction_date > tenure_add_days({{ run_date }}, -180)
    UNION ALL
    SELECT s.session_date, s.customer_key FROM {{ ref('fct_app_sessions') }} s
    WHERE s.session_date > tenure_add_days({{ run_date }}, -180)
  ) touches
  JOIN people p USING (customer_key)
  GROUP BY day, branch_code, segment
),
complaints AS (
  SELECT c.opened_on AS day, p.branch_code, p.segment, COUNT(*) AS complaints
  FROM {{ ref('fct_complaints') }} c JOIN people p ON p.customer_key = c.customer_key
  WHERE c.is_complaint = 1 AND c.is_refiled = 0 AND c.opened_on > tenure_add_days({{ run_date }}, -180)
  GROUP BY c.opened_on, p.branch_code, p.segment
),
logins AS (
  SELECT s.session_date AS day, p.branch_code, p.segment, COUNT(*) AS app_logins
  FROM {{ ref('fct_app_sessions') }} s JOIN people p ON p.customer_key = s.customer_key
  WHERE s.session_date > tenure_add_days({{ run_date }}, -180)
  GROUP BY s.session_date, p.branch_code, p.segment
),
risk AS (
  SELECT COALESCE(primary_branch, 'UNKNOWN') AS branch_code, COALESCE(segment, 'Unknown') AS segment,
         SUM(CASE WHEN churn_risk_flag = 'HIGH_RISK' THEN 1 ELSE 0 END) AS high_risk_customers,
         SUM(CASE WHEN churn_risk_flag = 'WATCH' THEN 1 ELSE 0 END) AS watch_customers
  FROM {{ ref('customer_360') }}
  GROUP BY COALESCE(primary_branch, 'UNKNOWN'), COALESCE(segment, 'Unknown')
)
SELECT
  b.day,
  b.branch_code,
  br.branch_name,
  br.region,
  b.segment,
  b.customers,
  COALESCE(a.active_customers, 0) AS active_customers,
  b.new_customers,
  b.churned_customers,
  COALESCE(c.complaints, 0) AS complaints,
  COALESCE(l.app_logins, 0) AS app_logins,
  CASE WHEN b.day = {{ run_date }} THEN COALESCE(r.high_risk_customers, 0) END AS high_risk_customers,
  CASE WHEN b.day = {{ run_date }} THEN COALESCE(r.watch_customers, 0) END AS watch_customers
FROM base b
LEFT JOIN {{ ref('dim_branch') }} br ON br.branch_code = b.branch_code
LEFT JOIN activity a ON a.day = b.day AND a.branch_code = b.branch_code AND a.segment = b.segment
LEFT JOIN complaints c ON c.day = b.day AND c.branch_code = b.branch_code AND c.segment = b.segment
LEFT JOIN logins l ON l.day = b.day AND l.branch_code = b.branch_code AND l.segment = b.segment
LEFT JOIN risk r ON r.branch_code = b.branch_code AND r.segment = b.segment
