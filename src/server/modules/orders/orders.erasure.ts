import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { normalizePhone } from '../../../domain/customers/phone';
import { ANONYMISED_NAME, registerErasureHandler } from '../customers/customers.service';
import { orders } from './orders.table';

/**
 * PIPL erasure: an order is a money record the law requires to keep, so the order, its lines, amounts
 * and instants stay; the buyer's name and number the counter or the shop wrote on it go — on the
 * customer's linked orders, and on orders with no linked record whose buyer phone is one of the
 * customer's numbers once normalised ('+86 139-5555-6666' is 13955556666). A name alone does not
 * match an unlinked order: two customers may share one.
 */
export function registerOrderErasure(): void {
  registerErasureHandler('orders', async (tx, customerId, _scrub, now, subject) => {
    const anonymise = { customerName: ANONYMISED_NAME, customerPhone: null, updatedAt: now };
    const linked = await tx
      .update(orders)
      .set(anonymise)
      .where(eq(orders.customerId, customerId))
      .returning({ id: orders.id });
    const phones = new Set(subject.phones);
    if (phones.size === 0) return linked.length;
    // Candidates by their digits' tail (the stored number is as typed); the normaliser decides.
    const digits = sql`regexp_replace(${orders.customerPhone}, '[^0-9]', '', 'g')`;
    const candidates = await tx
      .select({ id: orders.id, customerPhone: orders.customerPhone })
      .from(orders)
      .where(
        and(
          isNull(orders.customerId),
          or(...[...phones].map((p) => sql`right(${digits}, ${p.length}) = ${p}`)),
        ),
      );
    let unlinked = 0;
    for (const o of candidates) {
      const n = o.customerPhone ? normalizePhone(o.customerPhone) : null;
      if (!n?.ok || !phones.has(n.normalized)) continue;
      await tx.update(orders).set(anonymise).where(eq(orders.id, o.id));
      subject.aboutIds.add(o.id);
      unlinked++;
    }
    return linked.length + unlinked;
  });
}
