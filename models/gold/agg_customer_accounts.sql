-- Per person, as of the run date: accounts, balances and how the balance moved over 90 days.
-- balance_trend_90d is the change since 90 days before the run date as a share of the balance
-- then (-0.25 is a 25% fall); null when that balance was zero or negative. The primary product is
-- the account the person uses most (most movements; the larger balance, then the code, break ties),
-- so the dashboard can split churn and risk by product.
WITH movements AS (
  SELECT
    customer_key,
    SUM(amount) AS total_balance,
    SUM(CASE WHEN transaction_date <= tenure_add_days({{ run_date }}, -90) THEN amount ELSE 0 END) AS balance_90d_ago,
    SUM(CASE WHEN transaction_date > tenure_add_days({{ run_date }}, -90) THEN 1 ELSE 0 END) AS transactions_last_90d,
    SUM(CASE WHEN transaction_date > tenure_add_days({{ run_date }}, -365) THEN 1 ELSE 0 END) AS transactions_last_365d,
    MIN(transaction_date) AS first_transaction_on,
    MAX(transaction_date) AS last_transaction_on
  FROM {{ ref('fct_transactions') }}
  WHERE customer_key IS NOT NULL
  GROUP BY customer_key
),
accounts AS (
  SELECT customer_key, SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS total_accounts, COUNT(*) AS accounts_ever
  FROM {{ ref('dim_account') }}
  WHERE customer_key IS NOT NULL
  GROUP BY customer_key
),
primary_account AS (
  SELECT a.customer_key, a.product_code, p.product_name, p.product_group,
         ROW_NUMBER() OVER (PARTITION BY a.customer_key ORDER BY a.transactions DESC, a.balance DESC, a.product_code) AS rank_in_use
  FROM {{ ref('dim_account') }} a
  LEFT JOIN {{ ref('dim_product') }} p ON p.product_code = a.product_code
  WHERE a.customer_key IS NOT NULL
)
SELECT
  m.customer_key,
  a.total_accounts,
  a.accounts_ever,
  m.total_balance,
  m.balance_90d_ago,
  CASE WHEN m.balance_90d_ago > 0 THEN (m.total_balance - m.balance_90d_ago) / m.balance_90d_ago END AS balance_trend_90d,
  m.transactions_last_90d,
  -- Months the customer could transact in the last year: twelve, or fewer for newer customers.
  m.transactions_last_365d * 1.0 / (CASE
    WHEN tenure_days_between(m.first_transaction_on, {{ run_date }}) >= 365 THEN 12.0
    ELSE (tenure_days_between(m.first_transaction_on, {{ run_date }}) + 1) / 30.4375 END) AS avg_monthly_transactions,
  m.last_transaction_on,
  tenure_days_between(m.last_transaction_on, {{ run_date }}) AS days_since_last_transaction,
  pa.product_code AS primary_product_code,
  pa.product_name AS primary_product,
  pa.product_group AS primary_product_group
FROM movements m
JOIN accounts a ON a.customer_key = m.customer_key
LEFT JOIN primary_account pa ON pa.customer_key = m.customer_key AND pa.rank_in_use = 1
