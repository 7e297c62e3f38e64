-- One row per CRM case by the run date, with its person. Complaints and problems count as
-- complaints; a case the same person (through any of their contacts) filed again for the same
-- reason within 3 days of an earlier one is flagged is_refiled, so it is not counted twice.
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
),
keyed AS (
  SELECT c.*, x.customer_key,
         -- The same person's previous case for the same reason (through any of their contacts).
         LAG(c.opened_on) OVER (
           PARTITION BY COALESCE(x.customer_key, c.sf_contact_id), c.reason ORDER BY c.opened_at, c.case_id
         ) AS previous_opened_on
  FROM cases c
  LEFT JOIN {{ ref('customer_xref') }} x ON x.source_system = 'salesforce' AND x.source_id = c.sf_contact_id
)
SELECT
  c.case_id,
  c.case_number,
  c.customer_key,
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
  CASE WHEN c.previous_opened_on IS NOT NULL AND tenure_days_between(c.previous_opened_on, c.opened_on) <= 3
       THEN 1 ELSE 0 END AS is_refiled
FROM keyed c
