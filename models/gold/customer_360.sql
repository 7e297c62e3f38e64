-- One row per person: who they are, their accounts, service and digital life, what their
-- relationship managers wrote, and the bank's churn-risk rule: a balance down more than 20% over
-- 90 days AND two or more complaints in 90 days AND no app login for 14 days (or never) is
-- HIGH_RISK; two of the three is WATCH; people who have left are CHURNED.
WITH notes AS (
  SELECT
    customer_key,
    COUNT(*) AS notes_total,
    SUM(CASE WHEN note_type IN ('warning', 'negative') AND note_date > tenure_add_days({{ run_date }}, -90) THEN 1 ELSE 0 END) AS concerning_notes_last_90_days,
    MAX(note_date) AS last_note_on
  FROM {{ ref('fct_customer_notes') }}
  WHERE customer_key IS NOT NULL
  GROUP BY customer_key
),
last_note AS (
  SELECT customer_key, note_type, note,
         ROW_NUMBER() OVER (PARTITION BY customer_key ORDER BY note_date DESC, note_id DESC) AS recency
  FROM {{ ref('fct_customer_notes') }}
  WHERE customer_key IS NOT NULL
),
signals AS (
  SELECT
    c.customer_key,
    CASE WHEN a.balance_trend_90d < -0.2 THEN 1 ELSE 0 END AS balance_falling,
    CASE WHEN s.complaints_last_90_days >= 2 THEN 1 ELSE 0 END AS complaining,
    CASE WHEN d.days_since_last_login IS NULL OR d.days_since_last_login > 14 THEN 1 ELSE 0 END AS not_logging_in
  FROM {{ ref('dim_customer') }} c
  LEFT JOIN {{ ref('agg_customer_accounts') }} a ON a.customer_key = c.customer_key
  LEFT JOIN {{ ref('agg_customer_service') }} s ON s.customer_key = c.customer_key
  LEFT JOIN {{ ref('agg_customer_digital') }} d ON d.customer_key = c.customer_key
)
SELECT
  c.customer_key,
  c.full_name,
  c.email,
  c.phone,
  c.customer_since,
  c.primary_branch,
  b.branch_name AS primary_branch_name,
  b.region,
  c.segment,
  c.status,
  c.churned_on,
  a.primary_product,
  a.primary_product_group,
  COALESCE(a.total_accounts, 0) AS total_accounts,
  COALESCE(a.total_balance, 0) AS total_balance,
  COALESCE(a.avg_monthly_transactions, 0) AS avg_monthly_transactions,
  a.balance_trend_90d,
  a.days_since_last_transaction,
  s.total_complaints_lifetime,
  s.complaints_last_90_days,
  s.open_cases,
  s.avg_satisfaction_score,
  d.app_logins_last_30_days,
  d.days_since_last_login,
  d.most_used_feature,
  COALESCE(n.notes_total, 0) AS notes_total,
  COALESCE(n.concerning_notes_last_90_days, 0) AS concerning_notes_last_90_days,
  n.last_note_on,
  ln.note_type AS last_note_type,
  ln.note AS last_note,
  g.balance_falling + g.complaining + g.not_logging_in AS risk_signals,
  CASE
    WHEN c.status = 'churned' THEN 'CHURNED'
    WHEN g.balance_falling + g.complaining + g.not_logging_in = 3 THEN 'HIGH_RISK'
    WHEN g.balance_falling + g.complaining + g.not_logging_in = 2 THEN 'WATCH'
    ELSE 'NORMAL'
  END AS churn_risk_flag
FROM {{ ref('dim_customer') }} c
JOIN signals g ON g.customer_key = c.customer_key
JOIN {{ ref('agg_customer_service') }} s ON s.customer_key = c.customer_key
JOIN {{ ref('agg_customer_digital') }} d ON d.customer_key = c.customer_key
LEFT JOIN {{ ref('agg_customer_accounts') }} a ON a.customer_key = c.customer_key
LEFT JOIN {{ ref('dim_branch') }} b ON b.branch_code = c.primary_branch
LEFT JOIN notes n ON n.customer_key = c.customer_key
LEFT JOIN last_note ln ON ln.customer_key = c.customer_key AND ln.recency = 1
