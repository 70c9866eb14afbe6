CREATE TABLE "audit_redactions" (
	"audit_id" bigint PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_redactions_customer_idx" ON "audit_redactions" USING btree ("customer_id");