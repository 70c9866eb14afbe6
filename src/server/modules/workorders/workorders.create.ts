/**
 * Creating and describing work orders (REP-1): from a repair/installation/complaint ticket or on
 * their own, numbered per unit and day, with the paid/free class proposed (PAY-1/2/5) and the
 * SLA-6 repair targets started.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import { localDateOf } from '../../../domain/calendar';
import {
  isEditable,
  proposeServiceClass,
  formatWorkOrderNumber,
  type FaultCause,
  type ServiceClassDecision,
  type WorkOrderType,
} from '../../../domain/workorders';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { findCustomerRow, loadChildren } from '../customers/customers.service';
import { findUnit, type UnitRow } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { orderLines, orders } from '../orders/orders.table';
import { startTargets } from '../sla/sla.service';
import { loadTicket } from '../tickets/tickets.service';
import { editWorkOrder } from './workorders.access';
import { workOrderErrors } from './workorders.errors';
import { fieldServiceUnitsWithin, nextWorkOrderSequence, type WorkOrderRow } from './workorders.repository';
import { maintenanceContracts } from './pricing.table';
import { submitFieldRecord } from './workorders.approvals';
import { missingDispatchFacts } from './workorders.facts';
import { workOrders, type FactsClarification, type PartNeeded } from './workorders.table';

export const WORK_ORDER_SUBJECT = 'work_order';
/** SLA-6 applies to repairs; the unit's 'repair' policy (editable in 时限策略) gives the targets. */
const SLA_TYPES: readonly WorkOrderType[] = ['repair', 'carry_in'];

export interface CreateWorkOrderInput {
  unitId: string;
  type: WorkOrderType;
  ticketId?: string | undefined;
  customerId?: string | undefined;
  assetId?: string | undefined;
  /** SAT-1: the sales order delivered or installed; its lines are accepted item by item. */
  orderId?: string | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  address?: string | undefined;
  /** REP-1: product/model and purchase date when no asset of the archive carries them. */
  productModel?: string | undefined;
  purchaseDate?: string | undefined;
  problem: string;
  requiredSkill?: string | undefined;
  area?: string | undefined;
  partsNeeded?: PartNeeded[] | undefined;
  source?: 'after_sales' | 'sales' | 'project' | undefined;
  faultCause?: FaultCause | undefined;
  complaintDriven?: boolean | undefined;
}

/** PAY-2 facts of an order: the asset's warranty end and any maintenance contract covering it. */
export async function serviceClassFor(
  db: Db,
  o: Pick<WorkOrderRow, 'type' | 'faultCause' | 'customerId' | 'assetId' | 'appointmentStart'>,
  unit: Pick<UnitRow, 'timezone'>,
  now: Date,
): Promise<ServiceClassDecision> {
  const onDate = localDateOf(o.appointmentStart ?? now, unit.timezone);
  let warrantyEnd: string | null = null;
  let contractCovers = false;
  if (o.customerId) {
    if (o.assetId) {
      const { assets } = await loadChildren(db, [o.customerId]);
      warrantyEnd = assets.find((a) => a.id === o.assetId)?.warrantyEnd ?? null;
    }
    const [contract] = await db
      .select({ id: maintenanceContracts.id })
      .from(maintenanceContracts)
      .where(
        and(
          eq(maintenanceContracts.customerId, o.customerId),
          o.assetId
            ? or(isNull(maintenanceContracts.assetId), eq(maintenanceContracts.assetId, o.assetId))
            : isNull(maintenanceContracts.assetId),
          lte(maintenanceContracts.startsOn, onDate),
          gte(maintenanceContracts.endsOn, onDate),
        ),
      )
      .limit(1);
    contractCovers = !!contract;
  }
  return proposeServiceClass({ type: o.type, faultCause: o.faultCause, onDate, warrantyEnd, contractCovers });
}

/**
 * Issue 18 item 7: an order raised at store level is the responsibility of the store's department
 * whose technicians go out (the deepest field-service unit below it), so that department's
 * supervisor sees and dispatches it; the store still sees it from above. A store whose technicians
 * belong to the store itself keeps the order.
 */
async function responsibleUnit(db: Db, raisedAt: UnitRow): Promise<UnitRow> {
  if (raisedAt.kind !== 'store') return raisedAt;
  const [deepest] = await fieldServiceUnitsWithin(db, raisedAt);
  if (!deepest || deepest.id === raisedAt.id) return raisedAt;
  return (await findUnit(db, deepest.id)) ?? raisedAt;
}

/** The customer's record when the actor may use it for an order of `unit`, and the asset check. */
/**
 * SAT-1: a sales order of a unit the caller sees orders or work orders in (404 otherwise) and, when
 * both name one, of the order's customer (422 otherwise).
 */
async function linkableOrder(db: Db, actor: Actor, orderId: string, customerId: string | null) {
  const [row] = await db
    .select({ id: orders.id, customerId: orders.customerId, unitPath: organisationUnits.path })
    .from(orders)
    .innerJoin(organisationUnits, eq(organisationUnits.id, orders.unitId))
    .where(eq(orders.id, orderId));
  // Orders of the units whose field work the caller sees (a dispatcher need not manage sales).
  const visible =
    row &&
    (can(actor.grants, 'orders.read', row.unitPath) || can(actor.grants, 'workorders.read', row.unitPath));
  if (!visible) throw workOrderErrors.orderNotFound();
  if (row.customerId && customerId && row.customerId !== customerId)
    throw workOrderErrors.orderOfOtherCustomer();
  return row.id;
}

/**
 * SAT-1: the customer's orders the caller could link (the same visibility as `linkableOrder`),
 * newest first, at most 50, each with its first products; an unknown or unseen customer has none.
 */
export async function listLinkableOrders(deps: Deps, actor: Actor, customerId: string) {
  const found = await findCustomerRow(deps.db, customerId);
  if (!found || !can(actor.grants, 'customers.read', found.unitPath))
    throw workOrderErrors.customerNotFound();
  const rows = await deps.db
    .select({
      id: orders.id,
      orderNo: orders.orderNo,
      orderedAt: orders.orderedAt,
      unitName: organisationUnits.name,
      unitPath: organisationUnits.path,
    })
    .from(orders)
    .innerJoin(organisationUnits, eq(organisationUnits.id, orders.unitId))
    .where(eq(orders.customerId, customerId))
    .orderBy(desc(orders.orderedAt), asc(orders.orderNo));
  const visible = rows
    .filter(
      (r) => can(actor.grants, 'orders.read', r.unitPath) || can(actor.grants, 'workorders.read', r.unitPath),
    )
    .slice(0, 50);
  const lines = visible.length
    ? await deps.db
        .select({ orderId: orderLines.orderId, product: orderLines.product })
        .from(orderLines)
        .where(
          inArray(
            orderLines.orderId,
            visible.map((r) => r.id),
          ),
        )
        .orderBy(asc(orderLines.lineNo))
    : [];
  return visible.map((r) => ({
    id: r.id,
    orderNo: r.orderNo,
    orderedAt: r.orderedAt.toISOString(),
    unitName: r.unitName,
    products: lines
      .filter((l) => l.orderId === r.id)
      .slice(0, 3)
      .map((l) => l.product),
  }));
}

async function customerFacts(db: Db, actor: Actor, customerId: string, assetId: string | undefined) {
  const found = await findCustomerRow(db, customerId);
  if (!found || !can(actor.grants, 'customers.read', found.unitPath))
    throw workOrderErrors.customerNotFound();
  const children = await loadChildren(db, [customerId]);
  if (assetId && !children.assets.some((a) => a.id === assetId)) throw workOrderErrors.assetNotFound();
  return { customer: found.customer, ...children };
}

/**
 * REP-1: a new work order; from a ticket the customer, contact, address, asset and unit default from it.
 * `opts.tx`: inside the caller's transaction (a quality claim's inspection opens with its return
 * request, RET-7), so neither is written without the other.
 */
export async function createWorkOrder(
  deps: Deps,
  actor: Actor,
  input: CreateWorkOrderInput,
  opts: { tx?: Db } = {},
): Promise<string> {
  const db = opts.tx ?? deps.db;
  const raisedAt = await findUnit(db, input.unitId);
  if (!raisedAt || !raisedAt.active || !can(actor.grants, 'workorders.read', raisedAt.path)) {
    if (raisedAt && can(actor.grants, 'workorders.create', raisedAt.path)) throw authErrors.forbidden();
    throw workOrderErrors.unitNotFound();
  }
  if (!can(actor.grants, 'workorders.create', raisedAt.path))
    throw authErrors.forbidden({ permission: 'workorders.create' });
  const unit = await responsibleUnit(db, raisedAt);

  const fromTicket = input.ticketId ? await loadTicket(db, input.ticketId) : undefined;
  if (input.ticketId && (!fromTicket || !can(actor.grants, 'tickets.read', fromTicket.unit.path)))
    throw workOrderErrors.ticketNotFound();
  const ticket = fromTicket?.ticket;
  const customerId = input.customerId ?? ticket?.customerId ?? undefined;
  const assetId = input.assetId ?? ticket?.assetId ?? undefined;
  const customer = customerId ? await customerFacts(db, actor, customerId, assetId) : undefined;
  if (!customerId && input.assetId) throw workOrderErrors.assetNotFound();
  const orderId = input.orderId ? await linkableOrder(db, actor, input.orderId, customerId ?? null) : null;
  const primaryPhone = customer?.phones.find((p) => p.isPrimary) ?? customer?.phones[0];
  const primaryAddress = customer?.addresses.find((a) => a.isPrimary) ?? customer?.addresses[0];

  const now = deps.clock.now();
  const base = {
    type: input.type,
    faultCause: input.faultCause ?? 'unknown',
    customerId: customerId ?? null,
    assetId: customer?.assets.some((a) => a.id === assetId) ? assetId! : null,
    appointmentStart: null,
  } as const;
  const decision = await serviceClassFor(db, base, unit, now);
  const sequence = await nextWorkOrderSequence(db, unit.id, localDateOf(now, unit.timezone));
  const write = async (tx: Db) => {
    const [row] = await tx
      .insert(workOrders)
      .values({
        ...base,
        number: formatWorkOrderNumber(localDateOf(now, unit.timezone), sequence),
        unitId: unit.id,
        state: 'new',
        ticketId: ticket?.id ?? null,
        orderId,
        contactName: input.contactName ?? customer?.customer.name ?? '',
        contactPhone: input.contactPhone ?? ticket?.contactPhone ?? primaryPhone?.normalized ?? '',
        address: input.address ?? ticket?.address ?? primaryAddress?.address ?? '',
        productModel: input.productModel?.trim() || null,
        purchaseDate: input.purchaseDate ?? null,
        problem: input.problem,
        requiredSkill: input.requiredSkill ?? null,
        area: input.area ?? null,
        partsNeeded: input.partsNeeded ?? [],
        source: input.source ?? (ticket?.salesChannelId ? 'sales' : 'after_sales'),
        serviceClass: decision.serviceClass,
        serviceClassReasonCode: decision.reason.code,
        serviceClassReason: decision.reason.zh,
        complaintDriven:
          input.complaintDriven ??
          (ticket ? ['soft_complaint', 'hard_complaint'].includes(ticket.type) : false),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const order = row!;
    await recordAudit(tx, now, actor, {
      action: 'workorder.created',
      subjectType: WORK_ORDER_SUBJECT,
      subjectId: order.id,
      unitId: unit.id,
      after: order,
    });
    // REP-8: a complaint-driven visit's field-service record goes for approval at once.
    if (order.complaintDriven) await submitFieldRecord(deps, tx, actor, order);
    if (SLA_TYPES.includes(order.type)) {
      await startTargets(deps, tx, {
        subjectType: WORK_ORDER_SUBJECT,
        subjectId: order.id,
        unitId: unit.id,
        ticketType: 'repair',
        // SLA-6 counts from the repair notice: the ticket's intake when there is one.
        intakeAt: ticket?.receivedAt ?? now,
        ownerId: actor.userId,
      });
    }
    return order.id;
  };
  return opts.tx ? write(opts.tx) : deps.db.transaction(write);
}

/** REP-1: with whom an unclear fact was checked (salesperson, store manager or superior first, then the customer). */
export interface ClarificationInput {
  with: FactsClarification['with'];
  contactName?: string | undefined;
  note?: string | undefined;
}

export type UpdateWorkOrderInput = { orderId?: string | null | undefined } & Partial<
  Pick<
    CreateWorkOrderInput,
    | 'type'
    | 'assetId'
    | 'contactName'
    | 'contactPhone'
    | 'address'
    | 'productModel'
    | 'purchaseDate'
    | 'problem'
    | 'requiredSkill'
    | 'area'
    | 'partsNeeded'
    | 'source'
    | 'faultCause'
    | 'complaintDriven'
  >
>;

/**
 * Changes the description of an order before the technician leaves; the fault cause (PAY-5) may be
 * recorded until verification. A change of type, asset or cause proposes the class again.
 */
export async function updateWorkOrderDetails(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: UpdateWorkOrderInput & { clarification?: ClarificationInput | undefined },
): Promise<void> {
  const { clarification, ...input } = patch;
  await editWorkOrder(
    deps,
    actor,
    id,
    'workorders.dispatch',
    'workorder.updated',
    async ({ tx, order, unit, now }) => {
      const onlyCause = Object.keys(input).every((k) => k === 'faultCause');
      const late = ['completed', 'carried_in', 'returned', 'en_route', 'on_site'].includes(order.state);
      if (!isEditable(order.state) && !(onlyCause && late))
        throw workOrderErrors.notEditable({ state: order.state });
      if (input.assetId !== undefined) {
        if (!order.customerId) throw workOrderErrors.assetNotFound();
        await customerFacts(tx, actor, order.customerId, input.assetId);
      }
      if (input.orderId) await linkableOrder(tx, actor, input.orderId, order.customerId);
      const next = { ...order, ...input } as WorkOrderRow;
      // REP-1: filling a missing dispatch fact records with whom it was checked.
      const before = await missingDispatchFacts(tx, order);
      const after = await missingDispatchFacts(tx, next);
      const filled = before.filter((f) => !after.includes(f));
      if (filled.length && !clarification) throw workOrderErrors.clarificationRequired({ filled });
      const factsClarifications = clarification
        ? [
            ...order.factsClarifications,
            {
              facts: filled,
              with: clarification.with,
              contactName: clarification.contactName?.trim() ?? '',
              note: clarification.note?.trim() ?? '',
              by: actor.userId,
              at: now.toISOString(),
            },
          ]
        : undefined;
      const reclassify =
        input.type !== undefined || input.assetId !== undefined || input.faultCause !== undefined;
      const decision = reclassify ? await serviceClassFor(tx, next, unit, now) : null;
      return {
        set: {
          ...input,
          ...(input.productModel !== undefined ? { productModel: input.productModel.trim() || null } : {}),
          ...(factsClarifications ? { factsClarifications } : {}),
          ...(decision
            ? {
                serviceClass: decision.serviceClass,
                serviceClassReasonCode: decision.reason.code,
                serviceClassReason: decision.reason.zh,
                serviceClassSetBy: null,
              }
            : {}),
        },
      };
    },
  );
}
