CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"customer_id" uuid,
	"template_code" text NOT NULL,
	"template_version_id" uuid,
	"title" text NOT NULL,
	"questions" jsonb NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"employee_id" uuid,
	"delivery" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"message_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invitation_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"employee_id" uuid,
	"template_code" text NOT NULL,
	"answers" jsonb NOT NULL,
	"csat" integer,
	"nps" integer,
	"satisfaction" text,
	"comment" text,
	"detractor" boolean NOT NULL,
	"recorded_by" uuid,
	"responded_at" timestamp with time zone NOT NULL,
	"follow_up_ticket_id" uuid
);
--> statement-breakpoint
CREATE TABLE "survey_template_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "survey_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"current_version" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "survey_weekly_summaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"week" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_template_version_id_survey_template_versions_id_fk" FOREIGN KEY ("template_version_id") REFERENCES "public"."survey_template_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_employee_id_users_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_invitation_id_survey_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."survey_invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_employee_id_users_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_template_versions" ADD CONSTRAINT "survey_template_versions_template_id_survey_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."survey_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_template_versions" ADD CONSTRAINT "survey_template_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_templates" ADD CONSTRAINT "survey_templates_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_templates" ADD CONSTRAINT "survey_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_weekly_summaries" ADD CONSTRAINT "survey_weekly_summaries_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_idempotency_uq" ON "survey_invitations" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "survey_invitations_subject_idx" ON "survey_invitations" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_unit_created_idx" ON "survey_invitations" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_invitation_uq" ON "survey_responses" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "survey_responses_unit_time_idx" ON "survey_responses" USING btree ("unit_id","responded_at");--> statement-breakpoint
CREATE INDEX "survey_responses_employee_time_idx" ON "survey_responses" USING btree ("employee_id","responded_at") WHERE "survey_responses"."employee_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_template_versions_uq" ON "survey_template_versions" USING btree ("template_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_templates_unit_code_uq" ON "survey_templates" USING btree ("unit_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_weekly_summaries_unit_week_uq" ON "survey_weekly_summaries" USING btree ("unit_id","week");