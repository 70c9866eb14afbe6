CREATE TABLE "portal_files" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "portal_files_ticket_idx" ON "portal_files" USING btree ("ticket_id");