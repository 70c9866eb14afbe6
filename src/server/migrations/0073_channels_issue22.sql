CREATE INDEX "care_tasks_open_due_idx" ON "care_tasks" USING btree ("due_at") WHERE "care_tasks"."state" = 'open';--> statement-breakpoint
CREATE INDEX "outbox_messages_provider_message_idx" ON "outbox_messages" USING btree ("provider_message_id") WHERE provider_message_id is not null;
-- call_records.recording_url now holds the vendor's recording address sealed with the server key
-- (AES-256-GCM, `v1.…`). The key is not in the database, so rows stored in plain text before are
-- sealed by the telephony module at start-up (sealPlainRecordings), not here.
