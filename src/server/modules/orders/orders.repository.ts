import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { unitsWithin } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { orderLines, orders } from './orders.table';

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export interface OrderWithLines extends OrderRow {
  unitName: string;
  unitPath: string[];
  lines: OrderLineRow[];
}

async function withLines(db: Db, rows: (OrderRow & { unitName: string; unitPath: string[] })[]) {
  if (rows.length === 0) return [];
  const lines = await db
    .select()
    .from(orderLines)
    .where(
      inArray(
        orderLines.orderId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(orderLines.lineNo));
  return rows.map((r) => ({ ...r, lines: lines.filter((l) => l.orderId === r.id) }));
}

const withUnit = { unitName: organisationUnits.name, unitPath: organisationUnits.path };

/** One order with its unit and lines; `forUpdate` locks the order row for the caller's transaction. */
export async function findOrder(db: Db, id: string, forUpdate = false): Promise<OrderWithLines | undefined> {
  const q = db
    .select({ order: orders, ...withUnit })
    .from(orders)
    .innerJoin(organisationUnits, eq(organisationUnits.id, orders.unitId))
    .where(eq(orders.id, id));
  const [row] = forUpdate ? await q.for('update', { of: orders }) : await q;
  if (!row) return undefined;
  const [full] = await withLines(db, [{ ...row.order, unitName: row.unitName, unitPath: row.unitPath }]);
  return full;
}

/** The order a shop pushed under `externalRef`, locked for the upsert. */
export async function findByExternalRef(db: Db, unitId: string, externalRef: string) {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.unitId, unitId), eq(orders.externalRef, externalRef)))
    .for('update');
  return row ? findOrder(db, row.id) : undefined;
}

export async function findByNumber(db: Db, unitId: string, orderNo: string) {
  const [row] = await db
    .select({ id: orders.id, externalRef: orders.externalRef })
    .from(orders)
    .where(and(eq(orders.unitId, unitId), eq(orders.orderNo, orderNo)));
  return row;
}

/** A page of orders within the given unit roots, newest first. */
export async function pageOfOrders(
  db: Db,
  roots: readonly string[],
  filter: { unitId?: string; customerId?: string; q?: string; page: number; pageSize: number },
) {
  const where = and(
    unitsWithin([...roots]),
    filter.unitId ? sql`${filter.unitId} = any(${organisationUnits.path})` : undefined,
    filter.customerId ? eq(orders.customerId, filter.customerId) : undefined,
    filter.q
      ? or(
          ilike(orders.orderNo, `%${filter.q}%`),
          ilike(orders.customerName, `%${filter.q}%`),
          ilike(orders.customerPhone, `%${filter.q}%`),
        )
      : undefined,
  );
  const rows = await db
    .select({ order: orders, ...withUnit })
    .from(orders)
    .innerJoin(organisationUnits, eq(organisationUnits.id, orders.unitId))
    .where(where)
    .orderBy(desc(orders.orderedAt), desc(orders.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(orders)
    .innerJoin(organisationUnits, eq(organisationUnits.id, orders.unitId))
    .where(where);
  return {
    items: await withLines(
      db,
      rows.map((r) => ({ ...r.order, unitName: r.unitName, unitPath: r.unitPath })),
    ),
    total: Number(total?.n ?? 0),
  };
}
