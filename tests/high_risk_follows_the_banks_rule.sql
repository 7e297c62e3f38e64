-- HIGH_RISK is exactly the bank's rule: balance down more than 20% over 90 days, two or more
-- complaints in 90 days, and no app login for 14 days, for people who have not left.
SELECT customer_key, churn_risk_flag, balance_trend_90d, complaints_last_90_days, days_since_last_login
FROM {{ ref('customer_360') }}
WHERE status = 'active'
  AND (churn_risk_flag = 'HIGH_RISK') <> (
    balance_trend_90d IS NOT NULL AND balance_trend_90d < -0.2
    AND complaints_last_90_days >= 2
    AND (days_since_last_login IS NULL OR days_since_last_login > 14))
