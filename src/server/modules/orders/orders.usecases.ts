import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  createOrderBody,
  listOrdersQuery,
  updateOrderBody,
  upsertOrderBody,
} from '../../../shared/orders';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { publishBusinessEvent } from '../../app/business-events';
import { customerInScope } from '../customers/customers.service';
import { assertCan, findUnit, scopeOf } from '../org/org.service';
import { orderErrors } from './orders.errors';
import {
  findByExternalRef,
  findByNumber,
  findOrder,
  pageOfOrders,
  type OrderWithLines,
} from './orders.repository';
import { orderLines, orders } from './orders.table';

type CreateOrderInput = z.output<typeof createOrderBody>;
type UpsertOrderInput = z.output<typeof upsertOrderBody>;

const at = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/** Paid, delivered and picked up come after the order; anything else is a typing or feed error. */
function checkInstants(orderedAt: Date, ...later: (Date | null)[]) {
  if (later.some((d) => d && d.getTime() < orderedAt.getTime())) throw orderErrors.paidBeforeOrdered();
}

async function unitFor(
  deps: Deps,
  actor: Actor,
  unitId: string,
  permission: 'orders.manage' | 'orders.import',
) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !unit.active) throw orderErrors.unitNotFound();
  assertCan(actor, permission, unit.path, orderErrors.unitNotFound);
  return unit;
}

function orderValues(input: CreateOrderInput) {
  const orderedAt = new Date(input.orderedAt);
  const values = {
    customerId: input.customerId ?? null,
    customerName: input.customerName ?? null,
    customerPhone: input.customerPhone ?? null,
    orderNo: input.orderNo,
    channel: input.channel,
    fulfilment: input.fulfilment,
    orderedAt,
    paidAt: at(input.paidAt),
    deliveredAt: at(input.deliveredAt),
    pickedUpAt: at(input.pickedUpAt),
  };
  checkInstants(orderedAt, values.paidAt, values.deliveredAt, values.pickedUpAt);
  return values;
}

async function writeLines(tx: Db, orderId: string, lines: CreateOrderInput['lines']) {
  await tx.delete(orderLines).where(eq(orderLines.orderId, orderId));
  await tx.insert(orderLines).values(
    lines.map((l, i) => ({
      orderId,
      lineNo: i + 1,
      product: l.product,
      model: l.model ?? null,
      quantity: l.quantity,
      priceFen: l.priceFen,
      paidFen: l.paidFen,
      custom: l.custom,
      clearance: l.clearance,
      specialOffer: l.specialOffer,
      packaging: l.packaging,
    })),
  );
}

/** CARE-1 retail: the sale that starts the 24-hour call and the thank-you letter. */
const placedEvent = (o: OrderWithLines) =>
  ({
    type: 'order.placed',
    orderId: o.id,
    orderNo: o.orderNo,
    unitId: o.unitId,
    customerId: o.customerId,
    at: o.orderedAt,
  }) as const;

/** An order entered at the counter, with its lines, in one transaction with its audit row. */
export async function createOrder(
  deps: Deps,
  actor: Actor,
  input: CreateOrderInput,
): Promise<OrderWithLines> {
  const unit = await unitFor(deps, actor, input.unitId, 'orders.manage');
  if (input.customerId) await customerInScope(deps, actor, input.customerId);
  const values = orderValues(input);
  if (await findByNumber(deps.db, unit.id, input.orderNo)) throw orderErrors.numberTaken();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({
        ...values,
        unitId: unit.id,
        source: 'counter',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    // Two clerks typing the same number at once: the unique index decides, the loser is told.
    if (!row) throw orderErrors.numberTaken();
    await writeLines(tx, row.id, input.lines);
    const order = (await findOrder(tx, row.id))!;
    await recordAudit(tx, now, actor, {
      action: 'order.created',
      subjectType: 'order',
      subjectId: row.id,
      unitId: unit.id,
      after: order,
    });
    await publishBusinessEvent(deps, tx, placedEvent(order));
    return order;
  });
}

/**
 * An order pushed by the shop's ERP or e-commerce platform. The same external reference again
 * updates that order (lines replaced) instead of adding one, so a feed may resend safely; an
 * unchanged resend writes nothing.
 */
export async function upsertOrder(
  deps: Deps,
  actor: Actor,
  input: UpsertOrderInput,
): Promise<{ order: OrderWithLines; created: boolean }> {
  const unit = await unitFor(deps, actor, input.unitId, 'orders.import');
  if (input.customerId) await customerInScope(deps, actor, input.customerId);
  const values = orderValues(input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const existing = await findByExternalRef(tx, unit.id, input.externalRef);
    const sameNumber = await findByNumber(tx, unit.id, input.orderNo);
    if (sameNumber && sameNumber.externalRef !== input.externalRef) throw orderErrors.numberTaken();
    if (existing) {
      const before = existing;
      if (sameAsStored(existing, values, input.lines)) return { order: existing, created: false };
      await tx
        .update(orders)
        .set({ ...values, updatedAt: now })
        .where(eq(orders.id, existing.id));
      await writeLines(tx, existing.id, input.lines);
      const order = (await findOrder(tx, existing.id))!;
      await recordAudit(tx, now, actor, {
        action: 'order.updated_by_feed',
        subjectType: 'order',
        subjectId: order.id,
        unitId: unit.id,
        before,
        after: order,
      });
      return { order, created: false };
    }
    const [row] = await tx
      .insert(orders)
      .values({
        ...values,
        unitId: unit.id,
        source: 'api',
        externalRef: input.externalRef,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeLines(tx, row!.id, input.lines);
    const order = (await findOrder(tx, row!.id))!;
    await recordAudit(tx, now, actor, {
      action: 'order.created_by_feed',
      subjectType: 'order',
      subjectId: order.id,
      unitId: unit.id,
      after: order,
    });
    await publishBusinessEvent(deps, tx, placedEvent(order));
    return { order, created: true };
  });
}

function sameAsStored(
  stored: OrderWithLines,
  values: ReturnType<typeof orderValues>,
  lines: CreateOrderInput['lines'],
): boolean {
  const norm = (v: unknown) => (v instanceof Date ? v.getTime() : v);
  const fieldsSame = (Object.keys(values) as (keyof typeof values)[]).every(
    (k) => norm(values[k]) === norm(stored[k]),
  );
  return (
    fieldsSame &&
    stored.lines.length === lines.length &&
    stored.lines.every((s, i) => {
      const l = lines[i]!;
      return (
        s.product === l.product &&
        s.model === (l.model ?? null) &&
        s.quantity === l.quantity &&
        s.priceFen === l.priceFen &&
        s.paidFen === l.paidFen &&
        s.custom === l.custom &&
        s.clearance === l.clearance &&
        s.specialOffer === l.specialOffer &&
        s.packaging === l.packaging
      );
    })
  );
}

/** One order the caller may see (ORG-1: another store's order is 404). */
export async function getOrder(deps: Deps, actor: Actor, id: string): Promise<OrderWithLines> {
  const order = await findOrder(deps.db, id);
  if (!order) throw orderErrors.notFound();
  assertCan(actor, 'orders.read', order.unitPath, orderErrors.notFound);
  return order;
}

export async function listOrders(deps: Deps, actor: Actor, query: z.output<typeof listOrdersQuery>) {
  const roots = scopeOf(actor, 'orders.read');
  return pageOfOrders(deps.db, roots, query);
}

/** Paid, delivered or picked up later than the order was entered. */
export async function updateOrderInstants(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.output<typeof updateOrderBody>,
): Promise<OrderWithLines> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await findOrder(tx, id, true);
    if (!before) throw orderErrors.notFound();
    assertCan(actor, 'orders.manage', before.unitPath, orderErrors.notFound);
    const patch = {
      ...(input.paidAt !== undefined ? { paidAt: at(input.paidAt) } : {}),
      ...(input.deliveredAt !== undefined ? { deliveredAt: at(input.deliveredAt) } : {}),
      ...(input.pickedUpAt !== undefined ? { pickedUpAt: at(input.pickedUpAt) } : {}),
    };
    checkInstants(
      before.orderedAt,
      patch.paidAt ?? null,
      patch.deliveredAt ?? null,
      patch.pickedUpAt ?? null,
    );
    await tx
      .update(orders)
      .set({ ...patch, updatedAt: now })
      .where(eq(orders.id, id));
    const order = (await findOrder(tx, id))!;
    await recordAudit(tx, now, actor, {
      action: 'order.updated',
      subjectType: 'order',
      subjectId: id,
      unitId: order.unitId,
      before,
      after: order,
    });
    return order;
  });
}

/**
 * One line with its order, for the returns module: the facts a return decision is taken on. The
 * caller must see the order (returns.request or returns.read at its unit is checked by the caller).
 */
export async function findOrderLine(db: Db, lineId: string) {
  const [row] = await db
    .select({ orderId: orderLines.orderId })
    .from(orderLines)
    .where(eq(orderLines.id, lineId));
  if (!row) return undefined;
  const order = await findOrder(db, row.orderId);
  const line = order?.lines.find((l) => l.id === lineId);
  return order && line ? { order, line } : undefined;
}
