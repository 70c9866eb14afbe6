-- SLA-9 hotline rollup (report_call_hours), kept like the ticket rollups (decisions 0014, 0015): a
-- call that rang marks its unit's local day of ringing in report_dirty_days, in the writing
-- transaction, and the refresh rewrites that unit-day. Row-level triggers whose WHEN clause reads only
-- the columns the report uses: a contact without a ringing instant (a visit, a letter, an outbound
-- call) and an update that changes nothing the report shows (summary, customer, ticket link) cost
-- nothing.
CREATE FUNCTION report_mark_call_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.ringing_at IS NOT NULL THEN
    INSERT INTO report_dirty_days (kind, unit_id, day)
    SELECT 'calls', OLD.unit_id, (OLD.ringing_at AT TIME ZONE u.timezone)::date
    FROM organisation_units u WHERE u.id = OLD.unit_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.ringing_at IS NOT NULL
      AND (TG_OP = 'INSERT' OR (OLD.unit_id, OLD.ringing_at) IS DISTINCT FROM (NEW.unit_id, NEW.ringing_at)) THEN
    INSERT INTO report_dirty_days (kind, unit_id, day)
    SELECT 'calls', NEW.unit_id, (NEW.ringing_at AT TIME ZONE u.timezone)::date
    FROM organisation_units u WHERE u.id = NEW.unit_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER contacts_report_after_insert AFTER INSERT ON contacts FOR EACH ROW
  WHEN (NEW.ringing_at IS NOT NULL)
  EXECUTE FUNCTION report_mark_call_changed();
--> statement-breakpoint
CREATE TRIGGER contacts_report_after_update AFTER UPDATE ON contacts FOR EACH ROW
  WHEN ((OLD.ringing_at IS NOT NULL OR NEW.ringing_at IS NOT NULL)
    AND (OLD.unit_id, OLD.ringing_at, OLD.answered_at, OLD.duration_seconds, OLD.agent_id)
      IS DISTINCT FROM (NEW.unit_id, NEW.ringing_at, NEW.answered_at, NEW.duration_seconds, NEW.agent_id))
  EXECUTE FUNCTION report_mark_call_changed();
--> statement-breakpoint
CREATE TRIGGER contacts_report_after_delete AFTER DELETE ON contacts FOR EACH ROW
  WHEN (OLD.ringing_at IS NOT NULL)
  EXECUTE FUNCTION report_mark_call_changed();
