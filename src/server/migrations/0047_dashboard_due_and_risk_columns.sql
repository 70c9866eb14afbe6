ALTER TABLE "tickets" ADD COLUMN "at_risk_from" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "tickets_open_next_due_idx" ON "tickets" USING btree ("next_due_at","unit_id","type","assignee_department_id") WHERE state in ('new', 'assigned', 'in_progress', 'waiting_department', 'pending_customer') and next_due_at is not null;--> statement-breakpoint
CREATE INDEX "tickets_open_at_risk_idx" ON "tickets" USING btree ("at_risk_from","next_due_at","unit_id","type","assignee_department_id") WHERE state in ('new', 'assigned', 'in_progress', 'waiting_department', 'pending_customer') and at_risk_from is not null;--> statement-breakpoint
-- tickets.at_risk_from follows the ticket's on-track and at-risk targets the way next_due_at follows
-- its running ones, so the dashboard's "at risk" and "due today" count tickets, not targets (RPT-1).
-- A target the scan marked at risk counts from no later than its creation: at risk now, whatever
-- its at_risk_at says.
CREATE OR REPLACE FUNCTION tickets_refresh_next_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets t SET next_due_at = d.next_due, at_risk_from = d.at_risk_from
  FROM (
    SELECT c.subject_id::uuid AS ticket_id, kept.next_due, kept.at_risk_from
    FROM (SELECT DISTINCT subject_id FROM changed_targets WHERE subject_type = 'ticket') c
    CROSS JOIN LATERAL (
      SELECT min(s.due_at) FILTER (WHERE s.state IN ('on_track', 'at_risk', 'breached', 'escalated')) AS next_due,
        min(CASE WHEN s.state = 'at_risk' THEN least(s.at_risk_at, s.created_at)
                 WHEN s.state = 'on_track' THEN s.at_risk_at END) AS at_risk_from
      FROM sla_targets s
      WHERE s.subject_type = 'ticket' AND s.subject_id = c.subject_id
    ) kept
  ) d
  WHERE t.id = d.ticket_id
    AND (t.next_due_at, t.at_risk_from) IS DISTINCT FROM (d.next_due, d.at_risk_from);
  RETURN NULL;
END
$$;
--> statement-breakpoint
UPDATE tickets t SET at_risk_from = d.at_risk_from
FROM (
  SELECT subject_id::uuid AS ticket_id,
    min(CASE WHEN state = 'at_risk' THEN least(at_risk_at, created_at) ELSE at_risk_at END) AS at_risk_from
  FROM sla_targets
  WHERE subject_type = 'ticket' AND state IN ('on_track', 'at_risk')
  GROUP BY subject_id
) d
WHERE t.id = d.ticket_id AND d.at_risk_from IS NOT NULL;
