/**
 * The end of a visit (REP-5, REP-6, SAT-1): the customer's signed acceptance with ratings, on the
 * technician's phone or through the customer link; carry-in against a signed goods receipt; the
 * return delivery. Completion announces workorder.completed in its transaction.
 */
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { type WorkOrderCompletedEvent, publishBusinessEvent } from '../../app/business-events';
import {
  acceptanceProblem,
  acceptedItems,
  completionGap,
  leftoverItems,
  receiptNumberOf,
  verificationDue,
  type ItemAnswer,
} from '../../../domain/workorders';
import { acceptanceFormOf } from './workorders.acceptance';
import { effectiveCalendar } from '../calendar/calendar.service';
import { workOrderSlaEvent } from './workorders.sla';
import { workOrderOwner } from './workorders.satisfaction';
import { takeAction, type ActionContext } from './workorders.access';
import { workOrderErrors } from './workorders.errors';
import { diagnosisSet, type DiagnosisInput, type VisitInput } from './workorders.field';
import { quoteOf } from './pricing.usecases';
import { quoteGap, quoteGapError } from './workorders.approvals';
import type { WorkOrderRow } from './workorders.repository';
import { storeSignature } from './workorders.signature';
import { workOrderAcceptances } from './workorders.table';

export interface AcceptanceInput {
  signerName: string;
  signature: string;
  /** Aspect → 1–5, exactly the aspects of the order's template (SAT-1). */
  ratings: Record<string, number>;
  /** Every item of the form answered (SAT-1); may be left out when the form has no items. */
  items?: ItemAnswer[] | undefined;
  comment?: string | undefined;
}

/**
 * SAT-1: the form as the customer filled it, checked against the order's template and items:
 * every aspect rated, every item accepted or described as a problem. 422 names what is missing.
 */
async function checkedAcceptance(ctx: ActionContext, input: AcceptanceInput) {
  const form = await acceptanceFormOf(ctx.tx, ctx.order, ctx.loaded.unit);
  const answers = input.items ?? [];
  const problem = acceptanceProblem({
    template: form.template,
    ratings: input.ratings,
    items: form.items,
    answers,
  });
  if (problem) throw workOrderErrors.acceptanceIncomplete(problem);
  const items = acceptedItems(form.items, answers);
  return { template: form.template, items, leftovers: leftoverItems(items) };
}

async function recordAcceptance(
  deps: Deps,
  ctx: ActionContext,
  kind: 'completion' | 'return',
  input: AcceptanceInput,
  via: 'technician' | 'customer_link',
) {
  const checked = await checkedAcceptance(ctx, input);
  const stored = await storeSignature(deps, ctx.tx, {
    workOrderId: ctx.order.id,
    unitId: ctx.order.unitId,
    dataUrl: input.signature,
    fileName: `signature-${ctx.order.number}.png`,
    uploadedBy: ctx.order.technicianId!,
  });
  ctx.onFailure(stored.cleanup);
  await ctx.tx.insert(workOrderAcceptances).values({
    workOrderId: ctx.order.id,
    kind,
    signerName: input.signerName,
    signatureAttachmentId: stored.attachmentId,
    template: checked.template,
    ratings: input.ratings,
    items: checked.items,
    comment: input.comment ?? null,
    via,
    signedAt: ctx.now,
  });
  return { signatureId: stored.attachmentId, ...checked };
}

type Signed = Awaited<ReturnType<typeof recordAcceptance>>;

/** The audit of a signed acceptance: template, ratings, the items as accepted and the leftovers. */
function acceptanceAudit(signed: Signed, input: AcceptanceInput) {
  return {
    signatureAttachmentId: signed.signatureId,
    template: signed.template,
    ratings: input.ratings,
    items: signed.items,
    leftoverIssues: signed.leftovers,
  };
}

async function completedEvent(
  tx: Db,
  order: WorkOrderRow,
  at: Date,
  leftovers: Signed['leftovers'],
): Promise<WorkOrderCompletedEvent> {
  return {
    type: 'workorder.completed',
    workOrderId: order.id,
    workOrderNumber: order.number,
    workOrderType: order.type,
    ticketId: order.ticketId,
    unitId: order.unitId,
    customerId: order.customerId,
    assetId: order.assetId,
    technicianId: order.technicianId,
    ownerId: await workOrderOwner(tx, order),
    leftoverIssues: leftovers.map((i) => ({ key: i.key, name: i.name, quantity: i.quantity, note: i.note })),
    at,
  };
}

/**
 * REP-5/SAT-1: the customer accepts the work, signs and rates it — on the technician's phone or on
 * their own through the link. A second completion (another phone) finds the order completed: 409.
 */
export async function finishVisit(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: {
    visit?: VisitInput | undefined;
    diagnosis?: DiagnosisInput | undefined;
    faultCause?: 'misuse' | 'defect' | 'unknown' | undefined;
    acceptance: AcceptanceInput;
  },
) {
  return takeAction(
    deps,
    actor,
    id,
    'finish',
    async (ctx) => {
      const visit = input.visit
        ? {
            workDone: input.visit.workDone,
            minutesSpent: input.visit.minutesSpent,
            notes: input.visit.notes ?? '',
          }
        : ctx.order.visit;
      if (!visit) throw workOrderErrors.visitNotRecorded();
      const found: Partial<ReturnType<typeof diagnosisSet>> = input.diagnosis
        ? diagnosisSet(input.diagnosis, actor?.userId ?? ctx.order.technicianId!, ctx.now)
        : {};
      // REP-5/PAY-3: the fault cause, and on a charged order its charges, come before the signature.
      const gap = completionGap({
        diagnosis: found.diagnosis ?? ctx.order.diagnosis ?? null,
        serviceClass: ctx.order.serviceClass,
        chargeLines: (await quoteOf(ctx.tx, ctx.order.id))?.lines.length ?? 0,
      });
      if (gap === 'fault_cause_missing') throw workOrderErrors.faultCauseRequired();
      if (gap === 'fault_cause_note_missing') throw workOrderErrors.faultCauseNoteRequired();
      if (gap === 'charges_missing') throw workOrderErrors.chargesRequired();
      // PAY-3: a charged order finishes only with its quote approved and signed by the customer.
      const quoteMissing = await quoteGap(ctx.tx, ctx.order, ctx.loaded.unit, ctx.now, 'finish');
      if (quoteMissing) throw quoteGapError(quoteMissing);
      const via = actor ? 'technician' : 'customer_link';
      const signed = await recordAcceptance(deps, ctx, 'completion', input.acceptance, via);
      const cal = await effectiveCalendar(ctx.tx, ctx.loaded.unit);
      return {
        set: {
          visit,
          ...found,
          completedAt: ctx.now,
          verificationDueAt: verificationDue(cal, ctx.now),
          ...(input.faultCause ? { faultCause: input.faultCause } : {}),
        },
        audit: { ...acceptanceAudit(signed, input.acceptance), via, ...found },
        after: async (order) => {
          await workOrderSlaEvent(deps, ctx.tx, order, 'solution_offered', ctx.now);
          await publishBusinessEvent(
            deps,
            ctx.tx,
            await completedEvent(ctx.tx, order, ctx.now, signed.leftovers),
          );
        },
      };
    },
    actor ? {} : { customerLink: true },
  );
}

export interface CarryInInput {
  items: { name: string; quantity: number; condition: string }[];
  note?: string | undefined;
  signerName: string;
  signature: string;
}

/** REP-6: cannot fix on site — the item is taken in against a signed goods receipt; the order becomes carry-in. */
export async function carryIn(deps: Deps, actor: Actor, id: string, input: CarryInInput) {
  return takeAction(deps, actor, id, 'carry_in', async (ctx) => {
    const stored = await storeSignature(deps, ctx.tx, {
      workOrderId: id,
      unitId: ctx.order.unitId,
      dataUrl: input.signature,
      fileName: `receipt-signature-${ctx.order.number}.png`,
      uploadedBy: actor.userId,
    });
    ctx.onFailure(stored.cleanup);
    const receipt = {
      number: receiptNumberOf(ctx.order.number),
      items: input.items,
      note: input.note ?? '',
      signerName: input.signerName,
      signatureAttachmentId: stored.attachmentId,
      issuedAt: ctx.now.toISOString(),
    };
    await ctx.tx.insert(workOrderAcceptances).values({
      workOrderId: id,
      kind: 'receipt',
      signerName: input.signerName,
      signatureAttachmentId: stored.attachmentId,
      via: 'technician',
      signedAt: ctx.now,
    });
    return {
      set: {
        type: 'carry_in',
        receipt,
        carriedInAt: ctx.now,
        returnBooked: false,
        appointmentStart: null,
        appointmentEnd: null,
        reminderAt: null,
      },
      audit: { receipt },
      after: async (order) => {
        // Taking the item in for repair is the concrete solution of SLA-6.
        await workOrderSlaEvent(deps, ctx.tx, order, 'solution_offered', ctx.now);
      },
    };
  });
}

/** REP-6: the repaired item is delivered back and the customer signs; SLA-6's satisfaction call starts. */
export async function deliverReturn(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: { visit?: VisitInput | undefined; acceptance: AcceptanceInput },
) {
  return takeAction(
    deps,
    actor,
    id,
    'deliver',
    async (ctx) => {
      if (!ctx.order.returnBooked) throw workOrderErrors.returnNotBooked();
      const via = actor ? 'technician' : 'customer_link';
      const signed = await recordAcceptance(deps, ctx, 'return', input.acceptance, via);
      const cal = await effectiveCalendar(ctx.tx, ctx.loaded.unit);
      return {
        set: {
          ...(input.visit ? { visit: { ...input.visit, notes: input.visit.notes ?? '' } } : {}),
          returnedAt: ctx.now,
          verificationDueAt: verificationDue(cal, ctx.now),
        },
        audit: { ...acceptanceAudit(signed, input.acceptance), via },
        after: async (order) => {
          await workOrderSlaEvent(deps, ctx.tx, order, 'item_returned', ctx.now);
          await publishBusinessEvent(
            deps,
            ctx.tx,
            await completedEvent(ctx.tx, order, ctx.now, signed.leftovers),
          );
        },
      };
    },
    actor ? {} : { customerLink: true },
  );
}
