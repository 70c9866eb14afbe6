/**
 * Price list (价目表) administration and the quote of charged work (PAY-3): finance confirms the
 * service price, the warehouse the parts prices, the customer confirms, the approval engine's chain
 * approves (none below the small-charge threshold), the customer signs the itemised quote; then the
 * money is collected on site and handed to finance, or an invoice is issued and sent (PAY-4). Money
 * in integer fen.
 */
import { and, asc, eq, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { can, type PermissionCode } from '../../../domain/permissions';
import {
  isFen,
  isSettled,
  quoteSignable,
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
import type { ApprovalRow } from '../approvals/approvals.service';
import { displayNames, findUnit } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import type { PAYMENT_QUEUES } from '../../../shared/workorders';
import { approveQuoteStage, quoteNeedsApproval, submitQuote, withdrawQuote } from './workorders.approvals';
import { storeSignature } from './workorders.signature';
import { workOrders } from './workorders.table';
import { editWorkOrder } from './workorders.access';
import { checkContractDates } from './contracts.usecases';
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
  checkContractDates(input);
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
    approvalPending: q.approvalStatus === 'pending',
    sentBack: q.approvalStatus === 'sent_back',
    customerSigned: !!q.customerSignedAt,
  };
}

/** The quote as the detail page shows it, with its approval request when there is one. */
export function presentQuote(q: QuoteRow, names: Map<string, string>, request: ApprovalRow | null = null) {
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
    approvalStatus: q.approvalStatus,
    approvalRequestId: q.approvalStatus && q.approvalStatus !== 'not_required' ? (request?.id ?? null) : null,
    approvalStage: q.approvalStatus === 'pending' ? (request?.currentStage ?? null) : null,
    customerSigned:
      q.customerSignedAt && q.customerSignerName && q.customerSignatureAttachmentId
        ? {
            signerName: q.customerSignerName,
            signatureAttachmentId: q.customerSignatureAttachmentId,
            ...who(q.customerSignedBy, q.customerSignedAt)!,
          }
        : null,
    status: quoteStatus(progressOf(q)),
  };
}

/** Everything a redraft resets: the confirmations, the approval and the customer's signature. */
const RESET = {
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
  approvalStatus: null,
  customerSignerName: null,
  customerSignatureAttachmentId: null,
  customerSignedBy: null,
  customerSignedAt: null,
} as const;

/**
 * PAY-3: drafts (or redrafts) the quote of a charged order; any earlier confirmation, approval and
 * signature lapse, and a request still pending is withdrawn.
 */
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
      // REP-5/PAY-3: the order's technician records the charges found on site; they replace the
      // quote the order left with, whose confirmations, approval and signature lapse (a small charge
      // is then signed with the visit, anything above the threshold goes through the chain again).
      const dispatcher = can(actor.grants, 'workorders.dispatch', unit.path);
      const technicianOnSite =
        order.technicianId === actor.userId &&
        order.state === 'on_site' &&
        can(actor.grants, 'workorders.work', unit.path);
      if (!dispatcher && !technicianOnSite) throw authErrors.forbidden({ permission: 'workorders.dispatch' });
      if (existing?.approvalStatus === 'pending') await withdrawQuote(deps, tx, actor, id);
      const totals = quoteTotals(input.lines);
      const fresh = { lines: input.lines, note: input.note ?? '', ...RESET, updatedAt: now };
      await tx
        .insert(workOrderQuotes)
        .values({ workOrderId: id, ...fresh })
        .onConflictDoUpdate({ target: workOrderQuotes.workOrderId, set: fresh });
      return { audit: { lines: input.lines, ...totals } };
    },
  );
}

const STEP_PERMISSION: Record<Exclude<QuoteStep, 'approve'>, PermissionCode> = {
  'confirm-service': 'pricing.confirm_service',
  'confirm-parts': 'pricing.confirm_parts',
  'customer-confirm': 'workorders.dispatch',
};

/**
 * PAY-3: one confirmation step, by the person whose job it is, in order. The customer's agreement
 * submits the quote to the approval engine (department head, then company head), or approves it
 * outright below the small-charge threshold. `approve` decides the stage the request waits on.
 */
export async function quoteStep(
  deps: Deps,
  actor: Actor,
  id: string,
  step: QuoteStep,
  input: { how?: 'phone' | 'signed' | 'on_site' | undefined; note?: string | undefined },
) {
  if (step === 'approve') return approveQuoteStage(deps, actor, id);
  return editWorkOrder(
    deps,
    actor,
    id,
    STEP_PERMISSION[step],
    `workorder.quote.${step}`,
    async ({ tx, order, unit, now }) => {
      const quote = await quoteOf(tx, id);
      if (!quote) throw workOrderErrors.quoteNotFound();
      if (!quoteStepAllowed(step, progressOf(quote))) throw workOrderErrors.quoteStepOutOfOrder({ step });
      let set: Partial<typeof workOrderQuotes.$inferInsert>;
      if (step === 'confirm-service') set = { serviceConfirmedBy: actor.userId, serviceConfirmedAt: now };
      else if (step === 'confirm-parts') set = { partsConfirmedBy: actor.userId, partsConfirmedAt: now };
      else {
        const approval = await submitQuote(deps, tx, actor, order, unit, quoteTotals(quote.lines).totalFen);
        set = {
          customerConfirmedHow: input.how ?? 'phone',
          customerConfirmedNote: input.note ?? null,
          customerConfirmedBy: actor.userId,
          customerConfirmedAt: now,
          approvalStatus: approval,
          // PAY-4: a small charge needs no managers' approval; the customer signs it next.
          ...(approval === 'not_required' ? { approvedAt: now } : {}),
        };
      }
      await tx
        .update(workOrderQuotes)
        .set({ ...set, updatedAt: now })
        .where(eq(workOrderQuotes.workOrderId, id));
      return { audit: { step, note: input.note ?? null, approval: set.approvalStatus ?? null } };
    },
  );
}

/**
 * PAY-3: the customer signs the approved, itemised quote on screen — at the counter on the
 * dispatcher's screen or on the technician's phone. Parts are requisitioned and the technician
 * leaves only after this.
 */
export async function signQuote(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { signerName: string; signature: string },
) {
  let cleanup: (() => Promise<void>) | null = null;
  try {
    return await editWorkOrder(
      deps,
      actor,
      id,
      'workorders.read',
      'workorder.quote.signed',
      async ({ tx, order, unit, now }) => {
        const mayRecord =
          can(actor.grants, 'workorders.dispatch', unit.path) ||
          (order.technicianId === actor.userId && can(actor.grants, 'workorders.work', unit.path));
        if (!mayRecord) throw authErrors.forbidden({ permission: 'workorders.dispatch' });
        if (isSettled(order.state))
          throw workOrderErrors.transitionNotAllowed({ state: order.state, action: 'quote_sign' });
        const quote = await quoteOf(tx, id);
        if (!quote) throw workOrderErrors.quoteNotFound();
        if (!quoteSignable(progressOf(quote))) throw workOrderErrors.quoteNotSignable();
        const stored = await storeSignature(deps, tx, {
          workOrderId: id,
          unitId: order.unitId,
          dataUrl: input.signature,
          fileName: `quote-signature-${order.number}.png`,
          uploadedBy: actor.userId,
        });
        cleanup = stored.cleanup;
        await tx
          .update(workOrderQuotes)
          .set({
            customerSignerName: input.signerName,
            customerSignatureAttachmentId: stored.attachmentId,
            customerSignedBy: actor.userId,
            customerSignedAt: now,
            updatedAt: now,
          })
          .where(eq(workOrderQuotes.workOrderId, id));
        return {
          audit: {
            signerName: input.signerName,
            signatureAttachmentId: stored.attachmentId,
            totalFen: quoteTotals(quote.lines).totalFen,
          },
        };
      },
    );
  } catch (err) {
    if (cleanup) await (cleanup as () => Promise<void>)();
    throw err;
  }
}

/**
 * PAY-4: the charge is collected on site (handed to finance) or an invoice is requested the same day.
 * Only once the quote is approved — or, for charges found on site, when they are a small charge.
 */
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
    if (!quote) throw workOrderErrors.quoteNotApproved();
    // PAY-4: charges found on site below the small-charge threshold are collected there and then.
    const smallOnSite =
      !!order.arrivedAt &&
      quote.approvalStatus === null &&
      quote.lines.length > 0 &&
      !(await quoteNeedsApproval(tx, unit, quoteTotals(quote.lines).totalFen, now));
    if (!quote.approvedAt && !smallOnSite) throw workOrderErrors.quoteNotApproved();
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

/** PAY-4: finance receives the money the technician collected on site (交财务). */
export async function handOverPayment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { note?: string | undefined },
) {
  return editWorkOrder(
    deps,
    actor,
    id,
    'pricing.confirm_service',
    'workorder.payment_handed_over',
    async ({ tx, order, now }) => {
      const quote = await quoteOf(tx, id);
      if (!quote?.paymentAt || quote.paymentMethod !== 'on_site') throw workOrderErrors.paymentNotCollected();
      if (quote.handedOverAt)
        throw workOrderErrors.transitionNotAllowed({ state: order.state, action: 'payment_handover' });
      await tx
        .update(workOrderQuotes)
        .set({
          handedOverTo: actor.userId,
          handedOverAt: now,
          handoverNote: input.note ?? null,
          updatedAt: now,
        })
        .where(eq(workOrderQuotes.workOrderId, id));
      return { audit: { amountFen: quote.paymentAmountFen, note: input.note ?? null } };
    },
  );
}

/** PAY-4: the invoice issued from the order was sent to the customer later; tracked until it is. */
export async function recordInvoiceMailed(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { tracking?: string | undefined; note?: string | undefined },
) {
  return editWorkOrder(
    deps,
    actor,
    id,
    'pricing.confirm_service',
    'workorder.invoice_mailed',
    async ({ tx, order, now }) => {
      const quote = await quoteOf(tx, id);
      if (!quote?.paymentAt || quote.paymentMethod !== 'invoice') throw workOrderErrors.paymentNotInvoiced();
      if (quote.invoiceMailedAt)
        throw workOrderErrors.transitionNotAllowed({ state: order.state, action: 'invoice_mailed' });
      await tx
        .update(workOrderQuotes)
        .set({
          invoiceMailedBy: actor.userId,
          invoiceMailedAt: now,
          invoiceTracking: input.tracking ?? null,
          updatedAt: now,
        })
        .where(eq(workOrderQuotes.workOrderId, id));
      return { audit: { tracking: input.tracking ?? null, note: input.note ?? null } };
    },
  );
}

/**
 * PAY-4: finance's lists — money collected on site waiting to be handed over (or handed over), and
 * invoices waiting to be sent (or sent) — over the units where the caller confirms service prices.
 */
export async function listPayments(
  deps: Deps,
  actor: Actor,
  q: { unitId?: string | undefined; queue: (typeof PAYMENT_QUEUES)[number] },
) {
  const roots = actor.grants
    .filter((g) => g.permissions.includes('pricing.confirm_service'))
    .map((g) => g.unitId);
  if (q.unitId) {
    const unit = await unitFor(deps, actor, q.unitId, 'pricing.confirm_service');
    roots.splice(0, roots.length, unit.id);
  }
  if (roots.length === 0) return { items: [] };
  const inUnits = sql`${organisationUnits.path} && array[${sql.join(
    roots.map((r) => sql`${r}`),
    sql`, `,
  )}]::uuid[]`;
  const queue = {
    awaiting_handover: and(
      eq(workOrderQuotes.paymentMethod, 'on_site'),
      isNull(workOrderQuotes.handedOverAt),
    ),
    handed_over: and(eq(workOrderQuotes.paymentMethod, 'on_site'), isNotNull(workOrderQuotes.handedOverAt)),
    invoice_to_mail: and(
      eq(workOrderQuotes.paymentMethod, 'invoice'),
      isNull(workOrderQuotes.invoiceMailedAt),
    ),
    invoice_mailed: and(
      eq(workOrderQuotes.paymentMethod, 'invoice'),
      isNotNull(workOrderQuotes.invoiceMailedAt),
    ),
  }[q.queue];
  const rows = await deps.db
    .select({ quote: workOrderQuotes, number: workOrders.number, unitId: workOrders.unitId })
    .from(workOrderQuotes)
    .innerJoin(workOrders, eq(workOrders.id, workOrderQuotes.workOrderId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, workOrders.unitId))
    .where(and(isNotNull(workOrderQuotes.paymentAt), inUnits, queue))
    .orderBy(asc(workOrderQuotes.paymentAt))
    .limit(500);
  const names = await displayNames(
    deps.db,
    rows.map((r) => r.quote.paymentBy),
  );
  return {
    items: rows.map(({ quote: p, number, unitId }) => ({
      workOrderId: p.workOrderId,
      number,
      unitId,
      method: p.paymentMethod!,
      amountFen: p.paymentAmountFen,
      collectedAt: p.paymentAt!.toISOString(),
      collectedBy: { id: p.paymentBy!, name: names.get(p.paymentBy!) ?? '' },
      invoiceTitle: p.paymentInvoiceTitle,
      handedOverAt: p.handedOverAt?.toISOString() ?? null,
      invoiceMailedAt: p.invoiceMailedAt?.toISOString() ?? null,
      invoiceTracking: p.invoiceTracking,
    })),
  };
}
