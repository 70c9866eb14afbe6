import { eq } from 'drizzle-orm';
import {
  computeTimeline,
  resolvePolicy,
  validateSlaPolicy,
  type SlaTarget,
  type TicketType,
} from '../../../domain/sla';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { effectiveCalendar, calendarSummary, missingYearWarning } from '../calendar/calendar.service';
import { assertCan, findUnit } from '../org/org.service';
import { fromSlaError, slaErrors } from './sla.errors';
import { presentCountsIn } from './sla.presenter';
import { TICKET_TYPES, policyRowsOnPath } from './sla.repository';
import { slaPolicies } from './sla.table';

async function unitFor(deps: Deps, actor: Actor, unitId: string, permission: 'calendar.read' | 'sla.manage') {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw slaErrors.unitNotFound();
  assertCan(actor, permission, unit.path, slaErrors.unitNotFound);
  return unit;
}

/** Effective policy per ticket type for a unit, with where each comes from, and the unit's own overrides. */
export async function getPolicies(deps: Deps, actor: Actor, unitId: string) {
  const unit = await unitFor(deps, actor, unitId, 'calendar.read');
  const rows = await policyRowsOnPath(deps.db, unit.path);
  const calendar = await calendarSummary(deps.db, unit);
  return {
    unitId,
    calendar,
    effective: TICKET_TYPES.map((type) => {
      const eff = resolvePolicy(rows, unit, type);
      return {
        ticketType: type,
        source: eff.source,
        sourceUnitId: eff.sourceUnitId,
        targets: eff.policy.targets,
        countsIn: eff.policy.targets.map((t) => presentCountsIn(t.allowed, calendar)),
      };
    }),
    own: rows
      .filter((r) => r.unitId === unit.id)
      .map((r) => ({ ticketType: r.ticketType as TicketType, priority: r.priority, targets: r.targets })),
  };
}

export interface PolicyOverrideInput {
  ticketType: TicketType;
  priority?: string | null;
  targets: SlaTarget[];
}

/** PUT: replaces the unit's own overrides (an empty list = inherit everything). Audited. */
export async function putPolicies(deps: Deps, actor: Actor, unitId: string, input: PolicyOverrideInput[]) {
  const unit = await unitFor(deps, actor, unitId, 'sla.manage');
  try {
    for (const p of input) validateSlaPolicy({ key: p.ticketType, targets: p.targets });
  } catch (err) {
    fromSlaError(err);
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await tx.select().from(slaPolicies).where(eq(slaPolicies.unitId, unit.id));
    await tx.delete(slaPolicies).where(eq(slaPolicies.unitId, unit.id));
    if (input.length > 0) {
      await tx.insert(slaPolicies).values(
        input.map((p) => ({
          unitId: unit.id,
          ticketType: p.ticketType,
          priority: p.priority ?? null,
          targets: p.targets,
          updatedAt: now,
          updatedBy: actor.userId,
        })),
      );
    }
    await recordAudit(tx, now, actor, {
      action: 'sla.policies.updated',
      subjectType: 'sla_policy',
      subjectId: unit.id,
      unitId: unit.id,
      before,
      after: input,
    });
  });
  return getPolicies(deps, actor, unitId);
}

/**
 * The deadline calculator (时限计算器): every target's due time for a ticket taken in at
 * `intakeAt`. A target that starts on the previous one being met is shown as if that was met
 * right at its due time (the latest it can start in time).
 */
export async function calculate(
  deps: Deps,
  actor: Actor,
  input: {
    unitId: string;
    ticketType: TicketType;
    priority?: string | null;
    intakeAt: Date;
    committedAt?: Date | null;
  },
) {
  const unit = await unitFor(deps, actor, input.unitId, 'calendar.read');
  const [cal, rows] = await Promise.all([
    effectiveCalendar(deps.db, unit),
    policyRowsOnPath(deps.db, unit.path),
  ]);
  const eff = resolvePolicy(rows, unit, input.ticketType, input.priority ?? null);
  const missing = new Set<number>();
  let previousDue: number | null = null;
  const targets = eff.policy.targets.map((target) => {
    let start: number | null = null;
    let note: 'starts_on_previous_met' | 'needs_committed_date' | 'starts_on_event' | null = null;
    if (target.startsOn === 'intake') start = input.intakeAt.getTime();
    else if (target.startsOn === 'previous_met') {
      start = previousDue;
      note = 'starts_on_previous_met';
    } else if (target.startsOn === 'committed_date_set') {
      start = input.committedAt ? input.intakeAt.getTime() : null;
      if (!input.committedAt) note = 'needs_committed_date';
    } else note = 'starts_on_event';
    let timeline: ReturnType<typeof computeTimeline> | null = null;
    if (start !== null) {
      try {
        timeline = computeTimeline(
          target,
          start,
          cal,
          [],
          input.committedAt ? { committedAt: input.committedAt } : {},
        );
      } catch (err) {
        fromSlaError(err);
      }
      timeline.missingYears.forEach((y) => missing.add(y));
    }
    previousDue = timeline?.due ?? null;
    const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());
    return {
      key: target.key,
      startsOn: target.startsOn,
      allowed: target.allowed,
      pausesWhenPendingCustomer: target.pausesWhenPendingCustomer,
      startsAt: start === null ? null : new Date(start).toISOString(),
      dueAt: iso(timeline?.due),
      atRiskAt: iso(timeline?.atRiskAt),
      secondBreachAt: iso(timeline?.secondBreachAt),
      note,
    };
  });
  // Only the years these deadlines actually fall in: the calendar page warns about next year.
  const missingYears = [...missing].sort((a, b) => a - b);
  return {
    unitId: unit.id,
    ticketType: input.ticketType,
    timeZone: cal.timeZone,
    policySource: eff.source,
    intakeAt: input.intakeAt.toISOString(),
    targets,
    missingYears,
    warnings: [missingYearWarning(missingYears)].filter((w) => w !== null),
  };
}
