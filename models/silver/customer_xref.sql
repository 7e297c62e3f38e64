-- Every customer-identifying source record and the person (customer_key) it belongs to.
--
-- Until entity resolution lands, a person is the set of ERPNext customers sharing a normalised
-- e-mail address, keyed by the earliest of them; a CRM contact joins its person through the
-- core-banking id it carries, else through its e-mail; app accounts and notes through their
-- e-mail. Records that match nobody stay here with a null customer_key and match_rule
-- 'unmatched', so they are counted rather than lost.
WITH erp AS (
  SELECT erp_customer_id, email FROM {{ ref('stg_erp_customers') }}
),
first_by_email AS (
  SELECT email, MIN(erp_customer_id) AS customer_key FROM erp WHERE email IS NOT NULL GROUP BY email
),
person AS (
  SELECT e.erp_customer_id, e.email, COALESCE(f.customer_key, e.erp_customer_id) AS customer_key
  FROM erp e LEFT JOIN first_by_email f ON f.email = e.email
),
by_email AS (
  SELECT email, MIN(customer_key) AS customer_key FROM person WHERE email IS NOT NULL GROUP BY email
)
SELECT 'erpnext' AS source_system, 'customer' AS source_entity, p.erp_customer_id AS source_id, p.customer_key,
       CASE WHEN p.customer_key = p.erp_customer_id THEN 'anchor' ELSE 'email' END AS match_rule
FROM person p
UNION ALL
SELECT 'salesforce', 'contact', c.sf_contact_id, COALESCE(linked.customer_key, e.customer_key),
       CASE WHEN linked.customer_key IS NOT NULL THEN 'core_banking_id' WHEN e.customer_key IS NOT NULL THEN 'email' ELSE 'unmatched' END
FROM {{ ref('stg_sf_contacts') }} c
LEFT JOIN person linked ON linked.erp_customer_id = c.core_banking_id
LEFT JOIN by_email e ON e.email = c.email
UNION ALL
SELECT 'supabase', 'app_user', u.app_user_id, e.customer_key,
       CASE WHEN e.customer_key IS NOT NULL THEN 'email' ELSE 'unmatched' END
FROM {{ ref('stg_app_users') }} u
LEFT JOIN by_email e ON e.email = u.email
UNION ALL
SELECT 'sheets', 'customer_note', CAST(n.note_id AS TEXT), e.customer_key,
       CASE WHEN e.customer_key IS NOT NULL THEN 'email' ELSE 'unmatched' END
FROM {{ ref('stg_customer_notes') }} n
LEFT JOIN by_email e ON e.email = n.email
