{{ config(materialized='incremental', unique_key='event_id') }}
-- One row per in-app event by the run date. The largest table of all, so it is incremental: a run
-- adds the events landed since the last one, and those the last run date left out, instead of
-- rebuilding millions of rows. For the same reason it holds the app account, not the person:
-- entity resolution may move an account to another person on any run (a review, a new record
-- bridging two), and merged rows would keep a stale key; readers join customer_xref.
SELECT
  e.id AS event_id,
  e.session_id,
  e.user_id AS app_user_id,
  e.event_type,
  tenure_timestamp(e.event_timestamp) AS event_at,
  tenure_date(e.event_timestamp) AS event_date,
  e._ingested_at AS loaded_at
FROM {{ source('supabase', 'app_events') }} e
WHERE tenure_date(e.event_timestamp) <= {{ run_date }}
{% if is_incremental() %}
  AND (e._ingested_at > (SELECT MAX(loaded_at) FROM {{ this }})
       OR tenure_date(e.event_timestamp) > (SELECT MAX(event_date) FROM {{ this }}))
{% endif %}
