import { and, desc, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../app/context';
import { scopeOf, unitsWithin } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { careTasks } from './care.table';

/**
 * One customer's follow-ups and care calls (CUS-1 360° view), newest first, within the caller's
 * units (care.read, ORG-1): the customer archive reads them here instead of joining the table.
 */
export async function careTasksOfCustomer(deps: Deps, actor: Actor, customerId: string, limit: number) {
  const roots = scopeOf(actor, 'care.read');
  if (roots.length === 0) return { items: [], total: 0 };
  const rows = await deps.db
    .select({
      id: careTasks.id,
      ruleName: careTasks.ruleName,
      purpose: careTasks.purpose,
      state: careTasks.state,
      outcome: careTasks.outcome,
      dueAt: careTasks.dueAt,
      doneAt: careTasks.doneAt,
      unitName: organisationUnits.name,
      total: sql<number>`count(*) over ()`,
    })
    .from(careTasks)
    .innerJoin(organisationUnits, eq(organisationUnits.id, careTasks.unitId))
    .where(and(unitsWithin(roots), eq(careTasks.customerId, customerId)))
    .orderBy(desc(careTasks.dueAt), desc(careTasks.id))
    .limit(limit);
  return { items: rows.map(({ total: _total, ...r }) => r), total: Number(rows[0]?.total ?? 0) };
}
