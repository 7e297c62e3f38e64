-- Relationship managers' notes from the shared sheet, cleaned: the free-typed date parsed, the
-- branch spelling resolved, the customer's name, e-mail and phone standardised, and each note
-- typed (negative, warning, positive, else neutral) by the keyword seed note_keywords: the
-- first matching keyword by priority wins.
SELECT
  CAST(n._sheet_row AS INTEGER) AS note_id,
  tenure_date(n."Date") AS note_date,
  NULLIF(TRIM(n."Date"), '') AS note_date_raw,
  b.branch_code,
  NULLIF(TRIM(n."Branch"), '') AS branch_raw,
  tenure_person_name(n."Customer", 'full') AS customer_name,
  -- The only hint of who a note means when it says `Mr. Smith`: the title's gender.
  CASE WHEN lower(TRIM(n."Customer")) LIKE 'mr.%' OR lower(TRIM(n."Customer")) LIKE 'mr %' THEN 'male'
       WHEN lower(TRIM(n."Customer")) LIKE 'mrs%' OR lower(TRIM(n."Customer")) LIKE 'ms%' OR lower(TRIM(n."Customer")) LIKE 'miss %' THEN 'female'
  END AS customer_gender,
  tenure_email(n."Email") AS email,
  tenure_phone(n."Phone") AS phone,
  NULLIF(TRIM(n."Relationship Manager"), '') AS relationship_manager,
  n."Note" AS note,
  NULLIF(NULLIF(TRIM(n."Follow Up"), ''), 'None') AS follow_up,
  COALESCE((
    SELECT k.note_type FROM {{ ref('note_keywords') }} k
    WHERE lower(n."Note") LIKE '%' || k.keyword || '%'
    ORDER BY CAST(k.priority AS INTEGER), k.keyword
    LIMIT 1
  ), 'neutral') AS note_type
FROM {{ source('sheets', 'customer_notes') }} n
LEFT JOIN {{ ref('branch_names') }} b ON b.alias_key = lower(tenure_regexp_replace(n."Branch", '[^A-Za-z0-9]', ''))
WHERE COALESCE(tenure_date(n."Date"), {{ run_date }}) <= {{ run_date }}
