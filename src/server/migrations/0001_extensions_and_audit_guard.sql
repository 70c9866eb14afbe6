-- Trigram search for names and phone numbers (used by customers and tickets).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- ORG-4: the audit trail is append-only; the database itself refuses to rewrite it.
CREATE OR REPLACE FUNCTION kefu_audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION kefu_audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION kefu_audit_log_is_append_only();
