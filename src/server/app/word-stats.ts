import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './db';

type SearchTable = 'tickets' | 'kb_article_versions';

export interface WordStats {
  /** The table's row count as PostgreSQL last estimated it (VACUUM/ANALYZE); null before any. */
  rows: number | null;
  /** The share of rows holding each word, for the words among the most common elements. */
  shares: ReadonlyMap<string, number>;
}

// PostgreSQL refreshes these statistics at ANALYZE (autovacuum: minutes apart at the soonest), so a
// read is kept this long per database and table instead of costing a round trip per keystroke.
const KEPT_MS = 60_000;
const kept = new WeakMap<Db, Map<SearchTable, { at: number; stats: Promise<WordStats> }>>();

/**
 * The most common elements of a table's `search_vector` column by PostgreSQL's own statistics
 * (ANALYZE) with the share of rows holding each, and the table's estimated row count; words not
 * listed are rarer than the statistics keep (or the table has none yet). One catalogue read,
 * kept for a minute.
 */
export function wordStats(db: Db, table: SearchTable): Promise<WordStats> {
  let byTable = kept.get(db);
  if (!byTable) kept.set(db, (byTable = new Map()));
  const now = performance.now();
  const hit = byTable.get(table);
  if (hit && now - hit.at < KEPT_MS) return hit.stats;
  const stats = readWordStats(db, table);
  byTable.set(table, { at: now, stats });
  // A failed read is not kept.
  stats.catch(() => byTable.delete(table));
  return stats;
}

/** Drops the kept statistics of a database (after an ANALYZE run by hand, as a test does). */
export function forgetWordStats(db: Db): void {
  kept.delete(db);
}

async function readWordStats(db: Db, table: SearchTable): Promise<WordStats> {
  const [row] = rowsOf<{ rows: number; words: string[] | null; shares: (number | string)[] | null }>(
    await db.execute(sql`
      select c.reltuples::float8 "rows", s.most_common_elems::text::text[] words,
        s.most_common_elem_freqs::float8[] shares
      from pg_class c
      left join pg_stats s on s.schemaname = current_schema() and s.tablename = ${table}
        and s.attname = 'search_vector'
      where c.oid = to_regclass(${table})`),
  );
  const words = row?.words ?? [];
  const shares = row?.shares ?? [];
  return {
    // -1 (PostgreSQL 14+) or 0: never vacuumed or analyzed.
    rows: row && Number(row.rows) > 0 ? Number(row.rows) : null,
    // The shares array ends with three more figures (lowest, highest, null share): not words.
    shares: new Map(words.map((w, i) => [w, Number(shares[i])])),
  };
}

/** The share of rows holding each of the words listed among the most common (see `wordStats`). */
export async function commonWordShares(
  db: Db,
  table: SearchTable,
  words: readonly string[],
): Promise<Map<string, number>> {
  if (words.length === 0) return new Map();
  const { shares } = await wordStats(db, table);
  return new Map(words.flatMap((w) => (shares.has(w) ? [[w, shares.get(w)!] as const] : [])));
}
