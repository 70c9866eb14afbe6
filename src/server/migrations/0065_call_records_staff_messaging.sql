CREATE TABLE "call_records" (
	"call_id" text PRIMARY KEY NOT NULL,
	"contact_id" uuid NOT NULL,
	"ringing_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone NOT NULL,
	"duration_seconds" integer NOT NULL,
	"hangup_cause" text NOT NULL,
	"vendor_cause" text,
	"recording_url" text,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_records_contact_key" ON "call_records" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "call_records_ended_idx" ON "call_records" USING btree ("ended_at");--> statement-breakpoint
-- SLA-9 recordings: built-in roles seeded before this rule that review calls (supervisors, store
-- managers) may play call recordings; administrators hold every permission.
UPDATE roles SET permissions = array_append(permissions, 'telephony.recordings.play')
WHERE code IN ('administrator', 'cs_supervisor', 'store_manager') AND builtin AND NOT ('telephony.recordings.play' = ANY(permissions));
