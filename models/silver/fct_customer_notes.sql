-- One row per relationship manager's note by the run date, with its person and type.
SELECT
  n.note_id,
  x.customer_key,
  n.note_date,
  n.branch_code,
  n.customer_name,
  n.relationship_manager,
  n.note,
  n.note_type,
  n.follow_up
FROM {{ ref('stg_customer_notes') }} n
LEFT JOIN {{ ref('customer_xref') }} x ON x.source_system = 'sheets' AND x.source_id = CAST(n.note_id AS TEXT)
