-- Submitted ERPNext sales-invoice lines: the bank books every movement on an account as an
-- invoice line of the account's product. Returns carry negative amounts: money going out.
-- Cancelled and draft invoices (docstatus 2 and 0) are not movements.
SELECT
  i.name AS transaction_id,
  i.parent AS invoice_id,
  v.customer AS erp_customer_id,
  i.item_code AS product_code,
  v.customer || ':' || i.item_code AS account_id,
  tenure_date(v.posting_date) AS transaction_date,
  tenure_timestamp(v.posting_date || ' ' || COALESCE(v.posting_time, '00:00:00')) AS posted_at,
  CAST(i.amount AS DOUBLE PRECISION) AS amount,
  v.remarks AS description,
  v.territory,
  CASE WHEN lower(v.remarks) LIKE 'account closure%' THEN 1 ELSE 0 END AS is_closure
FROM {{ source('erpnext', 'sales_invoice_items') }} i
JOIN {{ source('erpnext', 'sales_invoices') }} v ON v.name = i.parent
WHERE v.docstatus = '1'
  AND tenure_date(v.posting_date) <= {{ run_date }}
