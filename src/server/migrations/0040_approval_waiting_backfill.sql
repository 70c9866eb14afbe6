-- Requests pending before the engine kept current_stage / awaited_roles: the first stage of the
-- current round that is not complete ('any': no approval yet; 'all': a role still missing), and
-- the roles still awaited there — what domain/approvals currentStage and awaitedRoles compute.
WITH stage AS (
  SELECT r.id, st.ordinality, st.value->>'key' AS key, st.value->>'mode' AS mode,
    ARRAY(SELECT jsonb_array_elements_text(st.value->'roles')) AS roles,
    ARRAY(
      SELECT DISTINCT s.role FROM approval_steps s
      WHERE s.request_id = r.id AND s.round = r.round AND s.stage = st.value->>'key'
        AND s.decision = 'approved'
    ) AS done
  FROM approval_requests r, jsonb_array_elements(r.stages) WITH ORDINALITY st
  WHERE r.status = 'pending'
), waiting AS (
  SELECT DISTINCT ON (id) id, key,
    CASE WHEN mode = 'any' THEN roles
      ELSE ARRAY(SELECT x FROM unnest(roles) x WHERE NOT x = ANY(done)) END AS awaited
  FROM stage
  WHERE NOT (CASE WHEN mode = 'any' THEN cardinality(done) > 0 ELSE roles <@ done END)
  ORDER BY id, ordinality
)
UPDATE approval_requests r SET current_stage = w.key, awaited_roles = w.awaited
FROM waiting w WHERE w.id = r.id;
