-- One row per CRM case by the run date, with its person. Complaints and problems count as
-- complaints; a case the same contact re-filed for the same reason within 14 days of an earlier
-- one is flagged is_refiled, so it is not counted twice.
WITH cases AS (
  SELECT
    "Id" AS case_id,
    "CaseNumber" AS case_number,
    NULLIF(TRIM("ContactId"), '') AS sf_contact_id,
    "Type" AS case_type,
    "Reason" AS reason,
    "Origin" AS origin,
    "Status" AS status,
    "Priority" AS priority,
    "Subject" AS subject,
    tenure_timestamp("CreatedDate") AS opened_at,
    tenure_date("CreatedDate") AS opened_on,
    tenure_timestamp("ClosedDate") AS closed_at,
    CASE WHEN "IsClosed" = 'true' THEN 1 ELSE 0 END AS is_closed,
    CASE WHEN "IsEscalated" = 'true' THEN 1 ELSE 0 END AS is_escalated,
    tenure_number("Satisfaction_Score__c") AS satisfaction_score
  FROM {{ source('salesforce', 'cases') }}
  WHERE COALESCE("IsDeleted", 'false') <> 'true'
    AND tenure_date("CreatedDate") <= {{ run_date }}
)
SELECT
  c.case_id,
  c.case_number,
  x.customer_key,
  c.sf_contact_id,
  c.case_type,
  c.reason,
  c.origin,
  c.status,
  c.priority,
  c.subject,
  c.opened_at,
  c.opened_on,
  CASE WHEN c.closed_at IS NOT NULL AND SUBSTR(c.closed_at, 1, 10) <= {{ run_date }} THEN c.closed_at END AS closed_at,
  CASE WHEN c.is_closed = 1 AND SUBSTR(c.closed_at, 1, 10) <= {{ run_date }} THEN 1 ELSE 0 END AS is_closed,
  c.is_escalated,
  c.satisfaction_score,
  CASE WHEN c.case_type IN ('Complaint', 'Problem') THEN 1 ELSE 0 END AS is_complaint,
  CASE WHEN EXISTS (
    SELECT 1 FROM cases earlier
    WHERE earlier.sf_contact_id = c.sf_contact_id AND earlier.reason = c.reason AND earlier.case_id <> c.case_id
      AND (earlier.opened_at < c.opened_at OR (earlier.opened_at = c.opened_at AND earlier.case_id < c.case_id))
      AND tenure_days_between(earlier.opened_on, c.opened_on) <= 14
  ) THEN 1 ELSE 0 END AS is_refiled
FROM cases c
LEFT JOIN {{ ref('customer_xref') }} x ON x.source_system = 'salesforce' AND x.source_id = c.sf_contact_id
