-- Mobile-app accounts, as the app's sessions know them (Supabase exports no user table):
-- the account's e-mail address, standardised, and when it was first and last seen.
SELECT
  user_id AS app_user_id,
  MIN(tenure_email(user_email)) AS email,
  MIN(tenure_timestamp(session_start)) AS first_seen_at,
  MAX(tenure_timestamp(session_start)) AS last_seen_at,
  COUNT(*) AS sessions
FROM {{ source('supabase', 'app_sessions') }}
WHERE tenure_date(session_start) <= {{ run_date }}
GROUP BY user_id
