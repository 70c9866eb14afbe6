import type { SlaTarget } from '../../../domain/sla';
import type { Deps } from '../../app/context';
import { calendarSummary, type CalendarSummary } from '../calendar/calendar.service';
import { findUnitRecent, orgCache } from '../org/org.service';
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

/**
 * The calendar each running target counts in (its unit's), read once per distinct unit. Every ticket
 * page and every intake's answer shows it, so a unit's summary is kept as the organisation's other
 * settings are (ORG_CACHE_MS; calendar, SLA and unit writes clear it on every instance).
 */
export async function countsInOfTargets(
  deps: Pick<Deps, 'database' | 'db' | 'clock'>,
  targets: readonly { id: string; unitId: string; definition: SlaTarget }[],
): Promise<Map<string, CountsIn>> {
  const summaries = new Map<string, CalendarSummary | undefined>();
  const kept = orgCache<CalendarSummary>(deps, 'calendar-summary');
  for (const unitId of new Set(targets.map((t) => t.unitId))) {
    const summary = await kept.remember(unitId, deps.clock.now(), async () => {
      const unit = await findUnitRecent(deps, unitId);
      return unit ? calendarSummary(deps.db, unit) : undefined;
    });
    summaries.set(unitId, summary);
  }
  const out = new Map<string, CountsIn>();
  for (const t of targets) {
    const summary = summaries.get(t.unitId);
    if (summary) out.set(t.id, presentCountsIn(t.definition.allowed, summary));
  }
  return out;
}
