import { and, eq, inArray, sql } from 'drizzle-orm';
import { DEFAULT_SLA_POLICIES, type SlaPolicy, type TicketType } from '../../../domain/sla';
import type { Db } from '../../app/db';
import { memberships, organisationUnits, roles, users } from '../org/org.table';
import type { UnitRow } from '../org/org.repository';
import { slaPolicies } from './sla.table';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;
export const TICKET_TYPES = Object.keys(DEFAULT_SLA_POLICIES) as TicketType[];

export interface EffectivePolicy {
  ticketType: TicketType;
  priority: string | null;
  policy: SlaPolicy;
  /** 'own' = this unit's override, 'inherited' = an ancestor's, 'default' = shipped (SLA-3…6). */
  source: 'own' | 'inherited' | 'default';
  sourceUnitId: string | null;
}

export async function policyRowsOnPath(db: Db, unitPath: readonly string[]): Promise<SlaPolicyRow[]> {
  return db.select().from(slaPolicies).where(inArray(slaPolicies.unitId, [...unitPath]));
}

/**
 * Effective policy: the nearest unit up the tree with an override for the type (a matching
 * priority beats none at the same unit), else the shipped default.
 */
export function resolvePolicy(
  rows: readonly SlaPolicyRow[],
  unit: Pick<UnitRow, 'id' | 'path'>,
  ticketType: TicketType,
  priority: string | null = null,
): EffectivePolicy {
  for (let i = unit.path.length - 1; i >= 0; i--) {
    const unitId = unit.path[i]!;
    const here = rows.filter((r) => r.unitId === unitId && r.ticketType === ticketType);
    const row = (priority !== null ? here.find((r) => r.priority === priority) : undefined) ?? here.find((r) => r.priority === null);
    if (row) {
      return {
        ticketType,
        priority: row.priority,
        policy: { key: ticketType, targets: row.targets },
        source: unitId === unit.id ? 'own' : 'inherited',
        sourceUnitId: unitId,
      };
    }
  }
  return { ticketType, priority: null, policy: DEFAULT_SLA_POLICIES[ticketType], source: 'default', sourceUnitId: null };
}

export async function effectivePolicy(db: Db, unit: Pick<UnitRow, 'id' | 'path'>, ticketType: TicketType, priority: string | null = null) {
  return resolvePolicy(await policyRowsOnPath(db, unit.path), unit, ticketType, priority);
}

/**
 * Active people holding one of `roleCodes` at the unit or, failing that, the nearest unit above it
 * (a store without its own supervisor escalates to the region's). Read-only over org tables:
 * org.repository has no "members of a unit by role" helper yet.
 */
export async function nearestHolders(db: Db, unitPath: readonly string[], roleCodes: readonly string[]): Promise<string[]> {
  if (unitPath.length === 0) return [];
  const rows = await db
    .select({ userId: memberships.userId, unitId: memberships.unitId, depth: sql<number>`cardinality(${organisationUnits.path})` })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, memberships.unitId))
    .where(and(inArray(memberships.unitId, [...unitPath]), inArray(roles.code, [...roleCodes]), eq(users.status, 'active')));
  if (rows.length === 0) return [];
  const deepest = Math.max(...rows.map((r) => Number(r.depth)));
  return [...new Set(rows.filter((r) => Number(r.depth) === deepest).map((r) => r.userId))].sort();
}
