-- One row per account movement by the run date, with its person: deposits and credits positive,
-- withdrawals, transfers out and closures negative.
SELECT
  t.transaction_id,
  t.invoice_id,
  x.customer_key,
  t.erp_customer_id,
  t.account_id,
  t.product_code,
  t.transaction_date,
  t.posted_at,
  t.amount,
  CASE WHEN t.amount < 0 THEN 'out' ELSE 'in' END AS direction,
  t.description,
  b.branch_code,
  t.is_closure
FROM {{ ref('stg_erp_transactions') }} t
LEFT JOIN {{ ref('customer_xref') }} x ON x.source_system = 'erpnext' AND x.source_id = t.erp_customer_id
LEFT JOIN {{ ref('branch_names') }} b ON b.alias_key = lower(tenure_regexp_replace(t.territory, '[^A-Za-z0-9]', ''))
