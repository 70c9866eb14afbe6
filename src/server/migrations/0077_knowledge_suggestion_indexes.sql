CREATE INDEX "tickets_done_unit_received_idx" ON "tickets" USING btree ("unit_id","received_at") WHERE state in ('resolved', 'closed');--> statement-breakpoint
-- Issue 19: suggestions while typing over 10,000 answers choose their candidates in SQL, from the
-- approved versions holding one of the typed words, instead of loading every offered answer.
ALTER TABLE "kb_article_versions" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
--> statement-breakpoint
CREATE INDEX "kb_article_versions_search_idx" ON "kb_article_versions" USING gin ("search_vector") WHERE state = 'approved';
