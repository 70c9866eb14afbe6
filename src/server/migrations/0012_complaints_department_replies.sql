CREATE TABLE "complaint_cause_analyses" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"invited_departments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"responsibility" text DEFAULT '' NOT NULL,
	"corrective_action" text DEFAULT '' NOT NULL,
	"preventive_action" text DEFAULT '' NOT NULL,
	"quality_manager_signed_by" uuid,
	"quality_manager_signed_at" timestamp with time zone,
	"general_manager_signed_by" uuid,
	"general_manager_signed_at" timestamp with time zone,
	"opened_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_clusters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"product_key" text NOT NULL,
	"cause_key" text NOT NULL,
	"product" text NOT NULL,
	"cause" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"ticket_ids" jsonb NOT NULL,
	"department_id" uuid,
	"notified_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"text" text NOT NULL,
	"due_date" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"approver_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_records" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"product" text,
	"cause" text,
	"defect" text,
	"product_caused" boolean DEFAULT false NOT NULL,
	"claim_amount_fen" integer,
	"committed_at" timestamp with time zone,
	"close_out_state" text,
	"close_out_opinion" text,
	"close_out_assessment" jsonb,
	"close_out_requested_by" uuid,
	"close_out_requested_at" timestamp with time zone,
	"close_out_decided_by" uuid,
	"close_out_decided_at" timestamp with time zone,
	"close_out_reject_reason" text,
	"archived_at" timestamp with time zone,
	"evaluation_result" text,
	"evaluation_comment" text,
	"evaluated_at" timestamp with time zone,
	"evaluated_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_settings" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"serious_claim_threshold_fen" integer NOT NULL,
	"cluster_min_count" integer NOT NULL,
	"cluster_window_days" integer NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "praise_records" (
	"ticket_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"department_id" uuid,
	"unit_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "praise_records_ticket_id_employee_id_pk" PRIMARY KEY("ticket_id","employee_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_department_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"findings" text NOT NULL,
	"root_cause" text NOT NULL,
	"corrective_action_kind" text NOT NULL,
	"corrective_action" text NOT NULL,
	"preventive_action" text NOT NULL,
	"committed_date" date NOT NULL,
	"committed_at" timestamp with time zone NOT NULL,
	"responsible_person_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaint_cause_analyses" ADD CONSTRAINT "complaint_cause_analyses_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_cause_analyses" ADD CONSTRAINT "complaint_cause_analyses_quality_manager_signed_by_users_id_fk" FOREIGN KEY ("quality_manager_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_cause_analyses" ADD CONSTRAINT "complaint_cause_analyses_general_manager_signed_by_users_id_fk" FOREIGN KEY ("general_manager_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_clusters" ADD CONSTRAINT "complaint_clusters_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_clusters" ADD CONSTRAINT "complaint_clusters_department_id_organisation_units_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_commitments" ADD CONSTRAINT "complaint_commitments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_commitments" ADD CONSTRAINT "complaint_commitments_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_commitments" ADD CONSTRAINT "complaint_commitments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD CONSTRAINT "complaint_records_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD CONSTRAINT "complaint_records_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD CONSTRAINT "complaint_records_close_out_requested_by_users_id_fk" FOREIGN KEY ("close_out_requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD CONSTRAINT "complaint_records_close_out_decided_by_users_id_fk" FOREIGN KEY ("close_out_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD CONSTRAINT "complaint_records_evaluated_by_users_id_fk" FOREIGN KEY ("evaluated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_settings" ADD CONSTRAINT "complaint_settings_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_settings" ADD CONSTRAINT "complaint_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "praise_records" ADD CONSTRAINT "praise_records_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "praise_records" ADD CONSTRAINT "praise_records_employee_id_users_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "praise_records" ADD CONSTRAINT "praise_records_department_id_organisation_units_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "praise_records" ADD CONSTRAINT "praise_records_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "praise_records" ADD CONSTRAINT "praise_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_department_replies" ADD CONSTRAINT "ticket_department_replies_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_department_replies" ADD CONSTRAINT "ticket_department_replies_department_id_organisation_units_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_department_replies" ADD CONSTRAINT "ticket_department_replies_responsible_person_id_users_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_department_replies" ADD CONSTRAINT "ticket_department_replies_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_clusters_window_key" ON "complaint_clusters" USING btree ("unit_id","product_key","cause_key","window_start");--> statement-breakpoint
CREATE INDEX "complaint_clusters_unit_idx" ON "complaint_clusters" USING btree ("unit_id","raised_at");--> statement-breakpoint
CREATE INDEX "complaint_commitments_ticket_idx" ON "complaint_commitments" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "complaint_records_cluster_idx" ON "complaint_records" USING btree ("unit_id","product","cause","received_at");--> statement-breakpoint
CREATE INDEX "complaint_records_close_out_idx" ON "complaint_records" USING btree ("close_out_state","close_out_requested_at");--> statement-breakpoint
CREATE INDEX "praise_records_unit_received_idx" ON "praise_records" USING btree ("unit_id","received_at");--> statement-breakpoint
CREATE INDEX "ticket_department_replies_ticket_idx" ON "ticket_department_replies" USING btree ("ticket_id","created_at");