-- SLA-9: the hotline rollup starts empty; every unit-day with a rung call is stale once, so the first
-- refresh passes build it. In (unit, day) order, like the ticket rollups' backfill (decision 0015).
INSERT INTO report_dirty_days (kind, unit_id, day)
SELECT DISTINCT 'calls', c.unit_id, (c.ringing_at AT TIME ZONE u.timezone)::date
FROM contacts c JOIN organisation_units u ON u.id = c.unit_id
WHERE c.ringing_at IS NOT NULL
ORDER BY 2, 3;
