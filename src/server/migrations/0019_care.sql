CREATE TABLE "care_asset_services" (
	"asset_id" uuid PRIMARY KEY NOT NULL,
	"last_service_date" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"call_back_at" timestamp with time zone,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"rule_code" text,
	"objection" text NOT NULL,
	"answer" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"code" text NOT NULL,
	"rule" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_runs" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"last_run_date" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"asset_id" uuid,
	"rule_code" text NOT NULL,
	"rule_name" text NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"script" text NOT NULL,
	"message_template_code" text,
	"survey_template_code" text,
	"occurrence_key" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"employee_id" uuid,
	"note" text,
	"due_at" timestamp with time zone NOT NULL,
	"due_date" date NOT NULL,
	"merge_key" text,
	"merged_into" uuid,
	"state" text DEFAULT 'open' NOT NULL,
	"state_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"claimed_by" uuid,
	"claimed_until" timestamp with time zone,
	"outcome" text,
	"outcome_note" text,
	"linked_ticket_id" uuid,
	"survey_invitation_id" uuid,
	"message_id" uuid,
	"done_by" uuid,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_visits" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"last_visit_date" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_attempts" ADD CONSTRAINT "care_attempts_task_id_care_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."care_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_attempts" ADD CONSTRAINT "care_attempts_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_objections" ADD CONSTRAINT "care_objections_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_objections" ADD CONSTRAINT "care_objections_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_rules" ADD CONSTRAINT "care_rules_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_rules" ADD CONSTRAINT "care_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_runs" ADD CONSTRAINT "care_runs_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_tasks" ADD CONSTRAINT "care_tasks_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_tasks" ADD CONSTRAINT "care_tasks_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_tasks" ADD CONSTRAINT "care_tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_attempts_task_idx" ON "care_attempts" USING btree ("task_id","at");--> statement-breakpoint
CREATE INDEX "care_objections_unit_idx" ON "care_objections" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_rules_unit_code_key" ON "care_rules" USING btree ("unit_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "care_tasks_occurrence_key" ON "care_tasks" USING btree ("occurrence_key");--> statement-breakpoint
CREATE INDEX "care_tasks_unit_state_due_idx" ON "care_tasks" USING btree ("unit_id","state","due_at");--> statement-breakpoint
CREATE INDEX "care_tasks_customer_idx" ON "care_tasks" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "care_tasks_merge_idx" ON "care_tasks" USING btree ("merge_key") WHERE "care_tasks"."state" = 'open';--> statement-breakpoint
CREATE INDEX "care_tasks_merged_into_idx" ON "care_tasks" USING btree ("merged_into");--> statement-breakpoint
CREATE INDEX "care_visits_date_idx" ON "care_visits" USING btree ("last_visit_date");