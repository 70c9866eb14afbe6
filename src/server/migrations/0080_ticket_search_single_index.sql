-- Issue 23: every intake paid for two GIN indexes over the same words. A multicolumn GIN index
-- answers a condition on any of its columns as well as a one-column index would (each key is kept
-- with its column), so the scoped index of 0074 also serves a company-wide word search; the
-- one-column index only cost each new ticket a second GIN insert.
DROP INDEX IF EXISTS "tickets_search_idx";
