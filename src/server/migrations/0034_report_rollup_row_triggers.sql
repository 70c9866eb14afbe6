-- Decision 0015: cheaper rollup upkeep. Updates (and SLA target inserts) mark their unit-day through
-- ROW-level triggers whose WHEN clause compares only the columns the reports read: the clause is
-- evaluated without calling any function, so the many updates that change nothing a report shows
-- (states, next due times, at-risk flags, pauses, new running targets at intake) cost nothing.
-- Inserts of tickets and complaint records stay statement-level (every one is relevant; a batch
-- intake marks each distinct unit-day once).
DROP TRIGGER tickets_report_after_update ON tickets;
--> statement-breakpoint
DROP FUNCTION report_mark_tickets_updated();
--> statement-breakpoint
CREATE FUNCTION report_mark_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_days (kind, unit_id, day)
  SELECT 'tickets', OLD.unit_id, (OLD.received_at AT TIME ZONE u.timezone)::date
  FROM organisation_units u WHERE u.id = OLD.unit_id
  UNION
  SELECT 'tickets', NEW.unit_id, (NEW.received_at AT TIME ZONE u.timezone)::date
  FROM organisation_units u WHERE u.id = NEW.unit_id;
  -- RPT-3 counts a run under its ticket's responsible department.
  IF OLD.assignee_department_id IS DISTINCT FROM NEW.assignee_department_id THEN
    INSERT INTO report_dirty_days (kind, unit_id, day)
    SELECT DISTINCT 'sla', s.unit_id, (s.due_at AT TIME ZONE u.timezone)::date
    FROM sla_targets s JOIN organisation_units u ON u.id = s.unit_id
    WHERE s.subject_type = 'ticket' AND s.subject_id = NEW.id::text AND s.due_at IS NOT NULL;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tickets_report_after_update AFTER UPDATE ON tickets FOR EACH ROW
  WHEN ((OLD.type, OLD.channel, OLD.assignee_department_id, OLD.unit_id, OLD.received_at, OLD.state = 'merged')
    IS DISTINCT FROM (NEW.type, NEW.channel, NEW.assignee_department_id, NEW.unit_id, NEW.received_at, NEW.state = 'merged'))
  EXECUTE FUNCTION report_mark_ticket_changed();
--> statement-breakpoint
DROP TRIGGER complaint_records_report_after_update ON complaint_records;
--> statement-breakpoint
DROP FUNCTION report_mark_complaints_updated();
--> statement-breakpoint
CREATE FUNCTION report_mark_complaint_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_days (kind, unit_id, day)
  SELECT 'tickets', OLD.unit_id, (OLD.received_at AT TIME ZONE u.timezone)::date
  FROM organisation_units u WHERE u.id = OLD.unit_id
  UNION
  SELECT 'tickets', NEW.unit_id, (NEW.received_at AT TIME ZONE u.timezone)::date
  FROM organisation_units u WHERE u.id = NEW.unit_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER complaint_records_report_after_update AFTER UPDATE ON complaint_records FOR EACH ROW
  WHEN ((OLD.product, OLD.cause, OLD.defect, OLD.product_caused, OLD.evaluation_result,
      OLD.close_out_assessment_at IS NULL, OLD.received_at, OLD.unit_id)
    IS DISTINCT FROM (NEW.product, NEW.cause, NEW.defect, NEW.product_caused, NEW.evaluation_result,
      NEW.close_out_assessment_at IS NULL, NEW.received_at, NEW.unit_id))
  EXECUTE FUNCTION report_mark_complaint_changed();
--> statement-breakpoint
DROP TRIGGER sla_targets_report_after_insert ON sla_targets;
--> statement-breakpoint
DROP TRIGGER sla_targets_report_after_update ON sla_targets;
--> statement-breakpoint
DROP FUNCTION report_mark_targets_updated();
--> statement-breakpoint
CREATE FUNCTION report_mark_target_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.due_at IS NOT NULL THEN
    INSERT INTO report_dirty_days (kind, unit_id, day)
    SELECT 'sla', OLD.unit_id, (OLD.due_at AT TIME ZONE u.timezone)::date
    FROM organisation_units u WHERE u.id = OLD.unit_id;
  END IF;
  IF NEW.due_at IS NOT NULL AND (TG_OP = 'INSERT' OR (OLD.unit_id, OLD.due_at) IS DISTINCT FROM (NEW.unit_id, NEW.due_at)
      OR OLD.due_at IS NULL) THEN
    INSERT INTO report_dirty_days (kind, unit_id, day)
    SELECT 'sla', NEW.unit_id, (NEW.due_at AT TIME ZONE u.timezone)::date
    FROM organisation_units u WHERE u.id = NEW.unit_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A run counts once it is met, late or ended (RPT-3): a new pending or running run changes nothing.
CREATE TRIGGER sla_targets_report_after_insert AFTER INSERT ON sla_targets FOR EACH ROW
  WHEN (NEW.subject_type = 'ticket' AND NEW.due_at IS NOT NULL
    AND NEW.state IN ('met', 'met_late', 'breached', 'escalated', 'ended'))
  EXECUTE FUNCTION report_mark_target_changed();
--> statement-breakpoint
CREATE TRIGGER sla_targets_report_after_update AFTER UPDATE ON sla_targets FOR EACH ROW
  WHEN (NEW.subject_type = 'ticket'
    AND (OLD.state, OLD.due_at, OLD.ended_at, OLD.unit_id) IS DISTINCT FROM (NEW.state, NEW.due_at, NEW.ended_at, NEW.unit_id)
    AND (OLD.state IN ('met', 'met_late', 'breached', 'escalated', 'ended')
      OR NEW.state IN ('met', 'met_late', 'breached', 'escalated', 'ended')))
  EXECUTE FUNCTION report_mark_target_changed();
--> statement-breakpoint
-- The narrow ticket rollups start empty: every ticket unit-day is stale once, so the first
-- refresh passes build them (report_sla_daily is unchanged and stays as it is). In (unit, day)
-- order, so a pass writes a unit's days and its periods' monthly rows close together on disk.
INSERT INTO report_dirty_days (kind, unit_id, day)
SELECT DISTINCT 'tickets', t.unit_id, (t.received_at AT TIME ZONE u.timezone)::date
FROM tickets t JOIN organisation_units u ON u.id = t.unit_id
ORDER BY 2, 3;
