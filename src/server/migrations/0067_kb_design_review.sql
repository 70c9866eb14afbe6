CREATE TABLE "kb_review_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category_ids" jsonb NOT NULL,
	"department_ids" jsonb NOT NULL,
	"causes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_review_signoffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"signed_by" uuid NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kb_article_versions" ADD COLUMN "is_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "kb_review_projects" ADD CONSTRAINT "kb_review_projects_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_review_projects" ADD CONSTRAINT "kb_review_projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_review_signoffs" ADD CONSTRAINT "kb_review_signoffs_project_id_kb_review_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."kb_review_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_review_signoffs" ADD CONSTRAINT "kb_review_signoffs_case_id_kb_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."kb_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_review_signoffs" ADD CONSTRAINT "kb_review_signoffs_department_id_organisation_units_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_review_signoffs" ADD CONSTRAINT "kb_review_signoffs_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_review_projects_unit_idx" ON "kb_review_projects" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_review_signoffs_once_idx" ON "kb_review_signoffs" USING btree ("project_id","case_id","department_id");