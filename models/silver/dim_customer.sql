-- One row per real person, from customer_xref: the name, e-mail and phone of the person's first
-- ERPNext customer (falling back to the CRM for what it lacks), the earliest date any record
-- says the relationship began, the first customer's branch and segment, and whether the person
-- has left (an account-closure transaction by the run date). The ids of the person's records in
-- each system are in customer_xref; here are the first of each and their counts.
WITH erp AS (
  SELECT x.customer_key, c.*
  FROM {{ ref('stg_erp_customers') }} c
  JOIN {{ ref('customer_xref') }} x ON x.source_system = 'erpnext' AND x.source_id = c.erp_customer_id
),
first_customer AS (
  SELECT customer_key, MIN(erp_customer_id) AS erp_customer_id FROM erp GROUP BY customer_key
),
anchor AS (
  SELECT e.* FROM erp e JOIN first_customer f ON f.erp_customer_id = e.erp_customer_id
),
erp_summary AS (
  SELECT customer_key, COUNT(*) AS erp_records,
         MIN(COALESCE(customer_since_stated, SUBSTR(created_at, 1, 10))) AS customer_since,
         MIN(SUBSTR(created_at, 1, 10)) AS first_opened_on
  FROM erp GROUP BY customer_key
),
linked AS (
  SELECT customer_key, source_system, MIN(source_id) AS first_id, COUNT(*) AS records
  FROM {{ ref('customer_xref') }}
  WHERE customer_key IS NOT NULL AND source_system IN ('salesforce', 'supabase')
  GROUP BY customer_key, source_system
),
contact AS (
  SELECT l.customer_key, l.first_id, l.records, c.email, c.phone, c.birth_date
  FROM linked l JOIN {{ ref('stg_sf_contacts') }} c ON c.sf_contact_id = l.first_id
  WHERE l.source_system = 'salesforce'
),
closure AS (
  SELECT x.customer_key, MIN(t.transaction_date) AS churned_on
  FROM {{ ref('stg_erp_transactions') }} t
  JOIN {{ ref('customer_xref') }} x ON x.source_system = 'erpnext' AND x.source_id = t.erp_customer_id
  WHERE t.is_closure = 1
  GROUP BY x.customer_key
)
SELECT
  a.customer_key,
  a.full_name,
  a.given_name,
  a.surname,
  a.name_suffix,
  COALESCE(a.email, ct.email) AS email,
  COALESCE(a.phone, ct.phone) AS phone,
  COALESCE(a.birth_date, ct.birth_date) AS birth_date,
  s.customer_since,
  a.branch_code AS primary_branch,
  a.segment,
  CASE WHEN cl.churned_on IS NULL THEN 'active' ELSE 'churned' END AS status,
  cl.churned_on,
  a.erp_customer_id,
  ct.first_id AS sf_contact_id,
  app.first_id AS app_user_id,
  s.erp_records,
  COALESCE(ct.records, 0) AS sf_contacts,
  COALESCE(app.records, 0) AS app_users
FROM anchor a
JOIN erp_summary s ON s.customer_key = a.customer_key
LEFT JOIN contact ct ON ct.customer_key = a.customer_key
LEFT JOIN linked app ON app.customer_key = a.customer_key AND app.source_system = 'supabase'
LEFT JOIN closure cl ON cl.customer_key = a.customer_key
