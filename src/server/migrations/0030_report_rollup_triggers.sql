-- RPT-2/3, CMP-10 (decision 0014): the report rollups are refreshed by a job over "dirty" unit-days.
-- Statement-level triggers append the unit-days a statement touched to report_dirty_days in the
-- writing transaction (append-only: no upsert, so intakes of one store never wait on each other).
-- A unit-day is the unit's local calendar day of the ticket's intake (tickets rollup) or of the
-- target's due time (SLA rollup).
CREATE FUNCTION report_mark_tickets_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_days (kind, unit_id, day)
  SELECT DISTINCT 'tickets', c.unit_id, (c.received_at AT TIME ZONE u.timezone)::date
  FROM changed_rows c JOIN organisation_units u ON u.id = c.unit_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION report_mark_tickets_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only changes the reports read: type, channel, responsible department, unit, intake time, merged.
  WITH moved AS (
    SELECT o.unit_id AS old_unit, o.received_at AS old_at, n.unit_id AS new_unit, n.received_at AS new_at,
      n.id, o.assignee_department_id IS DISTINCT FROM n.assignee_department_id AS department_moved
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.type, o.channel, o.assignee_department_id, o.unit_id, o.received_at, o.state = 'merged')
      IS DISTINCT FROM (n.type, n.channel, n.assignee_department_id, n.unit_id, n.received_at, n.state = 'merged')
  ), days AS (
    SELECT old_unit AS unit_id, old_at AS at FROM moved
    UNION SELECT new_unit, new_at FROM moved
  )
  INSERT INTO report_dirty_days (kind, unit_id, day)
  SELECT DISTINCT 'tickets', d.unit_id, (d.at AT TIME ZONE u.timezone)::date
  FROM days d JOIN organisation_units u ON u.id = d.unit_id
  UNION
  SELECT DISTINCT 'sla', s.unit_id, (s.due_at AT TIME ZONE u.timezone)::date
  FROM moved m
  JOIN sla_targets s ON s.subject_type = 'ticket' AND s.subject_id = m.id::text
  JOIN organisation_units u ON u.id = s.unit_id
  WHERE m.department_moved AND s.due_at IS NOT NULL;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tickets_report_after_insert AFTER INSERT ON tickets
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_tickets_inserted();
--> statement-breakpoint
CREATE TRIGGER tickets_report_after_update AFTER UPDATE ON tickets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_tickets_updated();
--> statement-breakpoint
CREATE TRIGGER tickets_report_after_delete AFTER DELETE ON tickets
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_tickets_inserted();
--> statement-breakpoint
CREATE FUNCTION report_mark_complaints_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_days (kind, unit_id, day)
  SELECT DISTINCT 'tickets', c.unit_id, (c.received_at AT TIME ZONE u.timezone)::date
  FROM changed_rows c JOIN organisation_units u ON u.id = c.unit_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION report_mark_complaints_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty_days (kind, unit_id, day)
  SELECT DISTINCT 'tickets', n.unit_id, (n.received_at AT TIME ZONE u.timezone)::date
  FROM old_rows o JOIN new_rows n ON n.ticket_id = o.ticket_id
  JOIN organisation_units u ON u.id = n.unit_id
  WHERE (o.product, o.cause, o.defect, o.product_caused, o.evaluation_result, o.close_out_assessment_at IS NULL, o.received_at)
    IS DISTINCT FROM (n.product, n.cause, n.defect, n.product_caused, n.evaluation_result, n.close_out_assessment_at IS NULL, n.received_at);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER complaint_records_report_after_insert AFTER INSERT ON complaint_records
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_complaints_inserted();
--> statement-breakpoint
CREATE TRIGGER complaint_records_report_after_update AFTER UPDATE ON complaint_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_complaints_updated();
--> statement-breakpoint
CREATE FUNCTION report_mark_targets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A run counts once it is met, late or ended (RPT-3); a new pending or running run changes nothing.
  INSERT INTO report_dirty_days (kind, unit_id, day)
  SELECT DISTINCT 'sla', c.unit_id, (c.due_at AT TIME ZONE u.timezone)::date
  FROM changed_rows c JOIN organisation_units u ON u.id = c.unit_id
  WHERE c.subject_type = 'ticket' AND c.due_at IS NOT NULL
    AND c.state IN ('met', 'met_late', 'breached', 'escalated', 'ended');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION report_mark_targets_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (
    SELECT o.unit_id AS old_unit, o.due_at AS old_due, n.unit_id AS new_unit, n.due_at AS new_due
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE n.subject_type = 'ticket'
      AND (o.state, o.due_at, o.ended_at, o.unit_id) IS DISTINCT FROM (n.state, n.due_at, n.ended_at, n.unit_id)
      AND (o.state IN ('met', 'met_late', 'breached', 'escalated', 'ended')
        OR n.state IN ('met', 'met_late', 'breached', 'escalated', 'ended'))
  ), days AS (
    SELECT old_unit AS unit_id, old_due AS due FROM moved
    UNION SELECT new_unit, new_due FROM moved
  )
  INSERT INTO report_dirty_days (kind, unit_id, day)
  SELECT DISTINCT 'sla', d.unit_id, (d.due AT TIME ZONE u.timezone)::date
  FROM days d JOIN organisation_units u ON u.id = d.unit_id
  WHERE d.due IS NOT NULL;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sla_targets_report_after_insert AFTER INSERT ON sla_targets
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_targets();
--> statement-breakpoint
CREATE TRIGGER sla_targets_report_after_update AFTER UPDATE ON sla_targets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_targets_updated();
--> statement-breakpoint
CREATE TRIGGER sla_targets_report_after_delete AFTER DELETE ON sla_targets
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_targets();
--> statement-breakpoint
-- Existing data: every unit-day is stale once, so the first refresh builds the rollups.
INSERT INTO report_dirty_days (kind, unit_id, day)
SELECT DISTINCT 'tickets', t.unit_id, (t.received_at AT TIME ZONE u.timezone)::date
FROM tickets t JOIN organisation_units u ON u.id = t.unit_id;
--> statement-breakpoint
INSERT INTO report_dirty_days (kind, unit_id, day)
SELECT DISTINCT 'sla', s.unit_id, (s.due_at AT TIME ZONE u.timezone)::date
FROM sla_targets s JOIN organisation_units u ON u.id = s.unit_id
WHERE s.subject_type = 'ticket' AND s.due_at IS NOT NULL;
