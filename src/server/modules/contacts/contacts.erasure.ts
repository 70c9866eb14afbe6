import { eq } from 'drizzle-orm';
import { registerErasureHandler } from '../customers/customers.service';
import { contacts } from './contacts.table';

/** PIPL erasure: the contact log keeps that a contact happened, without the customer's number or details. */
export function registerContactErasure(): void {
  registerErasureHandler('contacts', async (tx, customerId, scrub) => {
    const rows = await tx.select().from(contacts).where(eq(contacts.customerId, customerId));
    for (const c of rows)
      await tx
        .update(contacts)
        .set({ phoneNumber: null, summary: scrub(c.summary), sender: c.sender ? scrub(c.sender) : null })
        .where(eq(contacts.id, c.id));
    return rows.length;
  });
}
