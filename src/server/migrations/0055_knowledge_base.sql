CREATE TABLE "kb_article_uses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"ticket_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_article_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"source_kind" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"state" text NOT NULL,
	"author_id" uuid,
	"approver_id" uuid,
	"approved_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"published_version_id" uuid,
	"latest_version" integer DEFAULT 1 NOT NULL,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"expiry_reminded_version_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_case_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"root_unit_id" uuid NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"library" text NOT NULL,
	"category_id" uuid NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"analysis" text DEFAULT '' NOT NULL,
	"lessons" text DEFAULT '' NOT NULL,
	"responsible_department_id" uuid,
	"source_ticket_id" uuid,
	"search_text" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_terms" (
	"root_unit_id" uuid PRIMARY KEY NOT NULL,
	"words" jsonb NOT NULL,
	"synonyms" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kb_article_uses" ADD CONSTRAINT "kb_article_uses_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_article_uses" ADD CONSTRAINT "kb_article_uses_version_id_kb_article_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."kb_article_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_article_uses" ADD CONSTRAINT "kb_article_uses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_article_versions" ADD CONSTRAINT "kb_article_versions_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_article_versions" ADD CONSTRAINT "kb_article_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_article_versions" ADD CONSTRAINT "kb_article_versions_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD CONSTRAINT "kb_articles_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD CONSTRAINT "kb_articles_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_case_categories" ADD CONSTRAINT "kb_case_categories_root_unit_id_organisation_units_id_fk" FOREIGN KEY ("root_unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_cases" ADD CONSTRAINT "kb_cases_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_cases" ADD CONSTRAINT "kb_cases_category_id_kb_case_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."kb_case_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_cases" ADD CONSTRAINT "kb_cases_responsible_department_id_organisation_units_id_fk" FOREIGN KEY ("responsible_department_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_cases" ADD CONSTRAINT "kb_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_terms" ADD CONSTRAINT "kb_terms_root_unit_id_organisation_units_id_fk" FOREIGN KEY ("root_unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_terms" ADD CONSTRAINT "kb_terms_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_article_uses_article_idx" ON "kb_article_uses" USING btree ("article_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_article_versions_article_version_idx" ON "kb_article_versions" USING btree ("article_id","version");--> statement-breakpoint
CREATE INDEX "kb_article_versions_offered_idx" ON "kb_article_versions" USING btree ("valid_until") WHERE state = 'approved';--> statement-breakpoint
CREATE INDEX "kb_articles_unit_idx" ON "kb_articles" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "kb_case_categories_root_idx" ON "kb_case_categories" USING btree ("root_unit_id","position");--> statement-breakpoint
CREATE INDEX "kb_cases_unit_category_idx" ON "kb_cases" USING btree ("unit_id","category_id");--> statement-breakpoint
-- KB-1: the shipped chains are seeded at a root the first time one is needed; a root seeded before
-- this migration gets the answer-approval chain now (after its own rules, so nothing moves).
INSERT INTO "approval_chains" ("unit_id", "kind", "position", "name_zh", "name_en", "stages", "created_at")
SELECT c."unit_id", 'kb_answer', max(c."position") + 1, '答客问：客服主管审核发布',
  'Approved answer: customer-service supervisor approves',
  '[{"key":"kb_review","roles":["cs_supervisor"],"mode":"any","timeLimit":{"unit":"working_days","amount":2}}]'::jsonb,
  now()
FROM "approval_chains" c
JOIN "organisation_units" u ON u."id" = c."unit_id" AND u."parent_id" IS NULL
WHERE NOT EXISTS (SELECT 1 FROM "approval_chains" k WHERE k."kind" = 'kb_answer')
GROUP BY c."unit_id";
