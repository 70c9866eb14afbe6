/**
 * The customer's requests through the work-order link (REP-3, PORTAL-1): another time or a
 * cancellation, recorded as pending with the customer as the actor (no person: the audit row says
 * origin 'customer_link'). Staff confirm through the order's own reschedule, appointment or cancel
 * command — so the same checks and audit apply — or decline with a reason the customer then reads.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  customerRequestProblem,
  type CustomerRequestKind,
  type CustomerRequestProblem,
} from '../../../domain/workorders';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { resolveCustomerLink } from '../customer-links/customer-links.service';
import { editWorkOrder, visibleWorkOrder } from './workorders.access';
import { workOrderErrors } from './workorders.errors';
import { agreeAppointment, rescheduleAppointment, type WindowInput } from './workorders.field';
import { loadWorkOrder } from './workorders.repository';
import { cancelWorkOrder } from './workorders.review';
import { workOrderCustomerRequests } from './workorders.table';

export type CustomerRequestRow = typeof workOrderCustomerRequests.$inferSelect;
const LINK_SUBJECT = 'workorder';

export type CustomerRequestInput =
  | { kind: 'reschedule'; windows: WindowInput[]; note?: string | undefined }
  | { kind: 'cancel'; reason: string };

const PROBLEM_ERRORS: Record<CustomerRequestProblem, () => Error> = {
  order_not_open: () => workOrderErrors.customerRequestNotOpen(),
  already_pending: () => workOrderErrors.customerRequestPending(),
  too_many_requests: () => workOrderErrors.customerRequestLimit(),
  window_in_past: () => workOrderErrors.customerRequestWindowInPast(),
  invalid_window: () => workOrderErrors.customerRequestInvalidWindow(),
};

/** The order's requests, oldest first. */
export async function customerRequestsOf(db: Db, workOrderId: string): Promise<CustomerRequestRow[]> {
  return db
    .select()
    .from(workOrderCustomerRequests)
    .where(eq(workOrderCustomerRequests.workOrderId, workOrderId))
    .orderBy(asc(workOrderCustomerRequests.createdAt));
}

/** Kinds of the pending requests per order, for the 需确认 badge of lists and the board. */
export async function pendingRequestKinds(
  db: Db,
  workOrderIds: readonly string[],
): Promise<Map<string, CustomerRequestKind[]>> {
  const out = new Map<string, CustomerRequestKind[]>();
  if (!workOrderIds.length) return out;
  const rows = await db
    .select({ id: workOrderCustomerRequests.workOrderId, kind: workOrderCustomerRequests.kind })
    .from(workOrderCustomerRequests)
    .where(
      and(
        inArray(workOrderCustomerRequests.workOrderId, [...workOrderIds]),
        eq(workOrderCustomerRequests.state, 'pending'),
      ),
    );
  for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.kind]);
  return out;
}

/** REP-3/PORTAL-1: the customer asks, through the link, for another time or a cancellation. */
export async function submitCustomerRequest(deps: Deps, token: string, input: CustomerRequestInput) {
  const link = await resolveCustomerLink(deps, deps.db, token, LINK_SUBJECT);
  return deps.db.transaction(async (tx) => {
    // The order row lock serialises two taps from two phones before the pending check.
    const loaded = await loadWorkOrder(tx, link.subjectId, { forUpdate: true });
    if (!loaded) throw workOrderErrors.notFound();
    const now = deps.clock.now();
    const existing = await customerRequestsOf(tx, loaded.order.id);
    const windows = input.kind === 'reschedule' ? input.windows : [];
    const problem = customerRequestProblem({
      state: loaded.order.state,
      kind: input.kind,
      windows,
      pendingKinds: existing.filter((r) => r.state === 'pending').map((r) => r.kind),
      requestCount: existing.length,
      now,
    });
    if (problem) throw PROBLEM_ERRORS[problem]();
    const note = input.kind === 'reschedule' ? (input.note ?? '') : input.reason;
    const storedWindows = windows.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString() }));
    const [row] = await tx
      .insert(workOrderCustomerRequests)
      .values({
        workOrderId: loaded.order.id,
        kind: input.kind,
        state: 'pending',
        windows: storedWindows,
        note,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, now, null, {
      action: 'workorder.customer_request',
      subjectType: 'work_order',
      subjectId: loaded.order.id,
      unitId: loaded.order.unitId,
      after: { origin: 'customer_link', requestId: row!.id, kind: input.kind, windows: storedWindows, note },
    });
    return row!;
  });
}

async function pendingRequest(tx: Db, workOrderId: string, requestId: string) {
  const [row] = await tx
    .select()
    .from(workOrderCustomerRequests)
    .where(
      and(
        eq(workOrderCustomerRequests.id, requestId),
        eq(workOrderCustomerRequests.workOrderId, workOrderId),
      ),
    )
    .for('update');
  if (!row) throw workOrderErrors.customerRequestNotFound();
  if (row.state !== 'pending') throw workOrderErrors.customerRequestDecided();
  return row;
}

/**
 * Staff confirm a request through the order's own command, in one transaction: a reschedule books
 * `window` (one the customer proposed or another agreed by phone) — the first window when none was
 * agreed yet, a REP-3 reschedule with the customer's consent otherwise; a cancellation cancels.
 */
export async function confirmCustomerRequest(
  deps: Deps,
  actor: Actor,
  id: string,
  requestId: string,
  input: { start?: Date | undefined; end?: Date | undefined },
) {
  await visibleWorkOrder(deps.db, actor, id);
  return deps.db.transaction(async (tx) => {
    const inTx: Deps = { ...deps, db: tx };
    const request = await pendingRequest(tx, id, requestId);
    const loaded = await loadWorkOrder(tx, id);
    const now = deps.clock.now();
    let booked: WindowInput | null = null;
    if (request.kind === 'reschedule') {
      if (!input.start || !input.end) throw workOrderErrors.customerRequestInvalidWindow();
      booked = { start: input.start, end: input.end };
      const reason = `客户申请改约${request.note ? `：${request.note}` : ''}`;
      if (loaded?.order.state === 'assigned') await agreeAppointment(inTx, actor, id, booked);
      else await rescheduleAppointment(inTx, actor, id, { ...booked, reason, customerConsent: true });
    } else {
      await cancelWorkOrder(
        inTx,
        actor,
        id,
        { reason: `客户申请取消：${request.note}` },
        { keepCustomerLinks: true },
      );
    }
    await tx
      .update(workOrderCustomerRequests)
      .set({
        state: 'confirmed',
        decidedBy: actor.userId,
        decidedAt: now,
        bookedStart: booked?.start ?? null,
        bookedEnd: booked?.end ?? null,
      })
      .where(eq(workOrderCustomerRequests.id, requestId));
    await recordAudit(tx, now, actor, {
      action: 'workorder.customer_request_confirmed',
      subjectType: 'work_order',
      subjectId: id,
      unitId: loaded!.order.unitId,
      after: { requestId, kind: request.kind, start: booked?.start ?? null, end: booked?.end ?? null },
    });
  });
}

/** Staff decline a request with a reason the customer reads on their page. */
export async function declineCustomerRequest(
  deps: Deps,
  actor: Actor,
  id: string,
  requestId: string,
  input: { reason: string },
) {
  return editWorkOrder(
    deps,
    actor,
    id,
    'workorders.dispatch',
    'workorder.customer_request_declined',
    async ({ tx, now }) => {
      const request = await pendingRequest(tx, id, requestId);
      await tx
        .update(workOrderCustomerRequests)
        .set({ state: 'declined', decidedBy: actor.userId, decidedAt: now, declineReason: input.reason })
        .where(eq(workOrderCustomerRequests.id, requestId));
      return { audit: { requestId, kind: request.kind, reason: input.reason } };
    },
  );
}
