import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import { FINAL_WORK_ORDER_STATES } from '../../../domain/workorders';
import type { Db } from '../../app/db';
import { findUnit, type UnitRow } from '../org/org.service';
import { memberships, organisationUnits, roles, users } from '../org/org.table';
import {
  technicianProfiles,
  workOrderAcceptances,
  workOrderAppointments,
  workOrderNumberCounters,
  workOrderParts,
  workOrders,
} from './workorders.table';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type NewWorkOrderRow = typeof workOrders.$inferInsert;
export type AcceptanceRow = typeof workOrderAcceptances.$inferSelect;
export type AppointmentRow = typeof workOrderAppointments.$inferSelect;
export type PartRow = typeof workOrderParts.$inferSelect;

export interface LoadedWorkOrder {
  order: WorkOrderRow;
  unit: UnitRow;
}

/** Takes the unit's next work-order number for `localDate` (one counter row per unit and day). */
export async function nextWorkOrderSequence(db: Db, unitId: string, localDate: string): Promise<number> {
  const [row] = await db
    .insert(workOrderNumberCounters)
    .values({ unitId, localDate, lastValue: 1 })
    .onConflictDoUpdate({
      target: [workOrderNumberCounters.unitId, workOrderNumberCounters.localDate],
      set: { lastValue: sql`${workOrderNumberCounters.lastValue} + 1` },
    })
    .returning({ value: workOrderNumberCounters.lastValue });
  return row!.value;
}

/** The order and its unit; `forUpdate` locks the order row so two phones cannot act on it at once. */
export async function loadWorkOrder(
  db: Db,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<LoadedWorkOrder | undefined> {
  const query = db.select().from(workOrders).where(eq(workOrders.id, id));
  const [order] = opts.forUpdate ? await query.for('update') : await query;
  if (!order) return undefined;
  const unit = await findUnit(db, order.unitId);
  return unit ? { order, unit } : undefined;
}

export async function updateWorkOrder(
  db: Db,
  id: string,
  set: Partial<NewWorkOrderRow>,
): Promise<WorkOrderRow> {
  const [row] = await db.update(workOrders).set(set).where(eq(workOrders.id, id)).returning();
  return row!;
}

/** Everything recorded around an order, for the detail page and the printed forms. */
export async function orderDetails(db: Db, id: string) {
  const parts = await db
    .select()
    .from(workOrderParts)
    .where(eq(workOrderParts.workOrderId, id))
    .orderBy(asc(workOrderParts.position));
  const acceptances = await db
    .select()
    .from(workOrderAcceptances)
    .where(eq(workOrderAcceptances.workOrderId, id));
  return { parts, acceptances };
}

export async function appointmentsOf(db: Db, id: string): Promise<AppointmentRow[]> {
  return db
    .select()
    .from(workOrderAppointments)
    .where(eq(workOrderAppointments.workOrderId, id))
    .orderBy(asc(workOrderAppointments.at));
}

export interface TechnicianRow {
  id: string;
  name: string;
  phone: string | null;
  unitId: string;
  skills: string[];
  areas: string[];
}

/**
 * A membership that makes its holder a technician: active, with `workorders.work`. The administrator
 * holds every permission to run the system, not to go out on visits.
 */
const TECHNICIAN_MEMBERSHIP = and(
  eq(users.status, 'active'),
  sql`${roles.permissions} @> array['workorders.work']::text[]`,
  ne(roles.code, 'administrator'),
);

/**
 * Units at or below `unit` where technicians hold their role — the departments (安装部, 工程部) that
 * send people out — deepest first. A work order raised at a store belongs there, so the department's
 * supervisor sees it on the board.
 */
export async function fieldServiceUnitsWithin(
  db: Db,
  unit: Pick<UnitRow, 'id'>,
): Promise<{ id: string; name: string }[]> {
  // The membership/role join has no org helper that filters by permission; read here.
  const depth = sql<number>`cardinality(${organisationUnits.path})`;
  const rows = await db
    .selectDistinct({ id: organisationUnits.id, name: organisationUnits.name, depth })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, memberships.unitId))
    .where(
      and(
        TECHNICIAN_MEMBERSHIP,
        eq(organisationUnits.active, true),
        sql`${organisationUnits.path} @> array[${unit.id}]::uuid[]`,
      ),
    )
    .orderBy(sql`${depth} desc`, asc(organisationUnits.name));
  return rows.map(({ id, name }) => ({ id, name }));
}

/**
 * People holding `workorders.work` through a membership in the unit, one of its ancestors (a
 * regional technician serves the store) or one of its units below, with their skills and areas.
 */
export async function techniciansFor(db: Db, unit: Pick<UnitRow, 'id' | 'path'>): Promise<TechnicianRow[]> {
  // The membership/role join has no org helper that filters by permission; read here.
  const rows = await db
    .selectDistinctOn([users.id], {
      id: users.id,
      name: users.displayName,
      phone: users.phone,
      unitId: memberships.unitId,
    })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, memberships.unitId))
    .where(
      and(
        TECHNICIAN_MEMBERSHIP,
        or(
          inArray(memberships.unitId, [...unit.path]),
          sql`${organisationUnits.path} @> array[${unit.id}]::uuid[]`,
        ),
      ),
    )
    .orderBy(users.id, sql`cardinality(${organisationUnits.path}) desc`);
  if (rows.length === 0) return [];
  const profiles = await db
    .select()
    .from(technicianProfiles)
    .where(
      and(
        inArray(
          technicianProfiles.userId,
          rows.map((r) => r.id),
        ),
        inArray(technicianProfiles.unitId, [...unit.path]),
      ),
    );
  return rows
    .map((r) => {
      // The profile kept nearest the order's unit wins.
      const own = profiles
        .filter((p) => p.userId === r.id)
        .sort((a, b) => unit.path.indexOf(b.unitId) - unit.path.indexOf(a.unitId))[0];
      return { ...r, skills: own?.skills ?? [], areas: own?.areas ?? [] };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The columns a list row, the dispatch board and a day's load need: no JSON documents. */
export const ROW_COLUMNS = {
  id: workOrders.id,
  number: workOrders.number,
  unitId: workOrders.unitId,
  type: workOrders.type,
  state: workOrders.state,
  customerId: workOrders.customerId,
  contactName: workOrders.contactName,
  address: workOrders.address,
  problem: workOrders.problem,
  requiredSkill: workOrders.requiredSkill,
  area: workOrders.area,
  serviceClass: workOrders.serviceClass,
  technicianId: workOrders.technicianId,
  appointmentStart: workOrders.appointmentStart,
  appointmentEnd: workOrders.appointmentEnd,
  complaintDriven: workOrders.complaintDriven,
  createdAt: workOrders.createdAt,
};
export type WorkOrderListRow = Pick<WorkOrderRow, keyof typeof ROW_COLUMNS>;

/** Booked visits (orders with a window) of some technicians between two instants. */
export async function visitsBetween(
  db: Db,
  technicianIds: string[],
  from: Date,
  to: Date,
): Promise<WorkOrderListRow[]> {
  if (technicianIds.length === 0) return [];
  return db
    .select(ROW_COLUMNS)
    .from(workOrders)
    .where(
      and(
        inArray(workOrders.technicianId, technicianIds),
        isNotNull(workOrders.appointmentStart),
        gte(workOrders.appointmentStart, from),
        lt(workOrders.appointmentStart, to),
        notInArray(workOrders.state, [...FINAL_WORK_ORDER_STATES]),
      ),
    )
    .orderBy(asc(workOrders.appointmentStart));
}

/** Orders given to these technicians with no visit booked yet (待预约): they still owe the customer a call. */
export async function unbookedOrders(db: Db, technicianIds: string[]): Promise<WorkOrderListRow[]> {
  if (technicianIds.length === 0) return [];
  return db
    .select(ROW_COLUMNS)
    .from(workOrders)
    .where(
      and(
        inArray(workOrders.technicianId, technicianIds),
        isNull(workOrders.appointmentStart),
        eq(workOrders.state, 'assigned'),
      ),
    )
    .orderBy(asc(workOrders.createdAt))
    .limit(500);
}
