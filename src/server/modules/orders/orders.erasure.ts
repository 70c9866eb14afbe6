import { eq } from 'drizzle-orm';
import { ANONYMISED_NAME, registerErasureHandler } from '../customers/customers.service';
import { orders } from './orders.table';

/**
 * PIPL erasure: an order is a money record the law requires to keep, so the order, its lines, amounts
 * and instants stay; the buyer's name and number the counter or the shop wrote on it go.
 */
export function registerOrderErasure(): void {
  registerErasureHandler('orders', async (tx, customerId, _scrub, now) => {
    const rows = await tx
      .update(orders)
      .set({ customerName: ANONYMISED_NAME, customerPhone: null, updatedAt: now })
      .where(eq(orders.customerId, customerId))
      .returning({ id: orders.id });
    return rows.length;
  });
}
