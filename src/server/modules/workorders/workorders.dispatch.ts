/**
 * The supervisor's dispatch board (REP-1, REP-3): unassigned orders, and the unit's technicians
 * with skills, areas, the day's booked visits, orders still to book, load and overlapping windows; and keeping the
 * technicians' skills and areas.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import { localDateOf } from '../../../domain/calendar';
import { conflictingVisits, dayLoad } from '../../../domain/workorders';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { findUnit } from '../org/org.service';
import { workOrderErrors } from './workorders.errors';
import { dayBounds } from './workorders.field';
import { presentRows } from './workorders.queries';
import {
  fieldServiceUnitsWithin,
  ROW_COLUMNS,
  techniciansFor,
  unbookedOrders,
  visitsBetween,
} from './workorders.repository';
import { organisationUnits } from '../org/org.table';
import { technicianProfiles, workOrders } from './workorders.table';

async function dispatchUnit(deps: Deps, actor: Actor, unitId: string) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, 'workorders.dispatch', unit.path)) throw workOrderErrors.unitNotFound();
  return unit;
}

/** Unassigned orders of the unit (and below) and each technician's day on `date` (unit-local). */
export async function dispatchBoard(deps: Deps, actor: Actor, unitId: string, date: string | undefined) {
  const unit = await dispatchUnit(deps, actor, unitId);
  const day = date ?? localDateOf(deps.clock.now(), unit.timezone);
  const { from, to } = dayBounds(day, unit.timezone);
  // The unit's subtree from the organisation table (no org helper lists it), then the orders of
  // those units waiting for a technician through the (unit, state) index.
  const subtree = await deps.db
    .select({ id: organisationUnits.id })
    .from(organisationUnits)
    .where(sql`${organisationUnits.path} @> array[${unit.id}]::uuid[]`);
  const unassigned = await deps.db
    .select({ order: ROW_COLUMNS })
    .from(workOrders)
    .where(
      and(
        inArray(
          workOrders.unitId,
          subtree.map((u) => u.id),
        ),
        eq(workOrders.state, 'new'),
        isNull(workOrders.technicianId),
      ),
    )
    .orderBy(asc(workOrders.createdAt))
    .limit(500);
  const technicians = await techniciansFor(deps.db, unit);
  const visits = await visitsBetween(
    deps.db,
    technicians.map((t) => t.id),
    from,
    to,
  );
  // Assigned but not yet booked: on nobody's hour axis, yet the technician's work all the same.
  const toBook = await unbookedOrders(
    deps.db,
    technicians.map((t) => t.id),
  );
  const presented = await presentRows(deps.db, [...unassigned.map((r) => r.order), ...visits, ...toBook]);
  const byId = new Map(presented.map((p) => [p.id, p]));
  return {
    unitId: unit.id,
    date: day,
    unassigned: unassigned.map((r) => byId.get(r.order.id)!),
    technicians: technicians.map((t) => {
      const mine = visits.filter((v) => v.technicianId === t.id);
      const windows = mine.map((v) => ({ id: v.id, start: v.appointmentStart!, end: v.appointmentEnd! }));
      return {
        ...t,
        visits: mine.map((v) => byId.get(v.id)!),
        toBook: toBook.filter((o) => o.technicianId === t.id).map((o) => byId.get(o.id)!),
        load: dayLoad(windows),
        conflicts: conflictingVisits(windows).map(([a, b]) => ({ a, b })),
      };
    }),
  };
}

/** The technicians who can be sent for a unit's orders, with their skills and areas. */
export async function listTechnicians(deps: Deps, actor: Actor, unitId: string) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, 'workorders.read', unit.path)) throw workOrderErrors.unitNotFound();
  return techniciansFor(deps.db, unit);
}

/** Where a work order raised at this unit is best dispatched from: its field-service departments. */
export async function listFieldServiceUnits(deps: Deps, actor: Actor, unitId: string) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, 'workorders.create', unit.path)) throw workOrderErrors.unitNotFound();
  return fieldServiceUnitsWithin(deps.db, unit);
}

/** Keeps a technician's skills and areas for a unit (REP-1). */
export async function setTechnicianProfile(
  deps: Deps,
  actor: Actor,
  userId: string,
  input: { unitId: string; skills: string[]; areas: string[] },
) {
  const unit = await dispatchUnit(deps, actor, input.unitId);
  const technician = (await techniciansFor(deps.db, unit)).find((t) => t.id === userId);
  if (!technician) throw workOrderErrors.technicianNotFound();
  const skills = [...new Set(input.skills.map((s) => s.trim()).filter(Boolean))];
  const areas = [...new Set(input.areas.map((s) => s.trim()).filter(Boolean))];
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    await tx
      .insert(technicianProfiles)
      .values({ userId, unitId: unit.id, skills, areas, updatedAt: now })
      .onConflictDoUpdate({
        target: [technicianProfiles.userId, technicianProfiles.unitId],
        set: { skills, areas, updatedAt: now },
      });
    await recordAudit(tx, now, actor, {
      action: 'technician.profile_set',
      subjectType: 'user',
      subjectId: userId,
      unitId: unit.id,
      before: { skills: technician.skills, areas: technician.areas },
      after: { skills, areas },
    });
    return { ...technician, skills, areas };
  });
}
