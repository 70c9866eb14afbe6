import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { effectiveCareRules, type CareRule, type CustomerDates } from '../../../domain/care';
import { rowsOf, type Db } from '../../app/db';
import { assets, customers } from '../customers/customers.table';
import { objectionAnswersFor } from '../knowledge/knowledge.service';
import type { careObjections } from './care.table';
import { careAssetServices, careRules, careTasks, careVisits } from './care.table';

export type CareTaskRow = typeof careTasks.$inferSelect;
export type CareRuleRow = typeof careRules.$inferSelect;
export type CareObjectionRow = typeof careObjections.$inferSelect;

/** Stored rules of a unit's ancestor chain (root first). */
export async function ruleChain(db: Db, unitPath: readonly string[]): Promise<CareRuleRow[]> {
  if (unitPath.length === 0) return [];
  const rows = await db
    .select()
    .from(careRules)
    .where(inArray(careRules.unitId, [...unitPath]));
  const order = new Map(unitPath.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.unitId)! - order.get(b.unitId)!);
}

/** CARE-1: the rules in force at a unit, each with the unit that set it (null = shipped default). */
export async function rulesInForce(
  db: Db,
  unitPath: readonly string[],
): Promise<{ rule: CareRule; fromUnitId: string | null }[]> {
  const rows = await ruleChain(db, unitPath);
  const from = new Map<string, string>();
  for (const r of rows) from.set(r.code, r.unitId);
  const byUnit = unitPath.map((id) => rows.filter((r) => r.unitId === id).map((r) => r.rule));
  return effectiveCareRules(byUnit).map((rule) => ({ rule, fromUnitId: from.get(rule.code) ?? null }));
}

export async function findTask(db: Db, id: string): Promise<CareTaskRow | undefined> {
  const [row] = await db.select().from(careTasks).where(eq(careTasks.id, id));
  return row;
}

/** The tasks folded into a task (CARE-3 merge group). */
export async function mergedMembers(db: Db, id: string): Promise<CareTaskRow[]> {
  return db.select().from(careTasks).where(eq(careTasks.mergedInto, id)).orderBy(asc(careTasks.dueAt));
}

/** An open call of the same customer and day another task joins (CARE-3). */
export async function openMergeHead(
  db: Db,
  mergeKey: string,
  exceptId: string,
): Promise<CareTaskRow | undefined> {
  const [row] = await db
    .select()
    .from(careTasks)
    .where(
      and(
        eq(careTasks.mergeKey, mergeKey),
        eq(careTasks.state, 'open'),
        isNull(careTasks.mergedInto),
        sql`${careTasks.id} <> ${exceptId}`,
      ),
    )
    .orderBy(asc(careTasks.createdAt))
    .limit(1);
  return row;
}

/**
 * One batch of a unit's customers with what date rules count from, by id after `afterId`.
 * Reads the customer archive's tables directly for this join: the archive has no batch helper
 * with birthdays and assets, and a per-customer call would not scale to the whole base.
 */
export async function customerDatesBatch(
  db: Db,
  unitId: string,
  afterId: string | null,
  limit: number,
): Promise<CustomerDates[]> {
  // One statement per batch: each customer's last visit and assets are looked up by index beside
  // it (a join against the whole visit table cost more than the batch), and the rows come back
  // plain, dates as text, so a million customers are not mapped column by column.
  const result = await db.execute(sql`
    select c.id as "customerId", c.birthday::text as birthday,
      (select v.last_visit_date::text from ${careVisits} v where v.customer_id = c.id) as "lastVisit",
      coalesce((
        select json_agg(json_build_object('id', a.id, 'kind', a.kind, 'purchaseDate', a.purchase_date,
          'lastServiceDate', s.last_service_date, 'serviceIntervalDays', a.service_interval_days))
        from ${assets} a left join ${careAssetServices} s on s.asset_id = a.id
        where a.customer_id = c.id), '[]'::json) as assets
    from ${customers} c
    where c.unit_id = ${unitId} and not c.draft ${afterId ? sql`and c.id > ${afterId}` : sql``}
    order by c.id
    limit ${limit}`);
  return rowsOf<CustomerDates>(result);
}

/** Remembers a visit (a completed service): inactivity and maintenance rules count from it. */
export async function recordVisit(
  db: Db,
  v: { customerId: string; assetId: string | null; date: string; at: Date },
): Promise<void> {
  await db
    .insert(careVisits)
    .values({ customerId: v.customerId, lastVisitDate: v.date, updatedAt: v.at })
    .onConflictDoUpdate({
      target: careVisits.customerId,
      set: {
        lastVisitDate: sql`greatest(${careVisits.lastVisitDate}, excluded.last_visit_date)`,
        updatedAt: v.at,
      },
    });
  if (v.assetId)
    await db
      .insert(careAssetServices)
      .values({ assetId: v.assetId, lastServiceDate: v.date, updatedAt: v.at })
      .onConflictDoUpdate({
        target: careAssetServices.assetId,
        set: {
          lastServiceDate: sql`greatest(${careAssetServices.lastServiceDate}, excluded.last_service_date)`,
          updatedAt: v.at,
        },
      });
}

/**
 * Objection answers for a rule along a unit's chain (general ones and the rule's own), offered now:
 * since CARE-6 they are the knowledge base's approved answers of kind 'objection'.
 */
export async function objectionsFor(
  db: Db,
  unitPath: readonly string[],
  ruleCode: string | null,
  now: Date,
): Promise<CareObjectionRow[]> {
  return objectionAnswersFor(db, unitPath, ruleCode, now);
}
