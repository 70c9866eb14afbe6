/**
 * Price list (价目表) administration and the quote of charged work (PAY-3): finance confirms the
 * service price, the warehouse the parts prices, the customer confirms, a manager approves; then
 * the money is collected on site or an invoice is requested (PAY-4). Money in integer fen.
 */
import { and, asc, eq, ilike, inArray, or } from 'drizzle-orm';
import { can, type PermissionCode } from '../../../domain/permissions';
import {
  isFen,
  isSettled,
  quoteStatus,
  quoteStepAllowed,
  quoteTotals,
  type QuoteProgress,
  type QuoteStep,
} from '../../../domain/workorders';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { findUnit } from '../org/org.service';
import { editWorkOrder } from './workorders.access';
import { workOrderErrors } from './workorders.errors';
import { maintenanceContracts, priceItems, workOrderQuotes, type QuoteLineRow } from './pricing.table';

export type PriceItemRow = typeof priceItems.$inferSelect;
export type QuoteRow = typeof workOrderQuotes.$inferSelect;

async function unitFor(deps: Deps, actor: Actor, unitId: string, permission: PermissionCode) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, permission, unit.path)) throw workOrderErrors.unitNotFound();
  return unit;
}

/** Items priced for a unit: its own and its ancestors' (a store uses the region's list), nearest first. */
export async function listPriceItems(
  deps: Deps,
  actor: Actor,
  q: {
    unitId: string;
    kind?: 'service' | 'part' | undefined;
    q?: string | undefined;
    includeInactive?: boolean | undefined;
  },
): Promise<PriceItemRow[]> {
  const unit = await findUnit(deps.db, q.unitId);
  const readable =
    unit && (['workorders.read', 'pricing.manage'] as const).some((p) => can(actor.grants, p, unit.path));
  if (!unit || !readable) throw workOrderErrors.unitNotFound();
  const rows = await deps.db
    .select()
    .from(priceItems)
    .where(
      and(
        inArray(priceItems.unitId, [...unit.path]),
        q.kind ? eq(priceItems.kind, q.kind) : undefined,
        q.includeInactive ? undefined : eq(priceItems.active, true),
        q.q ? or(ilike(priceItems.name, `%${q.q}%`), ilike(priceItems.code, `%${q.q}%`)) : undefined,
      ),
    )
    .orderBy(asc(priceItems.kind), asc(priceItems.code));
  // A unit's own item overrides an ancestor's item with the same code.
  const byCode = new Map<string, PriceItemRow>();
  for (const r of rows.sort((a, b) => unit.path.indexOf(b.unitId) - unit.path.indexOf(a.unitId)))
    if (!byCode.has(r.code)) byCode.set(r.code, r);
  return [...byCode.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code));
}

export interface PriceItemInput {
  unitId: string;
  kind: 'service' | 'part';
  code: string;
  name: string;
  unit: string;
  priceFen: number;
}

export async function createPriceItem(
  deps: Deps,
  actor: Actor,
  input: PriceItemInput,
): Promise<PriceItemRow> {
  const unit = await unitFor(deps, actor, input.unitId, 'pricing.manage');
  if (!isFen(input.priceFen)) throw workOrderErrors.negativeQuantity({ priceFen: input.priceFen });
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [row] = await tx
      .insert(priceItems)
      .values({ ...input, unitId: unit.id, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw workOrderErrors.priceCodeTaken({ code: input.code });
    await recordAudit(tx, now, actor, {
      action: 'price_item.created',
      subjectType: 'price_item',
      subjectId: row.id,
      unitId: unit.id,
      after: row,
    });
    return row;
  });
}

export async function updatePriceItem(
  deps: Deps,
  actor: Actor,
  id: string,
  input: Partial<Pick<PriceItemInput, 'name' | 'unit' | 'priceFen'>> & { active?: boolean | undefined },
): Promise<PriceItemRow> {
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(priceItems).where(eq(priceItems.id, id)).for('update');
    const unit = before ? await findUnit(tx, before.unitId) : undefined;
    if (!before || !unit || !can(actor.grants, 'pricing.manage', unit.path))
      throw workOrderErrors.priceItemNotFound();
    const now = deps.clock.now();
    const [after] = await tx
      .update(priceItems)
      .set({ ...input, updatedAt: now })
      .where(eq(priceItems.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'price_item.updated',
      subjectType: 'price_item',
      subjectId: id,
      unitId: before.unitId,
      before,
      after,
    });
    return after!;
  });
}

export interface ContractInput {
  unitId: string;
  customerId: string;
  assetId?: string | undefined;
  number: string;
  startsOn: string;
  endsOn: string;
}

/** Records a maintenance contract (PAY-2 class B); orders created after it are proposed class B. */
export async function createMaintenanceContract(deps: Deps, actor: Actor, input: ContractInput) {
  const unit = await unitFor(deps, actor, input.unitId, 'workorders.dispatch');
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [row] = await tx
      .insert(maintenanceContracts)
      .values({ ...input, assetId: input.assetId ?? null, unitId: unit.id, createdAt: now })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'maintenance_contract.created',
      subjectType: 'maintenance_contract',
      subjectId: row!.id,
      unitId: unit.id,
      after: row,
    });
    return row!;
  });
}

export async function quoteOf(db: Db, workOrderId: string): Promise<QuoteRow | undefined> {
  const [row] = await db.select().from(workOrderQuotes).where(eq(workOrderQuotes.workOrderId, workOrderId));
  return row;
}

function progressOf(q: QuoteRow): QuoteProgress {
  return {
    serviceConfirmed: !!q.serviceConfirmedAt,
    partsConfirmed: !!q.partsConfirmedAt,
    customerConfirmed: !!q.customerConfirmedAt,
    approved: !!q.approvedAt,
    hasServiceLines: q.lines.some((l) => l.kind === 'service'),
    hasPartLines: q.lines.some((l) => l.kind === 'part'),
  };
}

/** The quote as the detail page shows it. */
export function presentQuote(q: QuoteRow, names: Map<string, string>) {
  const who = (id: string | null, at: Date | null) =>
    id && at ? { by: { id, name: names.get(id) ?? '' }, at: at.toISOString() } : null;
  return {
    lines: q.lines.map((l) => ({ ...l, totalFen: l.quantity * l.unitPriceFen })),
    ...quoteTotals(q.lines),
    note: q.note,
    serviceConfirmed: who(q.serviceConfirmedBy, q.serviceConfirmedAt),
    partsConfirmed: who(q.partsConfirmedBy, q.partsConfirmedAt),
    customerConfirmed:
      q.customerConfirmedAt && q.customerConfirmedHow
        ? {
            how: q.customerConfirmedHow,
            note: q.customerConfirmedNote ?? '',
            ...who(q.customerConfirmedBy, q.customerConfirmedAt)!,
          }
        : null,
    approved: who(q.approvedBy, q.approvedAt),
    status: quoteStatus(progressOf(q)),
  };
}

/** PAY-3: drafts (or redrafts) the quote of a charged order; any earlier confirmation lapses. */
export async function draftQuote(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { lines: QuoteLineRow[]; note?: string | undefined },
) {
  return editWorkOrder(
    deps,
    actor,
    id,
    'workorders.read',
    'workorder.quote_drafted',
    async ({ tx, order, unit, now }) => {
      if (order.serviceClass !== 'A')
        throw workOrderErrors.quoteNotForClass({ serviceClass: order.serviceClass });
      if (isSettled(order.state))
        throw workOrderErrors.transitionNotAllowed({ state: order.state, action: 'quote' });
      const existing = await quoteOf(tx, id);
      if (existing?.paymentAt)
        throw workOrderErrors.transitionNotAllowed({ state: order.state, action: 'quote' });
      // REP-5/PAY-3: the order's technician records the charges found on site, while nobody has
      // confirmed a price yet; anything later is the dispatcher's redraft.
      const dispatcher = can(actor.grants, 'workorders.dispatch', unit.path);
      const technicianOnSite =
        order.technicianId === actor.userId &&
        order.state === 'on_site' &&
        can(actor.grants, 'workorders.work', unit.path) &&
        !(existing && quoteStatus(progressOf(existing)) !== 'draft');
      if (!dispatcher && !technicianOnSite) throw authErrors.forbidden({ permission: 'workorders.dispatch' });
      const totals = quoteTotals(input.lines);
      const fresh = {
        lines: input.lines,
        note: input.note ?? '',
        serviceConfirmedBy: null,
        serviceConfirmedAt: null,
        partsConfirmedBy: null,
        partsConfirmedAt: null,
        customerConfirmedHow: null,
        customerConfirmedNote: null,
        customerConfirmedBy: null,
        customerConfirmedAt: null,
        approvedBy: null,
        approvedAt: null,
        updatedAt: now,
      };
      await tx
        .insert(workOrderQuotes)
        .values({ workOrderId: id, ...fresh })
        .onConflictDoUpdate({ target: workOrderQuotes.workOrderId, set: fresh });
      return { audit: { lines: input.lines, ...totals } };
    },
  );
}

const STEP_PERMISSION: Record<QuoteStep, PermissionCode> = {
  'confirm-service': 'pricing.confirm_service',
  'confirm-parts': 'pricing.confirm_parts',
  'customer-confirm': 'workorders.dispatch',
  approve: 'workorders.approve',
};

/** PAY-3: one confirmation step, by the person whose job it is, in order. */
export async function quoteStep(
  deps: Deps,
  actor: Actor,
  id: string,
  step: QuoteStep,
  input: { how?: 'phone' | 'signed' | 'on_site' | undefined; note?: string | undefined },
) {
  return editWorkOrder(
    deps,
    actor,
    id,
    STEP_PERMISSION[step],
    `workorder.quote.${step}`,
    async ({ tx, now }) => {
      const quote = await quoteOf(tx, id);
      if (!quote) throw workOrderErrors.quoteNotFound();
      if (!quoteStepAllowed(step, progressOf(quote))) throw workOrderErrors.quoteStepOutOfOrder({ step });
      const set =
        step === 'confirm-service'
          ? { serviceConfirmedBy: actor.userId, serviceConfirmedAt: now }
          : step === 'confirm-parts'
            ? { partsConfirmedBy: actor.userId, partsConfirmedAt: now }
            : step === 'customer-confirm'
              ? {
                  customerConfirmedHow: input.how ?? 'phone',
                  customerConfirmedNote: input.note ?? null,
                  customerConfirmedBy: actor.userId,
                  customerConfirmedAt: now,
                }
              : { approvedBy: actor.userId, approvedAt: now };
      await tx
        .update(workOrderQuotes)
        .set({ ...set, updatedAt: now })
        .where(eq(workOrderQuotes.workOrderId, id));
      return { audit: { step, note: input.note ?? null } };
    },
  );
}

/** PAY-4: the charge is collected on site (handed to finance) or an invoice is requested the same day. */
export async function recordPayment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: {
    method: 'on_site' | 'invoice';
    amountFen: number;
    invoiceTitle?: string | undefined;
    note?: string | undefined;
  },
) {
  const permission: PermissionCode = 'workorders.read';
  return editWorkOrder(deps, actor, id, permission, 'workorder.payment', async ({ tx, order, unit, now }) => {
    const mayRecord =
      can(actor.grants, 'workorders.dispatch', unit.path) ||
      (order.technicianId === actor.userId && can(actor.grants, 'workorders.work', unit.path));
    if (!mayRecord) throw authErrors.forbidden({ permission: 'workorders.dispatch' });
    const quote = await quoteOf(tx, id);
    if (!quote?.approvedAt) throw workOrderErrors.quoteNotApproved();
    if (quote.paymentAt)
      throw workOrderErrors.transitionNotAllowed({ state: order.state, action: 'payment' });
    await tx
      .update(workOrderQuotes)
      .set({
        paymentMethod: input.method,
        paymentAmountFen: input.amountFen,
        paymentInvoiceTitle: input.invoiceTitle ?? null,
        paymentNote: input.note ?? null,
        paymentBy: actor.userId,
        paymentAt: now,
        updatedAt: now,
      })
      .where(eq(workOrderQuotes.workOrderId, id));
    return { audit: { method: input.method, amountFen: input.amountFen } };
  });
}
