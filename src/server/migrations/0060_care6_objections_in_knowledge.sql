ALTER TABLE "kb_article_versions" ADD COLUMN "care_rule_code" text;--> statement-breakpoint
-- CARE-6: the care module's objection answers move into the knowledge base. Each row becomes an
-- article (same id) with one approved version of kind 'objection', valid from its last edit and
-- until replaced: they were in use, so they stay offered beside the script. The person who last
-- edited the row (they held care.rules.manage) is owner, author and approver; rows nobody edited
-- belong to the oldest account. The version's id is derived from the row's id (a valid v4 form). search_text stays empty (objection answers are not suggested
-- while typing) and is recomputed on the next edit. care_objections is left read-only.
INSERT INTO "kb_articles" ("id", "unit_id", "owner_id", "published_version_id", "latest_version", "usage_count", "created_at", "updated_at")
SELECT o."id", o."unit_id", coalesce(o."updated_by", (SELECT u."id" FROM "users" u ORDER BY u."created_at", u."id" LIMIT 1)),
       overlay(overlay(md5(o."id"::text || ':care6:v1') placing '4' from 13) placing '8' from 17)::uuid, 1, 0, o."updated_at", o."updated_at"
FROM "care_objections" o
WHERE coalesce(o."updated_by", (SELECT u."id" FROM "users" u ORDER BY u."created_at", u."id" LIMIT 1)) IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "kb_articles" a WHERE a."id" = o."id");
--> statement-breakpoint
INSERT INTO "kb_article_versions" ("id", "article_id", "version", "question", "answer", "source_kind", "care_rule_code", "valid_from", "valid_until", "state", "author_id", "approver_id", "approved_at", "search_text", "created_at")
SELECT overlay(overlay(md5(o."id"::text || ':care6:v1') placing '4' from 13) placing '8' from 17)::uuid, o."id", 1, o."objection", o."answer", 'objection', o."rule_code",
       o."updated_at", NULL, 'approved', o."updated_by", o."updated_by", o."updated_at", '', o."updated_at"
FROM "care_objections" o
JOIN "kb_articles" a ON a."id" = o."id"
WHERE NOT EXISTS (SELECT 1 FROM "kb_article_versions" v WHERE v."article_id" = o."id");
