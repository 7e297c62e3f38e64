-- One row per product the bank sells (ERPNext items).
SELECT
  item_code AS product_code,
  item_name AS product_name,
  item_group AS product_group,
  description,
  CASE WHEN disabled = '1' THEN 0 ELSE 1 END AS is_active
FROM {{ source('erpnext', 'items') }}
