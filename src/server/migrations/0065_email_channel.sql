ALTER TABLE "channel_messages" ADD COLUMN "status" text;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD COLUMN "meta" jsonb;--> statement-breakpoint
CREATE INDEX "channel_messages_provider_id_idx" ON "channel_messages" USING btree ("provider_message_id");--> statement-breakpoint
CREATE INDEX "channel_messages_due_idx" ON "channel_messages" USING btree ("status","next_attempt_at");