import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { findUnit, type UnitRow } from '../org/org.service';
import {
  marketingOptOuts,
  messageAttempts,
  messageTemplates,
  outboxMessages,
  unitContactHours,
} from './messages.table';

export type TemplateRow = typeof messageTemplates.$inferSelect;
export type OutboxRow = typeof outboxMessages.$inferSelect;
export type AttemptRow = typeof messageAttempts.$inferSelect;
export type ContactHoursRow = typeof unitContactHours.$inferSelect;

/** Rows of a per-unit setting along a unit path, nearest unit first. */
function nearestFirst<T extends { unitId: string }>(rows: T[], unitPath: readonly string[]): T[] {
  const depth = new Map(unitPath.map((id, i) => [id, i]));
  return [...rows].sort((a, b) => depth.get(b.unitId)! - depth.get(a.unitId)!);
}

/** The template stored for `code` at the unit or its nearest ancestor that has one. */
export async function nearestTemplate(
  db: Db,
  unitPath: readonly string[],
  code: string,
): Promise<TemplateRow | undefined> {
  if (unitPath.length === 0) return undefined;
  const rows = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.code, code), inArray(messageTemplates.unitId, [...unitPath])));
  return nearestFirst(rows, unitPath)[0];
}

/** Every template stored along a unit path (for the effective list of a unit). */
export async function templatesAlong(db: Db, unitPath: readonly string[]): Promise<TemplateRow[]> {
  if (unitPath.length === 0) return [];
  const rows = await db
    .select()
    .from(messageTemplates)
    .where(inArray(messageTemplates.unitId, [...unitPath]));
  return nearestFirst(rows, unitPath);
}

export async function findTemplate(db: Db, id: string): Promise<TemplateRow | undefined> {
  const [row] = await db.select().from(messageTemplates).where(eq(messageTemplates.id, id));
  return row;
}

export async function contactHoursAlong(
  db: Db,
  unitPath: readonly string[],
): Promise<ContactHoursRow | undefined> {
  if (unitPath.length === 0) return undefined;
  const rows = await db
    .select()
    .from(unitContactHours)
    .where(inArray(unitContactHours.unitId, [...unitPath]));
  return nearestFirst(rows, unitPath)[0];
}

export async function findMessage(db: Db, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row;
}

export async function findMessageByKey(db: Db, key: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, key));
  return row;
}

export async function attemptsOf(db: Db, messageId: string): Promise<AttemptRow[]> {
  return db
    .select()
    .from(messageAttempts)
    .where(eq(messageAttempts.messageId, messageId))
    .orderBy(messageAttempts.number);
}

export async function optOutRow(db: Db, customerId: string) {
  const [row] = await db.select().from(marketingOptOuts).where(eq(marketingOptOuts.customerId, customerId));
  return row;
}

export async function unitOrThrow(db: Db, unitId: string, notFound: () => Error): Promise<UnitRow> {
  const unit = await findUnit(db, unitId);
  if (!unit) throw notFound();
  return unit;
}
