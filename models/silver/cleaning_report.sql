-- What each cleaning rule met: per source field, the values present, the values cleaned, and
-- the values that could not be used and were kept as null (their raw text stays in the
-- staging model beside the cleaned value, and in bronze).
SELECT 'erpnext.customers' AS source, 'custom_date_of_birth' AS field, 'date' AS rule,
       COUNT(birth_date_raw) AS values_seen, COUNT(birth_date) AS values_cleaned
FROM {{ ref('stg_erp_customers') }}
UNION ALL
SELECT 'erpnext.customers', 'custom_customer_since', 'date', COUNT(customer_since_raw), COUNT(customer_since_stated)
FROM {{ ref('stg_erp_customers') }}
UNION ALL
SELECT 'erpnext.customers', 'email_id', 'email', COUNT(email_raw), COUNT(email)
FROM {{ ref('stg_erp_customers') }}
UNION ALL
SELECT 'erpnext.customers', 'mobile_no', 'phone', COUNT(phone_raw), COUNT(phone)
FROM {{ ref('stg_erp_customers') }}
UNION ALL
SELECT 'salesforce.contacts', 'Email', 'email', COUNT(email_raw), COUNT(email)
FROM {{ ref('stg_sf_contacts') }}
UNION ALL
SELECT 'sheets.customer_notes', 'Date', 'date', COUNT(note_date_raw), COUNT(note_date)
FROM {{ ref('stg_customer_notes') }}
UNION ALL
SELECT 'sheets.customer_notes', 'Branch', 'branch', COUNT(branch_raw), COUNT(branch_code)
FROM {{ ref('stg_customer_notes') }}
