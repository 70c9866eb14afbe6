import { inArray } from 'drizzle-orm';
import { DEFAULT_SLA_POLICIES, resolvePolicy, type TicketType } from '../../../domain/sla';
import { insertRows, returningColumns, rowsFromJson, type StatementParams } from '../../app/bulk-insert';
import type { Db } from '../../app/db';
import type { UnitRow } from '../org/org.service';
import { slaPolicies, slaTargets } from './sla.table';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;
export const TICKET_TYPES = Object.keys(DEFAULT_SLA_POLICIES) as TicketType[];

export async function policyRowsOnPath(db: Db, unitPath: readonly string[]): Promise<SlaPolicyRow[]> {
  return db
    .select()
    .from(slaPolicies)
    .where(inArray(slaPolicies.unitId, [...unitPath]));
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
