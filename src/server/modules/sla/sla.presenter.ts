import type { SlaTarget } from '../../../domain/sla';
import type { Db } from '../../app/db';
import { calendarSummary, type CalendarSummary } from '../calendar/calendar.service';
import { findUnit } from '../org/org.service';
/** What a target's clock counts: the unit's working hours, natural time (24×7) or the committed date. */
export type CountsInBasis = 'working_time' | 'calendar_time' | 'committed_date';

export interface CountsIn {
  basis: CountsInBasis;
  /** The calendar working time counts in; null for natural time and committed dates. */
  calendar: CalendarSummary | null;
}

/** SLA-1/SLA-2: which calendar a target with this allowance counts in. */
export function presentCountsIn(allowed: SlaTarget['allowed'], calendar: CalendarSummary): CountsIn {
  if (allowed.unit === 'committed_date') return { basis: 'committed_date', calendar: null };
  if (allowed.unit === 'calendar_minutes' || allowed.unit === 'calendar_hours')
    return { basis: 'calendar_time', calendar: null };
  return { basis: 'working_time', calendar };
}

/** The calendar each running target counts in (its unit's), read once per distinct unit. */
export async function countsInOfTargets(
  db: Db,
  targets: readonly { id: string; unitId: string; definition: SlaTarget }[],
): Promise<Map<string, CountsIn>> {
  const summaries = new Map<string, CalendarSummary | null>();
  for (const unitId of new Set(targets.map((t) => t.unitId))) {
    const unit = await findUnit(db, unitId);
    summaries.set(unitId, unit ? await calendarSummary(db, unit) : null);
  }
  const out = new Map<string, CountsIn>();
  for (const t of targets) {
    const summary = summaries.get(t.unitId);
    if (summary) out.set(t.id, presentCountsIn(t.definition.allowed, summary));
  }
  return out;
}
