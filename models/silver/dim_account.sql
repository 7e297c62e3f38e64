-- One row per account: a customer's holding of one product, as its movements show it (ERPNext
-- keeps no account table). The balance is the net of every movement by the run date; an account
-- is closed once its customer's closure transaction is booked.
SELECT
  t.account_id,
  t.customer_key,
  t.erp_customer_id,
  t.product_code,
  MIN(t.transaction_date) AS opened_on,
  MAX(t.transaction_date) AS last_transaction_on,
  COUNT(*) AS transactions,
  SUM(t.amount) AS balance,
  CASE WHEN c.churned_on IS NOT NULL THEN 'closed' ELSE 'open' END AS status
FROM {{ ref('fct_transactions') }} t
LEFT JOIN {{ ref('dim_customer') }} c ON c.customer_key = t.customer_key
GROUP BY t.account_id, t.customer_key, t.erp_customer_id, t.product_code, c.churned_on
