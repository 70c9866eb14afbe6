/**
 * SLA-9: the hotline report's read of its rollup (report_call_hours, kept by reports.rollups.ts).
 * A view sums the unit-days of a range per local hour and agent: at most 24 × agents rows, whatever
 * the number of calls. The telephony module names the people and derives the figures.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { HotlineTotals } from '../../../domain/reports';
import { rowsOf, type Db } from '../../app/db';

export interface CallHourTotals extends HotlineTotals {
  hour: number;
  agentId: string | null;
  /** Rang but neither answered nor ended when the rollup was refreshed. */
  ringing: number;
}

/**
 * The rollup's sums per local hour and agent over the units `within` (a condition on
 * organisation_units) and local dates from…to (inclusive), optionally for one agent.
 */
export async function callHourTotals(
  db: Db,
  q: { within: SQL; from: string; to: string; agentId?: string | undefined },
): Promise<CallHourTotals[]> {
  const rows = rowsOf<Record<keyof CallHourTotals, number | string | null>>(
    await db.execute(sql`
      select r.hour, r.agent_id as "agentId", sum(r.offered)::int as calls, sum(r.answered)::int as answered,
        sum(r.answered_in_target)::int as "answeredInTarget", sum(r.abandoned)::int as abandoned,
        sum(r.ringing)::int as ringing, sum(r.answer_ms)::float8 as "answerMs", sum(r.talked)::int as talked,
        sum(r.talk_seconds)::float8 as "talkSeconds"
      from report_call_hours r
      join organisation_units on organisation_units.id = r.unit_id
      where ${q.within} and r.day >= ${q.from}::date and r.day <= ${q.to}::date
        ${q.agentId ? sql`and r.agent_id = ${q.agentId}::uuid` : sql``}
      group by r.hour, r.agent_id`),
  );
  return rows.map((r) => ({
    hour: Number(r.hour),
    agentId: r.agentId === null ? null : String(r.agentId),
    calls: Number(r.calls),
    answered: Number(r.answered),
    answeredInTarget: Number(r.answeredInTarget),
    abandoned: Number(r.abandoned),
    ringing: Number(r.ringing),
    answerMs: Number(r.answerMs),
    talked: Number(r.talked),
    talkSeconds: Number(r.talkSeconds),
  }));
}
