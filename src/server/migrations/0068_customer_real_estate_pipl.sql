CREATE TABLE "customer_erasure_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"decided_at" timestamp with time zone,
	"erased" jsonb
);
--> statement-breakpoint
CREATE TABLE "customer_handover_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"handover_on" date NOT NULL,
	"received_on" date NOT NULL,
	"received_by" uuid,
	"room_ok" boolean,
	"phone_ok" boolean,
	"address_ok" boolean,
	"problem" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "title_certificate_on" date;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "title_number" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customer_erasure_requests" ADD CONSTRAINT "customer_erasure_requests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_erasure_requests" ADD CONSTRAINT "customer_erasure_requests_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_erasure_requests" ADD CONSTRAINT "customer_erasure_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_handover_checks" ADD CONSTRAINT "customer_handover_checks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_handover_checks" ADD CONSTRAINT "customer_handover_checks_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_handover_checks" ADD CONSTRAINT "customer_handover_checks_received_by_users_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_handover_checks" ADD CONSTRAINT "customer_handover_checks_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_erasure_requests_customer_idx" ON "customer_erasure_requests" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_erasure_requests_pending_key" ON "customer_erasure_requests" USING btree ("customer_id") WHERE "customer_erasure_requests"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "customer_handover_checks_customer_key" ON "customer_handover_checks" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_handover_checks_unchecked_idx" ON "customer_handover_checks" USING btree ("unit_id","received_on") WHERE "customer_handover_checks"."checked_at" is null;--> statement-breakpoint
CREATE INDEX "assets_title_due_idx" ON "assets" USING btree ("title_certificate_on") WHERE "assets"."title_number" is null and "assets"."title_certificate_on" is not null;