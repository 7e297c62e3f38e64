-- Per person, as of the run date: complaints (re-filed duplicates not counted twice), cases
-- still open, satisfaction, and contact with relationship managers.
WITH cases AS (
  SELECT
    customer_key,
    SUM(CASE WHEN is_complaint = 1 AND is_refiled = 0 THEN 1 ELSE 0 END) AS total_complaints_lifetime,
    SUM(CASE WHEN is_complaint = 1 AND is_refiled = 0 AND opened_on > tenure_add_days({{ run_date }}, -90) THEN 1 ELSE 0 END) AS complaints_last_90_days,
    SUM(CASE WHEN is_closed = 0 THEN 1 ELSE 0 END) AS open_cases,
    SUM(CASE WHEN is_escalated = 1 THEN 1 ELSE 0 END) AS escalated_cases,
    AVG(satisfaction_score) AS avg_satisfaction_score,
    MAX(CASE WHEN is_complaint = 1 THEN opened_on END) AS last_complaint_on
  FROM {{ ref('fct_complaints') }}
  WHERE customer_key IS NOT NULL
  GROUP BY customer_key
),
interactions AS (
  SELECT customer_key, SUM(CASE WHEN activity_date > tenure_add_days({{ run_date }}, -90) THEN 1 ELSE 0 END) AS interactions_last_90_days
  FROM {{ ref('fct_interactions') }}
  WHERE customer_key IS NOT NULL
  GROUP BY customer_key
)
SELECT
  c.customer_key,
  COALESCE(s.total_complaints_lifetime, 0) AS total_complaints_lifetime,
  COALESCE(s.complaints_last_90_days, 0) AS complaints_last_90_days,
  COALESCE(s.open_cases, 0) AS open_cases,
  COALESCE(s.escalated_cases, 0) AS escalated_cases,
  s.avg_satisfaction_score,
  s.last_complaint_on,
  COALESCE(i.interactions_last_90_days, 0) AS interactions_last_90_days
FROM {{ ref('dim_customer') }} c
LEFT JOIN cases s ON s.customer_key = c.customer_key
LEFT JOIN interactions i ON i.customer_key = c.customer_key
