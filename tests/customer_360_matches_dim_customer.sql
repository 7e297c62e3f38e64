-- Every person in dim_customer has exactly one row in customer_360, and no one else does.
SELECT c.customer_key, 'missing from customer_360' AS problem
FROM {{ ref('dim_customer') }} c
WHERE NOT EXISTS (SELECT 1 FROM {{ ref('customer_360') }} x WHERE x.customer_key = c.customer_key)
UNION ALL
SELECT x.customer_key, 'not a person in dim_customer'
FROM {{ ref('customer_360') }} x
WHERE NOT EXISTS (SELECT 1 FROM {{ ref('dim_customer') }} c WHERE c.customer_key = x.customer_key)
