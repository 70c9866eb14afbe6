ALTER TABLE "sla_targets" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_targets" ADD COLUMN "end_reason" text;--> statement-breakpoint
-- SLA-10: a target ends with its subject. Targets once "cancelled" become ended with the reason
-- their subject gives; targets still running (or pending) on a ticket or work order that has already
-- ended — left by releases that did not end them on close — end now, at their subject's end.
-- The audit trail records how many were ended, and the server's log repeats it at start-up.
WITH ticket_targets AS (
  SELECT s.id,
    CASE tk.state WHEN 'closed' THEN 'subject_closed' WHEN 'cancelled' THEN 'subject_cancelled'
      WHEN 'merged' THEN 'subject_merged' END AS reason,
    coalesce(tk.closed_at, tk.updated_at) AS ended_at,
    s.state AS old_state
  FROM sla_targets s JOIN tickets tk ON s.subject_type = 'ticket' AND tk.id::text = s.subject_id
  WHERE tk.state IN ('closed', 'cancelled', 'merged')
    AND s.state IN ('pending', 'on_track', 'at_risk', 'breached', 'escalated', 'paused', 'cancelled')
),
order_targets AS (
  SELECT s.id,
    CASE wo.state WHEN 'closed' THEN 'subject_closed' ELSE 'subject_cancelled' END AS reason,
    coalesce(wo.closed_at, wo.cancelled_at, wo.updated_at) AS ended_at,
    s.state AS old_state
  FROM sla_targets s JOIN work_orders wo ON s.subject_type = 'work_order' AND wo.id::text = s.subject_id
  WHERE wo.state IN ('closed', 'cancelled')
    AND s.state IN ('pending', 'on_track', 'at_risk', 'breached', 'escalated', 'paused', 'cancelled')
),
orphans AS (SELECT * FROM ticket_targets UNION ALL SELECT * FROM order_targets),
ended AS (
  UPDATE sla_targets s SET state = 'ended', end_reason = o.reason, ended_at = o.ended_at
  FROM orphans o WHERE s.id = o.id
  RETURNING o.old_state
),
retyped AS (
  -- What stays "cancelled" was ended by a change of ticket type (CL-5).
  UPDATE sla_targets SET state = 'ended', end_reason = 'type_changed', ended_at = created_at
  WHERE state = 'cancelled' AND id NOT IN (SELECT id FROM orphans)
  RETURNING id
)
INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, unit_id, after)
SELECT now(), NULL, 'sla.targets.orphans_ended', 'migration', '0025_sla_target_end', NULL,
  jsonb_build_object(
    'orphansEnded', (SELECT count(*) FROM ended WHERE old_state <> 'cancelled'),
    'cancelledRenamed', (SELECT count(*) FROM ended WHERE old_state = 'cancelled') + (SELECT count(*) FROM retyped)
  );
