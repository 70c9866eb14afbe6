CREATE TABLE "customer_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"source" text NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"changes" jsonb NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"proofs" jsonb,
	"decision_note" text,
	"version" integer
);
--> statement-breakpoint
CREATE TABLE "customer_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" uuid,
	"kind" text NOT NULL,
	"reason" text,
	"change_request_id" uuid,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_change_requests" ADD CONSTRAINT "customer_change_requests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_change_requests" ADD CONSTRAINT "customer_change_requests_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_change_requests" ADD CONSTRAINT "customer_change_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_versions" ADD CONSTRAINT "customer_versions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_versions" ADD CONSTRAINT "customer_versions_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_versions" ADD CONSTRAINT "customer_versions_change_request_id_customer_change_requests_id_fk" FOREIGN KEY ("change_request_id") REFERENCES "public"."customer_change_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_change_requests_customer_idx" ON "customer_change_requests" USING btree ("customer_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_versions_customer_version_idx" ON "customer_versions" USING btree ("customer_id","version");--> statement-breakpoint
-- CUS-2: customer service verifies and applies change forms; other units (department heads and
-- members: property company, regional sales, sales management) submit them. Built-in roles seeded
-- before this rule get the permissions here.
UPDATE roles SET permissions = permissions || ARRAY['customers.change.submit', 'customers.change.verify']
WHERE code IN ('agent', 'cs_supervisor', 'store_manager') AND builtin AND NOT ('customers.change.verify' = ANY(permissions));--> statement-breakpoint
UPDATE roles SET permissions = array_append(permissions, 'customers.change.submit')
WHERE code IN ('department_head', 'department_member') AND builtin AND NOT ('customers.change.submit' = ANY(permissions));
