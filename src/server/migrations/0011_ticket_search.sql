-- Ticket search (issue #4). Words: search_text holds jieba tokens (subject, description, replies,
-- notes, customer name, number, phone), indexed with the 'simple' configuration so PGlite and
-- PostgreSQL behave alike.
CREATE INDEX "tickets_search_idx" ON "tickets" USING gin (to_tsvector('simple', "search_text"));
--> statement-breakpoint
-- Ticket number typed from its start (T2026030200012 or just 20260302…): a prefix LIKE needs pattern ops.
CREATE INDEX "tickets_number_prefix_idx" ON "tickets" USING btree ("number" text_pattern_ops);
--> statement-breakpoint
-- Part of the contact phone as typed ('5678', '138 1234'): digits only, substring match through trigrams.
CREATE INDEX "tickets_contact_phone_digits_trgm_idx" ON "tickets" USING gin (regexp_replace(coalesce("contact_phone", ''), '[^0-9]', '', 'g') gin_trgm_ops);
