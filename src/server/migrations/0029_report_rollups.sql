CREATE TABLE "report_analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"signed_by" uuid,
	"signed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_deliveries" (
	"subscription_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_deliveries_subscription_id_period_key_pk" PRIMARY KEY("subscription_id","period_key")
);
--> statement-breakpoint
CREATE TABLE "report_dirty_days" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_refresh_state" (
	"id" text PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"days_refreshed" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_settings" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"cut_off_day" integer NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_sla_daily" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"type" text NOT NULL,
	"department_id" uuid,
	"step" text NOT NULL,
	"on_time" integer NOT NULL,
	"late" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"report" text NOT NULL,
	"frequency" text NOT NULL,
	"types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recipients" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_ticket_daily" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"department_id" uuid,
	"complaint" boolean NOT NULL,
	"product" text,
	"cause" text,
	"defect" text,
	"product_caused" boolean NOT NULL,
	"evaluation" text,
	"close_out_assessed" boolean NOT NULL,
	"tickets" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "report_analyses" ADD CONSTRAINT "report_analyses_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_analyses" ADD CONSTRAINT "report_analyses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_analyses" ADD CONSTRAINT "report_analyses_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_subscription_id_report_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."report_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_analyses_version_key" ON "report_analyses" USING btree ("unit_id","period","version");--> statement-breakpoint
CREATE INDEX "report_sla_daily_unit_day_idx" ON "report_sla_daily" USING btree ("unit_id","day");--> statement-breakpoint
CREATE INDEX "report_subscriptions_unit_idx" ON "report_subscriptions" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "report_ticket_daily_unit_day_idx" ON "report_ticket_daily" USING btree ("unit_id","day");