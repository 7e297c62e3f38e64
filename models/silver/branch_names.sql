-- Every way the systems spell a branch, as a matching key (lower case, letters and digits only)
-- with its branch code: the alias seed analysts maintain, plus the branch sheet's own spellings.
-- Spellings that differ only in case, spaces or punctuation ("DOWNTOWN MAIN", "Riverside Br.")
-- need no seed row: the key removes the difference.
SELECT alias_key, MIN(branch_code) AS branch_code
FROM (
  SELECT lower(tenure_regexp_replace(alias, '[^A-Za-z0-9]', '')) AS alias_key, branch_code
  FROM {{ ref('branch_aliases') }}
  UNION ALL
  SELECT lower(tenure_regexp_replace("Branch Name", '[^A-Za-z0-9]', '')), "Branch Code"
  FROM {{ source('sheets', 'branches') }}
  WHERE "Branch Code" IS NOT NULL AND "Branch Name" IS NOT NULL
) spellings
GROUP BY alias_key
