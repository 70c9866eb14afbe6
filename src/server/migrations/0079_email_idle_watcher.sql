ALTER TABLE "channel_accounts" ADD COLUMN "watcher" text;--> statement-breakpoint
ALTER TABLE "channel_accounts" ADD COLUMN "watcher_until" timestamp with time zone;