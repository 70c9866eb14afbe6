import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { auditLog, auditRedactions } from './audit.table';

/**
 * PIPL erasure, audit side (decision 0023): the rows about the customer (or about `aboutIds`, other
 * records the erasure found to be theirs), or whose before/after (as
 * shown so far) mention one of `needles` (the customer's id, name, numbers, addresses), get a
 * redacted copy of before/after (each passed through `scrub`, the erasure's JSON scrubber: `about` is
 * true for rows about the customer — theirs, or naming one of those ids — and false for rows that merely
 * mention a value, which may be about other people as well) in
 * audit_redactions; the trail itself stays as written. Runs in the erasure's transaction; it reads
 * the whole trail once, which an approved erasure (rare) can afford.
 */
export async function redactAuditFor(
  tx: Db,
  customerId: string,
  aboutIds: readonly string[],
  needles: readonly string[],
  scrub: (value: unknown, about: boolean) => unknown,
  now: Date,
): Promise<number> {
  const shown = sql`(coalesce(coalesce(${auditRedactions.before}, ${auditLog.before})::text, '') || ' ' || coalesce(coalesce(${auditRedactions.after}, ${auditLog.after})::text, ''))`;
  const ids = [...new Set([customerId, ...aboutIds])];
  const mentions: SQL[] = [...new Set([...ids, ...needles])]
    .filter((n) => n.length >= 2)
    .map((n) => sql`strpos(${shown}, ${n}) > 0`);
  const rows = await tx
    .select({
      id: auditLog.id,
      about: sql<boolean>`(${or(inArray(auditLog.subjectId, ids), ...ids.map((id) => sql`strpos(${shown}, ${id}) > 0`))})`,
      before: sql<unknown>`coalesce(${auditRedactions.before}, ${auditLog.before})`,
      after: sql<unknown>`coalesce(${auditRedactions.after}, ${auditLog.after})`,
    })
    .from(auditLog)
    .leftJoin(auditRedactions, eq(auditRedactions.auditId, auditLog.id))
    .where(or(inArray(auditLog.subjectId, ids), ...mentions));
  let changed = 0;
  for (const r of rows) {
    const before = scrub(r.before, r.about);
    const after = scrub(r.after, r.about);
    if (
      JSON.stringify(before) === JSON.stringify(r.before) &&
      JSON.stringify(after) === JSON.stringify(r.after)
    )
      continue;
    await tx
      .insert(auditRedactions)
      .values({ auditId: r.id, customerId, before, after, at: now })
      .onConflictDoUpdate({ target: auditRedactions.auditId, set: { customerId, before, after, at: now } });
    changed++;
  }
  return changed;
}
