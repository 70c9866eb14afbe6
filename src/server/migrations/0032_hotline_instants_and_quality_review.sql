CREATE TABLE "quality_agent_months" (
	"unit_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"month" text NOT NULL,
	"reviews" integer NOT NULL,
	"percent_sum" double precision NOT NULL,
	"appeals" integer NOT NULL,
	"appeals_revised" integer NOT NULL,
	CONSTRAINT "quality_agent_months_unit_id_agent_id_month_pk" PRIMARY KEY("unit_id","agent_id","month")
);
--> statement-breakpoint
CREATE TABLE "quality_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "quality_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"subject_label" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"state" text NOT NULL,
	"handled_at" timestamp with time zone NOT NULL,
	"month" text NOT NULL,
	"sampled_by" uuid NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"form_id" uuid,
	"reviewer_id" uuid,
	"scored_at" timestamp with time zone,
	"points" jsonb,
	"item_comments" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text,
	"percent" double precision,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"revised_points" jsonb,
	"revised_item_comments" jsonb,
	"final_percent" double precision
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "ringing_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "quality_agent_months" ADD CONSTRAINT "quality_agent_months_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_agent_months" ADD CONSTRAINT "quality_agent_months_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_forms" ADD CONSTRAINT "quality_forms_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_forms" ADD CONSTRAINT "quality_forms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_reviews" ADD CONSTRAINT "quality_reviews_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_reviews" ADD CONSTRAINT "quality_reviews_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_reviews" ADD CONSTRAINT "quality_reviews_sampled_by_users_id_fk" FOREIGN KEY ("sampled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_reviews" ADD CONSTRAINT "quality_reviews_form_id_quality_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."quality_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_reviews" ADD CONSTRAINT "quality_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_reviews" ADD CONSTRAINT "quality_reviews_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quality_forms_unit_version_key" ON "quality_forms" USING btree ("unit_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_reviews_subject_key" ON "quality_reviews" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "quality_reviews_unit_month_idx" ON "quality_reviews" USING btree ("unit_id","month");--> statement-breakpoint
CREATE INDEX "quality_reviews_agent_month_idx" ON "quality_reviews" USING btree ("agent_id","month");--> statement-breakpoint
CREATE INDEX "contacts_unit_ringing_idx" ON "contacts" USING btree ("unit_id","ringing_at") WHERE "contacts"."ringing_at" is not null;