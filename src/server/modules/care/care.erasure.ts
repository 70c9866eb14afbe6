import { eq, inArray } from 'drizzle-orm';
import { registerErasureHandler } from '../customers/customers.service';
import { careAttempts, careTasks } from './care.table';

const scrubbed = (text: string | null, scrub: (t: string) => string) => (text === null ? null : scrub(text));

/**
 * PIPL erasure: the customer's care tasks keep their rule, dates, states and outcomes (SAT-4 counts
 * them); the customer's name and numbers are taken out of the script, notes and every attempt's note.
 */
export function registerCareErasure(): void {
  registerErasureHandler('careTasks', async (tx, customerId, scrub, now) => {
    const rows = await tx.select().from(careTasks).where(eq(careTasks.customerId, customerId));
    for (const t of rows)
      await tx
        .update(careTasks)
        .set({
          script: scrub(t.script),
          note: scrubbed(t.note, scrub),
          stateReason: scrubbed(t.stateReason, scrub),
          outcomeNote: scrubbed(t.outcomeNote, scrub),
          updatedAt: now,
        })
        .where(eq(careTasks.id, t.id));
    if (rows.length > 0) {
      const attempts = await tx
        .select({ id: careAttempts.id, note: careAttempts.note })
        .from(careAttempts)
        .where(
          inArray(
            careAttempts.taskId,
            rows.map((t) => t.id),
          ),
        );
      for (const a of attempts)
        if (a.note !== null)
          await tx
            .update(careAttempts)
            .set({ note: scrub(a.note) })
            .where(eq(careAttempts.id, a.id));
    }
    return rows.length;
  });
}
