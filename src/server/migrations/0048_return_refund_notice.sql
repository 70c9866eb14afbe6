ALTER TABLE "return_requests" ADD COLUMN "refund_notice_message_id" uuid;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "refund_notice_skipped" text;