import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { wordsQuery } from '../../app/chinese-text';
import { rowsOf, type Db } from '../../app/db';
import { commonWordShares } from '../../app/word-stats';
import { ticketEvents, tickets } from './tickets.table';

// Up to this many units, each unit's tickets are read on their own (a store and its departments).
const LATERAL_UNITS = 16;
// Newest resolved tickets of a unit read at most when a word is common in the table.
const RECENT_WINDOW = 1000;
// A word in at most this share of all tickets is rare enough to be looked up in the word index.
const RARE_WORD_SHARE = 0.002;

export interface SimilarTicketCandidate {
  id: string;
  number: string;
  type: string;
  subject: string;
  state: string;
  receivedAt: Date;
  /** The ticket's search words (jieba tokens), for ranking by the caller. */
  searchText: string;
}

/**
 * KB-3: resolved or closed tickets of the given units holding any of the words, newest first, at
 * most `limit` — the candidates the knowledge module ranks by relevance. Any-word matching uses the
 * search vector; the newest-first cap keeps the read bounded on a large history, where the recent
 * case is usually the one that helps. Common words walk the partial index of resolved and closed
 * tickets by unit and intake time (never the open ones); rare words take the GIN index of unit and
 * search vector (decision 0007, migration 0074).
 */
export async function similarTicketCandidates(
  db: Db,
  input: { unitIds: readonly string[]; words: readonly string[]; limit: number; excludeId?: string | null },
): Promise<SimilarTicketCandidate[]> {
  if (input.unitIds.length === 0 || input.words.length === 0) return [];
  const query = wordsQuery(input.words, '|');
  if (input.unitIds.length <= LATERAL_UNITS) {
    // A store agent's few units: each unit's own resolved tickets, merged — never a walk past other
    // units' or open tickets. Words all rare in the whole table (PostgreSQL's statistics) are looked
    // up in the unit's word index; otherwise the unit's newest resolved tickets are read through the
    // partial index, at most RECENT_WINDOW of them, so a word common elsewhere but rare in this unit
    // cannot walk the unit's whole history ("= any(array[…])" keeps the planner on that index).
    const shares = await commonWordShares(db, 'tickets', input.words);
    const rare = input.words.every((w) => (shares.get(w) ?? 0) <= RARE_WORD_SHARE);
    const rows = rowsOf<{
      id: string;
      number: string;
      type: string;
      subject: string;
      state: string;
      receivedAt: Date | string;
      searchText: string;
    }>(
      await db.execute(sql`
        select t.* from unnest(array[${sql.join(
          input.unitIds.map((u) => sql`${u}`),
          sql`, `,
        )}]::uuid[]) u(id)
        cross join lateral (
          select id, number, type, subject, state, received_at "receivedAt", search_text "searchText"
          from (
            select * from tickets
            where unit_id = any(array[u.id]) and state in ('resolved', 'closed')
              ${rare ? sql`and search_vector @@ to_tsquery('simple', ${query})` : sql``}
            order by unit_id desc, received_at desc
            limit ${rare ? input.limit : RECENT_WINDOW}
          ) recent
          where search_vector @@ to_tsquery('simple', ${query})
            ${input.excludeId ? sql`and id <> ${input.excludeId}` : sql``}
          limit ${input.limit}
        ) t
        order by t."receivedAt" desc
        limit ${input.limit}`),
    );
    return rows.map((r) => ({ ...r, receivedAt: new Date(r.receivedAt) }));
  }
  const rows = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      type: tickets.type,
      subject: tickets.subject,
      state: tickets.state,
      receivedAt: tickets.receivedAt,
      searchText: tickets.searchText,
    })
    .from(tickets)
    .where(
      and(
        inArray(tickets.unitId, [...input.unitIds]),
        inArray(tickets.state, ['resolved', 'closed']),
        sql`${tickets}.search_vector @@ to_tsquery('simple', ${query})`,
        input.excludeId ? sql`${tickets.id} <> ${input.excludeId}` : undefined,
      ),
    )
    .orderBy(desc(tickets.receivedAt))
    .limit(input.limit);
  return rows;
}

/** The last reply to the customer of each ticket: how the case was answered or resolved. */
export async function ticketResolutions(
  db: Db,
  ticketIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (ticketIds.length === 0) return new Map();
  const replies = await db
    .selectDistinctOn([ticketEvents.ticketId], { ticketId: ticketEvents.ticketId, body: ticketEvents.body })
    .from(ticketEvents)
    .where(
      and(
        inArray(ticketEvents.ticketId, [...ticketIds]),
        eq(ticketEvents.type, 'reply'),
        eq(ticketEvents.visibility, 'customer'),
      ),
    )
    .orderBy(ticketEvents.ticketId, desc(ticketEvents.at));
  return new Map(replies.map((r) => [r.ticketId, typeof r.body.text === 'string' ? r.body.text : null]));
}
