-- One row per CRM activity (calls, e-mails, meetings) by the run date, with its person.
SELECT
  t."Id" AS interaction_id,
  x.customer_key,
  NULLIF(TRIM(t."WhoId"), '') AS sf_contact_id,
  t."Type" AS interaction_type,
  t."Subject" AS subject,
  t."Status" AS status,
  tenure_date(t."ActivityDate") AS activity_date,
  tenure_timestamp(t."CompletedDateTime") AS completed_at,
  tenure_timestamp(t."CreatedDate") AS created_at
FROM {{ source('salesforce', 'tasks') }} t
LEFT JOIN {{ ref('customer_xref') }} x ON x.source_system = 'salesforce' AND x.source_id = t."WhoId"
WHERE COALESCE(t."IsDeleted", 'false') <> 'true'
  AND tenure_date(t."CreatedDate") <= {{ run_date }}
