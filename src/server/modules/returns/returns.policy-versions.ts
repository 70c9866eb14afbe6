import { and, desc, eq, inArray } from 'drizzle-orm';
import { DEFAULT_RETURN_POLICY, policyInForce, type ReturnPolicy } from '../../../domain/returns';
import type { Db } from '../../app/db';
import type { UnitRow } from '../org/org.service';
import { returnPolicies } from './returns.table';

export type PolicyRow = typeof returnPolicies.$inferSelect;

/** A stored version as the pure core reads it. */
export function asPolicy(row: PolicyRow): ReturnPolicy {
  return {
    version: row.version,
    effectiveFrom: row.effectiveFrom.getTime(),
    freeCancellationHours: row.freeCancellationHours,
    cancellationFeePercent: row.cancellationFeePercent,
    returnDays: row.returnDays,
    onlineReturnDays: row.onlineReturnDays,
  };
}

/** The versions that govern a unit: the nearest unit up the tree that has any (none: the shipped default). */
export async function versionsGoverning(db: Db, unit: Pick<UnitRow, 'path'>) {
  const rows = await db
    .select()
    .from(returnPolicies)
    .where(inArray(returnPolicies.unitId, unit.path))
    .orderBy(desc(returnPolicies.effectiveFrom));
  for (const unitId of [...unit.path].reverse()) {
    const own = rows.filter((r) => r.unitId === unitId);
    if (own.length > 0) return { fromUnitId: unitId, rows: own };
  }
  return { fromUnitId: null, rows: [] as PolicyRow[] };
}

/** The version in force at a unit at an instant, with its row (null for the shipped default). */
export async function policyAt(db: Db, unit: Pick<UnitRow, 'path'>, at: Date) {
  const { rows } = await versionsGoverning(db, unit);
  const policy = policyInForce(rows.map(asPolicy), at.getTime());
  const row =
    rows.find((r) => r.version === policy.version && r.effectiveFrom.getTime() === policy.effectiveFrom) ??
    null;
  return { policy: row ? policy : DEFAULT_RETURN_POLICY, row };
}

/** The next version label of a unit: v1, v2… */
export async function nextVersionLabel(db: Db, unitId: string): Promise<string> {
  const rows = await db
    .select({ version: returnPolicies.version })
    .from(returnPolicies)
    .where(and(eq(returnPolicies.unitId, unitId)));
  return `v${rows.length + 1}`;
}
