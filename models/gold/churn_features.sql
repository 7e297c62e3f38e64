-- Point-in-time churn features: one row per customer and cutoff of gold.churn_snapshots, each
-- computed only from days BEFORE the cutoff, and the label: did the customer churn in the
-- horizon from the cutoff (null at the scoring cutoff, whose future is not known yet).
--
-- Churn is read from the records, as the bank defines it (tenure.yml, churn:): the relationship
-- closed (the account-closure transaction), or no activity — transaction, app session or case —
-- for inactivity_days. Customers who had already gone at a cutoff are not in its snapshot, nor
-- are people who were not yet customers.
--
-- The per-cutoff aggregates are MATERIALIZED (SQLite and PostgreSQL both read the hint): SQLite
-- then indexes them for the joins below instead of re-running each once per customer and cutoff,
-- which made this model quadratic in the number of customers.
WITH snapshots AS (
  SELECT
    -- An integer, as the date functions take on PostgreSQL (a Swift model's integers are BIGINT there).
    cutoff_date, snapshot_role, label_until, CAST(inactivity_days AS INTEGER) AS inactivity_days,
    tenure_add_days(cutoff_date, -30) AS d30,
    tenure_add_days(cutoff_date, -90) AS d90,
    tenure_add_days(cutoff_date, -180) AS d180,
    tenure_add_days(cutoff_date, -365) AS d365,
    tenure_add_days(cutoff_date, -CAST(inactivity_days AS INTEGER)) AS quiet_since
  FROM {{ ref('churn_snapshots') }}
),
activity AS MATERIALIZED (
  SELECT customer_key, transaction_date AS activity_date FROM {{ ref('fct_transactions') }} WHERE customer_key IS NOT NULL
  UNION
  SELECT customer_key, session_date FROM {{ ref('fct_app_sessions') }} WHERE customer_key IS NOT NULL
  UNION
  SELECT customer_key, opened_on FROM {{ ref('fct_complaints') }} WHERE customer_key IS NOT NULL
),
-- When each customer churned, if they did: closed, or gone quiet for inactivity_days by the run date.
churn_events AS (
  SELECT
    c.customer_key,
    c.churned_on AS closed_on,
    CASE WHEN tenure_add_days(MAX(a.activity_date), MAX(s.inactivity_days)) <= {{ run_date }}
         THEN tenure_add_days(MAX(a.activity_date), MAX(s.inactivity_days)) END AS went_quiet_on
  FROM {{ ref('dim_customer') }} c
  CROSS JOIN (SELECT MAX(inactivity_days) AS inactivity_days FROM snapshots) s
  LEFT JOIN activity a ON a.customer_key = c.customer_key
  GROUP BY c.customer_key, c.churned_on
),
churn AS MATERIALIZED (
  SELECT customer_key,
         CASE WHEN closed_on IS NULL THEN went_quiet_on
              WHEN went_quiet_on IS NULL OR closed_on <= went_quiet_on THEN closed_on
              ELSE went_quiet_on END AS churned_on
  FROM churn_events
),
recent_activity AS MATERIALIZED (
  SELECT s.cutoff_date, a.customer_key, MAX(a.activity_date) AS last_active_on
  FROM snapshots s
  JOIN activity a ON a.activity_date < s.cutoff_date AND a.activity_date >= s.quiet_since
  GROUP BY s.cutoff_date, a.customer_key
),
population AS (
  SELECT s.*, c.customer_key, c.customer_since, c.primary_branch, c.segment, c.birth_date, ch.churned_on, r.last_active_on
  FROM snapshots s
  CROSS JOIN {{ ref('dim_customer') }} c
  JOIN churn ch ON ch.customer_key = c.customer_key
  LEFT JOIN recent_activity r ON r.cutoff_date = s.cutoff_date AND r.customer_key = c.customer_key
  WHERE c.customer_since < s.cutoff_date
    AND (c.churned_on IS NULL OR c.churned_on >= s.cutoff_date)
    -- quiet for inactivity_days already: gone, unless they only just joined
    AND (r.last_active_on IS NOT NULL OR c.customer_since >= s.quiet_since)
),
transactions AS MATERIALIZED (
  SELECT
    s.cutoff_date, t.customer_key,
    SUM(t.amount) AS balance,
    SUM(CASE WHEN t.transaction_date < s.d90 THEN t.amount ELSE 0 END) AS balance_90d_ago,
    SUM(CASE WHEN t.transaction_date >= s.d90 THEN 1 ELSE 0 END) AS transactions_last_90d,
    SUM(CASE WHEN t.transaction_date >= s.d180 AND t.transaction_date < s.d90 THEN 1 ELSE 0 END) AS transactions_prev_90d,
    SUM(CASE WHEN t.transaction_date >= s.d90 AND t.amount < 0 THEN 1 ELSE 0 END) AS outflows_last_90d,
    COUNT(DISTINCT t.product_code) AS product_count,
    MAX(t.transaction_date) AS last_transaction_on
  FROM snapshots s
  JOIN {{ ref('fct_transactions') }} t ON t.transaction_date < s.cutoff_date
  WHERE t.customer_key IS NOT NULL
  GROUP BY s.cutoff_date, t.customer_key
),
cases AS MATERIALIZED (
  SELECT
    s.cutoff_date, f.customer_key,
    SUM(CASE WHEN f.is_complaint = 1 AND f.is_refiled = 0 AND f.opened_on >= s.d30 THEN 1 ELSE 0 END) AS complaints_last_30_days,
    SUM(CASE WHEN f.is_complaint = 1 AND f.is_refiled = 0 AND f.opened_on >= s.d90 THEN 1 ELSE 0 END) AS complaints_last_90_days,
    SUM(CASE WHEN f.is_complaint = 1 AND f.is_refiled = 0 THEN 1 ELSE 0 END) AS complaints_lifetime,
    SUM(CASE WHEN f.closed_at IS NULL OR SUBSTR(f.closed_at, 1, 10) >= s.cutoff_date THEN 1 ELSE 0 END) AS open_cases,
    SUM(CASE WHEN f.is_escalated = 1 AND f.opened_on >= s.d180 THEN 1 ELSE 0 END) AS escalations_last_180_days,
    MAX(CASE WHEN f.is_complaint = 1 AND SUBSTR(f.closed_at, 1, 10) < s.cutoff_date THEN SUBSTR(f.closed_at, 1, 10) END) AS last_complaint_resolved_on,
    AVG(CASE WHEN SUBSTR(f.closed_at, 1, 10) < s.cutoff_date THEN f.satisfaction_score END) AS avg_case_satisfaction
  FROM snapshots s
  JOIN {{ ref('fct_complaints') }} f ON f.opened_on < s.cutoff_date
  WHERE f.customer_key IS NOT NULL
  GROUP BY s.cutoff_date, f.customer_key
),
-- How the customer's branch treats people: satisfaction on cases closed there in the past year.
branch_satisfaction AS MATERIALIZED (
  SELECT s.cutoff_date, c.primary_branch, AVG(f.satisfaction_score) AS branch_satisfaction_score
  FROM snapshots s
  JOIN {{ ref('fct_complaints') }} f ON SUBSTR(f.closed_at, 1, 10) < s.cutoff_date AND SUBSTR(f.closed_at, 1, 10) >= s.d365
  JOIN {{ ref('dim_customer') }} c ON c.customer_key = f.customer_key
  GROUP BY s.cutoff_date, c.primary_branch
),
sessions AS MATERIALIZED (
  SELECT
    s.cutoff_date, a.customer_key,
    SUM(CASE WHEN a.session_date >= s.d30 THEN 1 ELSE 0 END) AS app_logins_last_30_days,
    SUM(CASE WHEN a.session_date >= s.d90 THEN 1 ELSE 0 END) AS app_logins_last_90_days,
    SUM(CASE WHEN a.session_date >= s.d180 AND a.session_date < s.d90 THEN 1 ELSE 0 END) AS app_logins_prev_90_days,
    MAX(a.session_date) AS last_login_on
  FROM snapshots s
  JOIN {{ ref('fct_app_sessions') }} a ON a.session_date < s.cutoff_date AND a.session_date >= s.d365
  WHERE a.customer_key IS NOT NULL
  GROUP BY s.cutoff_date, a.customer_key
),
-- App events per account and day first: the range join below then reads days, not events.
event_days AS MATERIALIZED (
  SELECT app_user_id, event_date, COUNT(*) AS events,
         SUM(CASE WHEN event_type = 'contact_support' THEN 1 ELSE 0 END) AS support_contacts
  FROM {{ ref('fct_app_events') }}
  WHERE event_date >= tenure_add_days((SELECT MIN(cutoff_date) FROM snapshots), -90)
  GROUP BY app_user_id, event_date
),
events AS MATERIALIZED (
  SELECT s.cutoff_date, x.customer_key, SUM(e.events) AS app_events_last_90_days, SUM(e.support_contacts) AS support_contacts_last_90_days
  FROM snapshots s
  JOIN event_days e ON e.event_date < s.cutoff_date AND e.event_date >= s.d90
  JOIN {{ ref('customer_xref') }} x ON x.source_system = 'supabase' AND x.source_id = e.app_user_id
  WHERE x.customer_key IS NOT NULL
  GROUP BY s.cutoff_date, x.customer_key
),
notes AS MATERIALIZED (
  SELECT
    s.cutoff_date, n.customer_key,
    SUM(CASE WHEN n.note_type = 'negative' THEN 1 ELSE 0 END) AS negative_notes_last_180_days,
    SUM(CASE WHEN n.note_type = 'warning' THEN 1 ELSE 0 END) AS warning_notes_last_180_days,
    SUM(CASE WHEN n.note_type = 'positive' THEN 1 ELSE 0 END) AS positive_notes_last_180_days
  FROM snapshots s
  JOIN {{ ref('fct_customer_notes') }} n ON n.note_date < s.cutoff_date AND n.note_date >= s.d180
  WHERE n.customer_key IS NOT NULL
  GROUP BY s.cutoff_date, n.customer_key
),
interactions AS MATERIALIZED (
  SELECT s.cutoff_date, i.customer_key, COUNT(*) AS interactions_last_90_days
  FROM snapshots s
  JOIN {{ ref('fct_interactions') }} i ON i.activity_date < s.cutoff_date AND i.activity_date >= s.d90
  WHERE i.customer_key IS NOT NULL
  GROUP BY s.cutoff_date, i.customer_key
),
assembled AS (
  SELECT
    p.customer_key,
    p.cutoff_date,
    p.snapshot_role,
    tenure_days_between(p.customer_since, p.cutoff_date) / 30.4375 AS tenure_months,
    tenure_days_between(p.birth_date, p.cutoff_date) / 365.25 AS age_years,
    CASE WHEN p.segment = 'Premier' THEN 1 ELSE 0 END AS is_premier,
    CASE WHEN p.segment = 'Private Banking' THEN 1 ELSE 0 END AS is_private_banking,
    COALESCE(t.balance, 0) AS balance,
    CASE WHEN t.balance_90d_ago > 0 THEN (t.balance - t.balance_90d_ago) / t.balance_90d_ago END AS balance_trend_90d,
    COALESCE(t.transactions_last_90d, 0) AS transactions_last_90d,
    CASE WHEN t.transactions_prev_90d > 0
         THEN (t.transactions_last_90d - t.transactions_prev_90d) * 1.0 / t.transactions_prev_90d END AS transaction_frequency_change,
    CASE WHEN t.transactions_last_90d > 0 THEN t.outflows_last_90d * 1.0 / t.transactions_last_90d END AS outflow_share_90d,
    tenure_days_between(t.last_transaction_on, p.cutoff_date) AS days_since_last_transaction,
    COALESCE(t.product_count, 0) AS product_count,
    COALESCE(c.complaints_last_30_days, 0) AS complaints_last_30_days,
    COALESCE(c.complaints_last_90_days, 0) AS complaints_last_90_days,
    COALESCE(c.complaints_lifetime, 0) AS complaints_lifetime,
    COALESCE(c.open_cases, 0) AS open_cases,
    COALESCE(c.escalations_last_180_days, 0) AS escalations_last_180_days,
    tenure_days_between(c.last_complaint_resolved_on, p.cutoff_date) AS days_since_last_complaint_resolved,
    c.avg_case_satisfaction,
    b.branch_satisfaction_score,
    COALESCE(a.app_logins_last_30_days, 0) AS app_logins_last_30_days,
    COALESCE(a.app_logins_last_90_days, 0) AS app_logins_last_90_days,
    CASE WHEN a.app_logins_prev_90_days > 0
         THEN (a.app_logins_last_90_days - a.app_logins_prev_90_days) * 1.0 / a.app_logins_prev_90_days END AS app_login_frequency_change,
    tenure_days_between(a.last_login_on, p.cutoff_date) AS days_since_last_login,
    CASE WHEN a.app_logins_last_90_days > 0 THEN COALESCE(e.app_events_last_90_days, 0) * 1.0 / a.app_logins_last_90_days END AS app_events_per_session_90d,
    COALESCE(e.support_contacts_last_90_days, 0) AS support_contacts_last_90_days,
    COALESCE(n.negative_notes_last_180_days, 0) AS negative_notes_last_180_days,
    COALESCE(n.warning_notes_last_180_days, 0) AS warning_notes_last_180_days,
    COALESCE(n.positive_notes_last_180_days, 0) AS positive_notes_last_180_days,
    COALESCE(i.interactions_last_90_days, 0) AS interactions_last_90_days,
    tenure_days_between(p.last_active_on, p.cutoff_date) AS days_since_last_activity,
    CASE WHEN t.balance_90d_ago > 0 AND (t.balance - t.balance_90d_ago) < -0.2 * t.balance_90d_ago THEN 1 ELSE 0 END AS rule_balance_falling,
    CASE WHEN COALESCE(c.complaints_last_90_days, 0) >= 2 THEN 1 ELSE 0 END AS rule_complaining,
    CASE WHEN a.last_login_on IS NULL OR tenure_days_between(a.last_login_on, p.cutoff_date) > 14 THEN 1 ELSE 0 END AS rule_not_logging_in,
    CASE WHEN p.snapshot_role = 'score' THEN NULL
         WHEN p.churned_on IS NOT NULL AND p.churned_on < p.label_until THEN 1 ELSE 0 END AS churned_in_horizon
  FROM population p
  LEFT JOIN transactions t ON t.cutoff_date = p.cutoff_date AND t.customer_key = p.customer_key
  LEFT JOIN cases c ON c.cutoff_date = p.cutoff_date AND c.customer_key = p.customer_key
  LEFT JOIN branch_satisfaction b ON b.cutoff_date = p.cutoff_date AND b.primary_branch = p.primary_branch
  LEFT JOIN sessions a ON a.cutoff_date = p.cutoff_date AND a.customer_key = p.customer_key
  LEFT JOIN events e ON e.cutoff_date = p.cutoff_date AND e.customer_key = p.customer_key
  LEFT JOIN notes n ON n.cutoff_date = p.cutoff_date AND n.customer_key = p.customer_key
  LEFT JOIN interactions i ON i.cutoff_date = p.cutoff_date AND i.customer_key = p.customer_key
)
SELECT
  *,
  -- The bank's rule (customer_360's churn_risk_flag) at the cutoff, as a score to compare with.
  rule_balance_falling + rule_complaining + rule_not_logging_in AS rule_signals
FROM assembled
