-- ERPNext customers, cleaned: names normalised, e-mail and phone standardised, the legacy
-- free-typed dates parsed (the raw text is kept beside each, so unusable values are counted,
-- not lost), and the territory resolved to a branch code. Only customers created by the run date.
SELECT
  c.name AS erp_customer_id,
  tenure_person_name(c.customer_name, 'full') AS full_name,
  tenure_person_name(c.customer_name, 'given') AS given_name,
  tenure_person_name(c.customer_name, 'surname') AS surname,
  tenure_person_name(c.customer_name, 'suffix') AS name_suffix,
  tenure_email(c.email_id) AS email,
  NULLIF(TRIM(c.email_id), '') AS email_raw,
  tenure_phone(c.mobile_no) AS phone,
  NULLIF(TRIM(c.mobile_no), '') AS phone_raw,
  tenure_date(c.custom_date_of_birth) AS birth_date,
  NULLIF(TRIM(c.custom_date_of_birth), '') AS birth_date_raw,
  tenure_date(c.custom_customer_since) AS customer_since_stated,
  NULLIF(TRIM(c.custom_customer_since), '') AS customer_since_raw,
  c.territory,
  b.branch_code,
  c.customer_group AS segment,
  CASE lower(TRIM(c.gender)) WHEN 'male' THEN 'male' WHEN 'female' THEN 'female' END AS gender,
  CASE WHEN c.disabled = '1' THEN 1 ELSE 0 END AS is_disabled,
  tenure_timestamp(c.creation) AS created_at
FROM {{ source('erpnext', 'customers') }} c
LEFT JOIN {{ ref('branch_names') }} b ON b.alias_key = lower(tenure_regexp_replace(c.territory, '[^A-Za-z0-9]', ''))
WHERE tenure_date(c.creation) <= {{ run_date }}
