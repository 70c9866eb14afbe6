CREATE TABLE "customer_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"times" integer DEFAULT 1 NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"customer_id" uuid,
	"unit_id" uuid NOT NULL,
	"reason" text,
	"rows" integer,
	"export_id" uuid,
	"filter" jsonb
);
--> statement-breakpoint
CREATE TABLE "customer_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"filter" jsonb NOT NULL,
	"reason" text NOT NULL,
	"rows" integer NOT NULL,
	"status" text NOT NULL,
	"decided_at" timestamp with time zone,
	"downloads" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_access_log" ADD CONSTRAINT "customer_access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_access_log" ADD CONSTRAINT "customer_access_log_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_access_log" ADD CONSTRAINT "customer_access_log_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_exports" ADD CONSTRAINT "customer_exports_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_exports" ADD CONSTRAINT "customer_exports_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_access_log_at_idx" ON "customer_access_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "customer_access_log_user_idx" ON "customer_access_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "customer_access_log_customer_idx" ON "customer_access_log" USING btree ("customer_id","at");--> statement-breakpoint
CREATE INDEX "customer_exports_requester_idx" ON "customer_exports" USING btree ("requested_by","requested_at");--> statement-breakpoint
-- CUS-3: exports of customer data above the configured row count need the general manager's
-- approval. Companies whose shipped chains were seeded before this rule get it appended at the root.
INSERT INTO "approval_chains" ("unit_id", "kind", "position", "name_zh", "name_en", "stages", "created_at")
SELECT c."unit_id", 'customer_export', max(c."position") + 1, '客户资料导出：总经理审批', 'Customer data export: general manager approves',
  '[{"key":"general_manager","roles":["general_manager"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}}]'::jsonb, now()
FROM "approval_chains" c
JOIN "organisation_units" u ON u."id" = c."unit_id" AND cardinality(u."path") = 1
WHERE NOT EXISTS (SELECT 1 FROM "approval_chains" x WHERE x."kind" = 'customer_export')
GROUP BY c."unit_id";
