-- The next-due trigger joined on t.id::text, which no index serves: every SLA statement scanned the
-- whole tickets table (seconds per ticket created at a million tickets). Joining on the uuid finds
-- each changed ticket through its primary key.
CREATE OR REPLACE FUNCTION tickets_refresh_next_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets t SET next_due_at = d.next_due
  FROM (
    SELECT c.subject_id::uuid AS ticket_id,
      (SELECT min(s.due_at) FROM sla_targets s
        WHERE s.subject_type = 'ticket' AND s.subject_id = c.subject_id
          AND s.state IN ('on_track', 'at_risk', 'breached', 'escalated')) AS next_due
    FROM (SELECT DISTINCT subject_id FROM changed_targets WHERE subject_type = 'ticket') c
  ) d
  WHERE t.id = d.ticket_id AND t.next_due_at IS DISTINCT FROM d.next_due;
  RETURN NULL;
END
$$;
