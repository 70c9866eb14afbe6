ALTER TABLE "approval_requests" ADD COLUMN "current_stage" text;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD COLUMN "awaited_roles" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX "approval_requests_awaited_idx" ON "approval_requests" USING gin ("awaited_roles");