-- Per person, as of the run date: app logins (sessions), how long since the last one, and the
-- feature (event type) used most over the last 90 days, ties broken alphabetically.
WITH sessions AS (
  SELECT
    customer_key,
    SUM(CASE WHEN session_date > tenure_add_days({{ run_date }}, -30) THEN 1 ELSE 0 END) AS app_logins_last_30_days,
    SUM(CASE WHEN session_date > tenure_add_days({{ run_date }}, -90) THEN 1 ELSE 0 END) AS app_logins_last_90_days,
    MAX(session_date) AS last_login_on
  FROM {{ ref('fct_app_sessions') }}
  WHERE customer_key IS NOT NULL
  GROUP BY customer_key
),
features AS (
  SELECT x.customer_key, e.event_type,
         ROW_NUMBER() OVER (PARTITION BY x.customer_key ORDER BY COUNT(*) DESC, e.event_type) AS usage_rank
  FROM {{ ref('fct_app_events') }} e
  JOIN {{ ref('customer_xref') }} x ON x.source_system = 'supabase' AND x.source_id = e.app_user_id
  WHERE x.customer_key IS NOT NULL AND e.event_date > tenure_add_days({{ run_date }}, -90)
  GROUP BY x.customer_key, e.event_type
)
SELECT
  c.customer_key,
  COALESCE(s.app_logins_last_30_days, 0) AS app_logins_last_30_days,
  COALESCE(s.app_logins_last_90_days, 0) AS app_logins_last_90_days,
  s.last_login_on,
  tenure_days_between(s.last_login_on, {{ run_date }}) AS days_since_last_login,
  f.event_type AS most_used_feature
FROM {{ ref('dim_customer') }} c
LEFT JOIN sessions s ON s.customer_key = c.customer_key
LEFT JOIN features f ON f.customer_key = c.customer_key AND f.usage_rank = 1
