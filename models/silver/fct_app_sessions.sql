-- One row per mobile-app session by the run date, with its person. Each session is one login.
SELECT
  s.id AS session_id,
  s.user_id AS app_user_id,
  x.customer_key,
  tenure_timestamp(s.session_start) AS started_at,
  tenure_timestamp(s.session_end) AS ended_at,
  tenure_date(s.session_start) AS session_date,
  s.device_type,
  s.platform,
  s.app_version
FROM {{ source('supabase', 'app_sessions') }} s
LEFT JOIN {{ ref('customer_xref') }} x ON x.source_system = 'supabase' AND x.source_id = s.user_id
WHERE tenure_date(s.session_start) <= {{ run_date }}
