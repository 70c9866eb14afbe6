CREATE TABLE "care_departures" (
	"work_order_id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"advisor_id" uuid NOT NULL,
	"left_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_tasks" ADD COLUMN "letter_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "care_departures" ADD CONSTRAINT "care_departures_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_departures" ADD CONSTRAINT "care_departures_advisor_id_users_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;