import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { effectiveCareRules, type CareRule, type CustomerDates } from '../../../domain/care';
import type { Db } from '../../app/db';
import { assets, customers } from '../customers/customers.table';
import { careAssetServices, careObjections, careRules, careTasks, careVisits } from './care.table';

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
  // The batch first, then its visits and assets by id: joining the whole visit table to every
  // batch cost more than the batch itself.
  const batch = await db
    .select({ id: customers.id, birthday: customers.birthday })
    .from(customers)
    .where(
      and(
        eq(customers.unitId, unitId),
        eq(customers.draft, false),
        afterId ? gt(customers.id, afterId) : undefined,
      ),
    )
    .orderBy(asc(customers.id))
    .limit(limit);
  if (batch.length === 0) return [];
  const ids = batch.map((r) => r.id);
  const visits = await db
    .select({ customerId: careVisits.customerId, lastVisit: careVisits.lastVisitDate })
    .from(careVisits)
    .where(inArray(careVisits.customerId, ids));
  const lastVisit = new Map(visits.map((v) => [v.customerId, v.lastVisit]));
  const rows = batch.map((r) => ({ ...r, lastVisit: lastVisit.get(r.id) ?? null }));
  const owned = await db
    .select({
      id: assets.id,
      customerId: assets.customerId,
      kind: assets.kind,
      purchaseDate: assets.purchaseDate,
      serviceIntervalDays: assets.serviceIntervalDays,
      lastServiceDate: careAssetServices.lastServiceDate,
    })
    .from(assets)
    .leftJoin(careAssetServices, eq(careAssetServices.assetId, assets.id))
    .where(inArray(assets.customerId, ids));
  const byCustomer = new Map<string, CustomerDates['assets'][number][]>();
  for (const a of owned) {
    const list = byCustomer.get(a.customerId) ?? [];
    list.push({
      id: a.id,
      kind: a.kind,
      purchaseDate: a.purchaseDate,
      lastServiceDate: a.lastServiceDate,
      serviceIntervalDays: a.serviceIntervalDays,
    });
    byCustomer.set(a.customerId, list);
  }
  return rows.map((r) => ({
    customerId: r.id,
    birthday: r.birthday,
    lastVisit: r.lastVisit,
    assets: byCustomer.get(r.id) ?? [],
  }));
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

/** Objection answers for a rule along a unit's chain (general ones and the rule's own). */
export async function objectionsFor(
  db: Db,
  unitPath: readonly string[],
  ruleCode: string | null,
): Promise<CareObjectionRow[]> {
  if (unitPath.length === 0) return [];
  return db
    .select()
    .from(careObjections)
    .where(
      and(
        inArray(careObjections.unitId, [...unitPath]),
        ruleCode
          ? sql`(${careObjections.ruleCode} is null or ${careObjections.ruleCode} = ${ruleCode})`
          : undefined,
      ),
    )
    .orderBy(asc(careObjections.sortOrder), asc(careObjections.objection));
}
