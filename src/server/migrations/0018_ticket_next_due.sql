DROP INDEX "tickets_number_idx";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
-- tickets.next_due_at follows the ticket's running SLA targets, whichever code path changes them
-- (start, stop, pause, resume, recompute, cancel, the scanner): statement-level triggers read the
-- changed rows from a transition table and touch only tickets whose next due time really moved.
CREATE FUNCTION tickets_refresh_next_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets t SET next_due_at = d.next_due
  FROM (
    SELECT c.subject_id,
      (SELECT min(s.due_at) FROM sla_targets s
        WHERE s.subject_type = 'ticket' AND s.subject_id = c.subject_id
          AND s.state IN ('on_track', 'at_risk', 'breached', 'escalated')) AS next_due
    FROM (SELECT DISTINCT subject_id FROM changed_targets WHERE subject_type = 'ticket') c
  ) d
  WHERE t.id::text = d.subject_id AND t.next_due_at IS DISTINCT FROM d.next_due;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sla_targets_next_due_after_insert AFTER INSERT ON sla_targets
  REFERENCING NEW TABLE AS changed_targets FOR EACH STATEMENT EXECUTE FUNCTION tickets_refresh_next_due();
--> statement-breakpoint
CREATE TRIGGER sla_targets_next_due_after_update AFTER UPDATE ON sla_targets
  REFERENCING NEW TABLE AS changed_targets FOR EACH STATEMENT EXECUTE FUNCTION tickets_refresh_next_due();
--> statement-breakpoint
CREATE TRIGGER sla_targets_next_due_after_delete AFTER DELETE ON sla_targets
  REFERENCING OLD TABLE AS changed_targets FOR EACH STATEMENT EXECUTE FUNCTION tickets_refresh_next_due();
--> statement-breakpoint
UPDATE tickets t SET next_due_at = d.next_due
FROM (
  SELECT subject_id, min(due_at) AS next_due FROM sla_targets
  WHERE subject_type = 'ticket' AND state IN ('on_track', 'at_risk', 'breached', 'escalated')
  GROUP BY subject_id
) d
WHERE t.id::text = d.subject_id;
