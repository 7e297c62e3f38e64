-- Every customer_key in customer_xref is a person in dim_customer (the foreign key from the
-- cross-reference to the people built from it, so it runs when dim_customer is built).
SELECT x.source_system, x.source_id, x.customer_key
FROM {{ ref('customer_xref') }} x
WHERE x.customer_key IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM {{ ref('dim_customer') }} c WHERE c.customer_key = x.customer_key)
