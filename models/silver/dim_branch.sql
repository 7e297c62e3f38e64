-- One row per branch: the branch sheet's code, manager, phone, address and opening date,
-- reconciled with the ERPNext territory of the same branch (its canonical name and region).
-- The region comes from ERPNext's territory tree; the sheet's free-typed region ("NORTH", "N",
-- "North Region") is only a fallback, read by its initial.
WITH sheet AS (
  SELECT
    "Branch Code" AS branch_code,
    "Branch Name" AS sheet_name,
    "Region" AS sheet_region,
    NULLIF(TRIM("Branch Manager"), '') AS manager,
    tenure_phone("Phone") AS phone,
    NULLIF(TRIM("Address"), '') AS address,
    tenure_date("Opened") AS opened_on
  FROM {{ source('sheets', 'branches') }}
  WHERE "Branch Code" IS NOT NULL
),
territory AS (
  SELECT n.branch_code, t.name AS territory, t.parent_territory AS region, NULLIF(TRIM(t.territory_manager), '') AS manager
  FROM {{ source('erpnext', 'territories') }} t
  JOIN {{ ref('branch_names') }} n ON n.alias_key = lower(tenure_regexp_replace(t.name, '[^A-Za-z0-9]', ''))
  WHERE t.is_group = '0'
)
SELECT
  s.branch_code,
  COALESCE(t.territory, s.sheet_name) AS branch_name,
  t.territory AS erp_territory,
  COALESCE(t.region, r.region) AS region,
  COALESCE(s.manager, t.manager) AS manager,
  s.phone,
  s.address,
  s.opened_on
FROM sheet s
LEFT JOIN territory t ON t.branch_code = s.branch_code
LEFT JOIN {{ ref('regions') }} r ON r.region_code = UPPER(SUBSTR(TRIM(s.sheet_region), 1, 1))
