-- Issue 23: word search as a store agent at 1,000,000 tickets. The agent's units and the words are
-- looked up in one GIN index (btree_gin makes unit_id a GIN key), so a word common in other stores
-- but rare in the agent's own reads only the agent's matches, not every match filtered afterwards.
CREATE EXTENSION IF NOT EXISTS btree_gin;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tickets_unit_search_idx" ON "tickets" USING gin ("unit_id", "search_vector");
