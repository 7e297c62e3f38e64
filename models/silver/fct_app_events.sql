{{ config(materialized='incremental', unique_key='event_id') }}
-- One row per in-app event by the run date, with its person. The largest table of all, so it is
-- incremental: a run adds the events landed since the last one, and those the last run date
-- left out, instead of rebuilding millions of rows.
SELECT
  e.id AS event_id,
  e.session_id,
  e.user_id AS app_user_id,
  x.customer_key,
  e.event_type,
  tenure_timestamp(e.event_timestamp) AS event_at,
  tenure_date(e.event_timestamp) AS event_date,
  e._ingested_at AS loaded_at
FROM {{ source('supabase', 'app_events') }} e
LEFT JOIN {{ ref('customer_xref') }} x ON x.source_system = 'supabase' AND x.source_id = e.user_id
WHERE tenure_date(e.event_timestamp) <= {{ run_date }}
{% if is_incremental() %}
  AND (e._ingested_at > (SELECT MAX(loaded_at) FROM {{ this }})
       OR tenure_date(e.event_timestamp) > (SELECT MAX(event_date) FROM {{ this }}))
{% endif %}
