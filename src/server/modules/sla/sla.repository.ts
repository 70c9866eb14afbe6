import { inArray } from 'drizzle-orm';
import { DEFAULT_SLA_POLICIES, type SlaPolicy, type TicketType } from '../../../domain/sla';
import { insertRows, returningColumns, rowsFromJson, type StatementParams } from '../../app/bulk-insert';
import type { Db } from '../../app/db';
import type { UnitRow } from '../org/org.service';
import { slaPolicies, slaTargets } from './sla.table';

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
  return db
    .select()
    .from(slaPolicies)
    .where(inArray(slaPolicies.unitId, [...unitPath]));
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
    const row =
      (priority !== null ? here.find((r) => r.priority === priority) : undefined) ??
      here.find((r) => r.priority === null);
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
  return {
    ticketType,
    priority: null,
    policy: DEFAULT_SLA_POLICIES[ticketType],
    source: 'default',
    sourceUnitId: null,
  };
}

export async function effectivePolicy(
  db: Db,
  unit: Pick<UnitRow, 'id' | 'path'>,
  ticketType: TicketType,
  priority: string | null = null,
) {
  return resolvePolicy(await policyRowsOnPath(db, unit.path), unit, ticketType, priority);
}

/**
 * The insert of a batch's planned targets (planTargets) as one part of the caller's single WITH
 * statement, returning the stored rows: intake writes a whole batch in one statement (issue 12).
 */
export function insertTargetsStatement(
  targets: readonly (typeof slaTargets.$inferInsert)[],
  params: StatementParams,
): string {
  return `${insertRows(slaTargets, targets, params)} ${returningColumns(slaTargets)}`;
}

/** The targets an insertTargetsStatement returned, read back from its `json_agg`. */
export function targetsFromJson(json: readonly Record<string, unknown>[] | null) {
  return rowsFromJson(slaTargets, json);
}
