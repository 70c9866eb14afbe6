import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { ticketEvents, tickets } from './tickets.table';

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
  const query = input.words.map((w) => `'${w.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`).join(' | ');
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
