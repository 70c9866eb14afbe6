import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { CUSTOMER_ERASURE_SUBJECT, registerErasureHandler, scrubJson } from '../customers/customers.service';
import { customerErasureRequests } from '../customers/customers.table';
import { notifications } from '../notifications/notifications.table';
import { approvalRequests, approvalSteps } from './approvals.table';

/** One request's title, its steps' reasons and the notices sent about it, through `scrub`. */
async function scrubRequest(tx: Db, id: string, title: string, scrub: (text: string) => string) {
  await tx
    .update(approvalRequests)
    .set({ title: scrub(title) })
    .where(eq(approvalRequests.id, id));
  const steps = await tx
    .select({ id: approvalSteps.id, reason: approvalSteps.reason })
    .from(approvalSteps)
    .where(eq(approvalSteps.requestId, id));
  for (const s of steps)
    if (s.reason !== null && scrub(s.reason) !== s.reason)
      await tx
        .update(approvalSteps)
        .set({ reason: scrub(s.reason) })
        .where(eq(approvalSteps.id, s.id));
  const notices = await tx
    .select({ id: notifications.id, payload: notifications.payload })
    .from(notifications)
    .where(eq(notifications.targetId, id));
  for (const n of notices) {
    const payload = scrubJson(n.payload, scrub);
    if (JSON.stringify(payload) !== JSON.stringify(n.payload))
      await tx.update(notifications).set({ payload }).where(eq(notifications.id, n.id));
  }
}

/**
 * PIPL erasure: approvals keep their decisions, stages and times (the approval sheet is a record);
 * the customer's details go from their titles, the deciders' reasons and the notices about them.
 * The customer's own erasure requests are about them (every form of the name and address goes);
 * any other approval whose title or a reason mentions one of the customer's recorded values (a
 * complaint's close-out titled with the ticket's subject, an export's reason) loses those values.
 */
export function registerApprovalErasure(): void {
  registerErasureHandler('approvals', async (tx, customerId, scrub, _now, subject) => {
    const own = await tx
      .select({ id: approvalRequests.id, title: approvalRequests.title })
      .from(approvalRequests)
      .where(
        and(
          eq(approvalRequests.subjectType, CUSTOMER_ERASURE_SUBJECT),
          inArray(
            approvalRequests.subjectId,
            tx
              .select({ id: customerErasureRequests.id })
              .from(customerErasureRequests)
              .where(eq(customerErasureRequests.customerId, customerId)),
          ),
        ),
      );
    for (const r of own) {
      await scrubRequest(tx, r.id, r.title, scrub);
      subject.aboutIds.add(r.id);
    }
    const probes = subject.probes.filter((p) => p.length >= 2);
    if (probes.length === 0) return own.length;
    const mentioning = (column: typeof approvalRequests.title | typeof approvalSteps.reason) =>
      or(...probes.map((p) => sql`strpos(${column}, ${p}) > 0`));
    const others = await tx
      .select({ id: approvalRequests.id, title: approvalRequests.title })
      .from(approvalRequests)
      .where(
        or(
          mentioning(approvalRequests.title),
          inArray(
            approvalRequests.id,
            tx
              .select({ id: approvalSteps.requestId })
              .from(approvalSteps)
              .where(mentioning(approvalSteps.reason)),
          ),
        ),
      );
    const ownIds = new Set(own.map((r) => r.id));
    let count = own.length;
    for (const r of others)
      if (!ownIds.has(r.id)) {
        await scrubRequest(tx, r.id, r.title, subject.mention);
        count++;
      }
    return count;
  });
}
