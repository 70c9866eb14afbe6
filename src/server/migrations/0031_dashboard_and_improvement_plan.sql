CREATE TABLE "satisfaction_improvement_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"period" text NOT NULL,
	"action" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"state" text NOT NULL,
	"note" text,
	"done_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "satisfaction_improvement_actions" ADD CONSTRAINT "satisfaction_improvement_actions_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_improvement_actions" ADD CONSTRAINT "satisfaction_improvement_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_improvement_actions" ADD CONSTRAINT "satisfaction_improvement_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "satisfaction_improvement_actions_unit_period_idx" ON "satisfaction_improvement_actions" USING btree ("unit_id","period");--> statement-breakpoint
CREATE INDEX "tickets_open_idx" ON "tickets" USING btree ("type","state","next_due_at","unit_id","assignee_department_id") WHERE state in ('new', 'assigned', 'in_progress', 'waiting_department', 'pending_customer');