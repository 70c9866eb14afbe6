/**
 * CL-2: a direct consultation is answered only from a current approved answer (KB-1), whether it is
 * closed at intake or later from the ticket page. The knowledge base lends the check.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../app/context';
import { ticketErrors } from './tickets.errors';
import { ticketEvents } from './tickets.table';

/**
 * The knowledge base's check: it refuses an answer not offered now or a reply that is not its text,
 * and records the use with the ticket (once per ticket and answer). With no article named it takes
 * the answer last inserted into this ticket, or answers null when none was.
 */
export type ApprovedAnswerSource = (
  deps: Deps,
  actor: Actor,
  use: { articleId: string | null; ticketId: string; reply: string | null },
) => Promise<{ reply: string; question: string; version: number } | null>;
let approvedAnswerSource: ApprovedAnswerSource | null = null;
export function registerApprovedAnswerSource(source: ApprovedAnswerSource): void {
  approvedAnswerSource = source;
}

export function checkApprovedAnswer(
  deps: Deps,
  actor: Actor,
  use: { articleId: string | null; ticketId: string; reply: string | null },
) {
  if (!approvedAnswerSource) throw ticketErrors.directAnswerNotApproved();
  return approvedAnswerSource(deps, actor, use).then((used) => {
    if (!used) throw ticketErrors.directAnswerNotApproved();
    return used;
  });
}

/** The text of the ticket's last customer-visible answer, if it has one. */
export async function lastAnswerText(deps: Deps, ticketId: string): Promise<string | null> {
  const [row] = await deps.db
    .select({ body: ticketEvents.body })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.ticketId, ticketId),
        eq(ticketEvents.type, 'reply'),
        sql`${ticketEvents.body}->>'kind' = 'answer'`,
      ),
    )
    .orderBy(desc(ticketEvents.at), desc(ticketEvents.seq))
    .limit(1);
  return typeof row?.body.text === 'string' ? row.body.text : null;
}
