CREATE TABLE "staff_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"external_user_id" text NOT NULL,
	"notification_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"url" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"provider_message_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
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
ALTER TABLE "users" ADD COLUMN "wecom_user_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "dingtalk_user_id" text;--> statement-breakpoint
ALTER TABLE "staff_messages" ADD CONSTRAINT "staff_messages_account_id_channel_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_messages" ADD CONSTRAINT "staff_messages_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_messages_notification_account_key" ON "staff_messages" USING btree ("notification_id","account_id");--> statement-breakpoint
CREATE INDEX "staff_messages_due_idx" ON "staff_messages" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "call_records_contact_key" ON "call_records" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "call_records_ended_idx" ON "call_records" USING btree ("ended_at");--> statement-breakpoint
-- SLA-9 recordings: built-in roles seeded before this rule that review calls (supervisors, store
-- managers) may play call recordings; administrators hold every permission.
UPDATE roles SET permissions = array_append(permissions, 'telephony.recordings.play')
WHERE code IN ('administrator', 'cs_supervisor', 'store_manager') AND builtin AND NOT ('telephony.recordings.play' = ANY(permissions));
