CREATE TABLE "coordination_sheet_counters" (
	"unit_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "coordination_sheet_counters_unit_id_local_date_pk" PRIMARY KEY("unit_id","local_date")
);
--> statement-breakpoint
CREATE TABLE "coordination_sheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"number" text NOT NULL,
	"responsible_unit_id" uuid NOT NULL,
	"requested_handling" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"snapshot" jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid
);
--> statement-breakpoint
ALTER TABLE "unit_calendars" ADD COLUMN "public_holidays" text;--> statement-breakpoint
ALTER TABLE "coordination_sheet_counters" ADD CONSTRAINT "coordination_sheet_counters_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_sheets" ADD CONSTRAINT "coordination_sheets_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_sheets" ADD CONSTRAINT "coordination_sheets_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_sheets" ADD CONSTRAINT "coordination_sheets_responsible_unit_id_organisation_units_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_sheets" ADD CONSTRAINT "coordination_sheets_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coordination_sheets_contact_key" ON "coordination_sheets" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coordination_sheets_unit_number_key" ON "coordination_sheets" USING btree ("unit_id","number");--> statement-breakpoint
CREATE INDEX "coordination_sheets_responsible_due_idx" ON "coordination_sheets" USING btree ("responsible_unit_id","due_at");