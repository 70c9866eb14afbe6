import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './db';

/**
 * The share of rows holding each word, for the words among the most common elements of a table's
 * `search_vector` column by PostgreSQL's own statistics (ANALYZE); words not listed are rarer than
 * the statistics keep (or the table has none yet) and are left out. One catalogue read.
 */
export async function commonWordShares(
  db: Db,
  table: 'tickets' | 'kb_article_versions',
  words: readonly string[],
): Promise<Map<string, number>> {
  if (words.length === 0) return new Map();
  const rows = rowsOf<{ word: string; share: number }>(
    await db.execute(sql`
      select x.word, x.share::float8 share
      from pg_stats s,
        unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as x(word, share)
      where s.schemaname = current_schema() and s.tablename = ${table}
        and s.attname = 'search_vector'
        and x.word in (${sql.join(
          words.map((w) => sql`${w}`),
          sql`, `,
        )})`),
  );
  return new Map(rows.map((r) => [r.word, Number(r.share)]));
}
