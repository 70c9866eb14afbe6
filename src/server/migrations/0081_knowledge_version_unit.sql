-- Issue 19: suggestions while typing over 10,000 answers. Each version keeps its article's unit (an
-- article never changes unit), so the answers offered at a unit are found in the versions' own word
-- index, scoped by unit there, without joining every article.
ALTER TABLE "kb_article_versions" ADD COLUMN "unit_id" uuid;--> statement-breakpoint
-- The word index of approved versions becomes one of unit and words (btree_gin, migration 0074). It
-- is built before the unit is filled in: built after, over the rows just updated, PostgreSQL could
-- not use it until every transaction older than it had ended.
CREATE INDEX "kb_article_versions_unit_search_idx" ON "kb_article_versions" USING gin ("unit_id", "search_vector") WHERE state = 'approved';--> statement-breakpoint
DROP INDEX IF EXISTS "kb_article_versions_search_idx";--> statement-breakpoint
UPDATE "kb_article_versions" v SET "unit_id" = a."unit_id" FROM "kb_articles" a WHERE a."id" = v."article_id";--> statement-breakpoint
ALTER TABLE "kb_article_versions" ALTER COLUMN "unit_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "kb_article_versions" ADD CONSTRAINT "kb_article_versions_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- A version written without its unit (SQL of an older migration, a bulk load) takes its article's.
CREATE OR REPLACE FUNCTION kb_article_versions_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.unit_id IS NULL THEN
    SELECT unit_id INTO NEW.unit_id FROM kb_articles WHERE id = NEW.article_id;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER kb_article_versions_unit BEFORE INSERT ON "kb_article_versions"
  FOR EACH ROW EXECUTE FUNCTION kb_article_versions_unit();
