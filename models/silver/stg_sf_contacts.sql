-- Salesforce contacts, cleaned the same way as ERPNext customers. Deleted contacts are left out.
SELECT
  "Id" AS sf_contact_id,
  tenure_person_name("Name", 'full') AS full_name,
  tenure_person_name("Name", 'given') AS given_name,
  tenure_person_name("Name", 'surname') AS surname,
  CASE TRIM("Salutation") WHEN 'Mr.' THEN 'male' WHEN 'Mrs.' THEN 'female' WHEN 'Ms.' THEN 'female' WHEN 'Miss' THEN 'female' END AS gender,
  tenure_email("Email") AS email,
  NULLIF(TRIM("Email"), '') AS email_raw,
  COALESCE(tenure_phone("MobilePhone"), tenure_phone("Phone")) AS phone,
  tenure_date("Birthdate") AS birth_date,
  NULLIF(TRIM("Core_Banking_Id__c"), '') AS core_banking_id,
  NULLIF(TRIM("MailingCity"), '') AS city,
  tenure_timestamp("CreatedDate") AS created_at
FROM {{ source('salesforce', 'contacts') }}
WHERE COALESCE("IsDeleted", 'false') <> 'true'
  AND tenure_date("CreatedDate") <= {{ run_date }}
