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
  /** The last reply to the customer: how the case was answered or resolved. */
  resolution: string | null;
}

/**
 * KB-3: resolved or closed tickets of the given units holding any of the words, newest first, at
 * most `limit` — the candidates the knowledge module ranks by relevance. Any-word matching uses the
 * GIN-indexed search vector (decision 0007); the newest-first cap keeps the read bounded on a large
 * history, where the recent case is usually the one that helps.
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
  if (rows.length === 0) return [];
  const replies = await db
    .selectDistinctOn([ticketEvents.ticketId], { ticketId: ticketEvents.ticketId, body: ticketEvents.body })
    .from(ticketEvents)
    .where(
      and(
        inArray(
          ticketEvents.ticketId,
          rows.map((r) => r.id),
        ),
        eq(ticketEvents.type, 'reply'),
        eq(ticketEvents.visibility, 'customer'),
      ),
    )
    .orderBy(ticketEvents.ticketId, desc(ticketEvents.at));
  const byTicket = new Map(
    replies.map((r) => [r.ticketId, typeof r.body.text === 'string' ? r.body.text : null]),
  );
  return rows.map((r) => ({ ...r, resolution: byTicket.get(r.id) ?? null }));
}
