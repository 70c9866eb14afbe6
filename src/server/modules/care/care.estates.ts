/**
 * CARE-1 real estate: an estate/project's main move-in date (集中入住), the one date every house's
 * 3-month residence follow-up counts from, and the follow-up table of that estate (who was called,
 * with what result), which the follow-up report exports.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { customerNames } from '../customers/customers.service';
import { assets } from '../customers/customers.table';
import { careEstates, careTasks } from './care.table';
import { unitFor } from './care.usecases';

export const ESTATE_FOLLOW_UP_RULE = 'real_estate_residence';

/** The estate's move-in date, or null when none was set. */
export async function getEstate(deps: Deps, actor: Actor, unitId: string) {
  const unit = await unitFor(deps, actor, unitId, 'care.read');
  const [row] = await deps.db.select().from(careEstates).where(eq(careEstates.unitId, unit.id));
  return { unitId: unit.id, unitName: unit.name, moveInDate: row?.moveInDate ?? null };
}

/** Sets the estate's main move-in date (audited); the next daily run plans the follow-ups from it. */
export async function saveEstate(deps: Deps, actor: Actor, unitId: string, moveInDate: string) {
  const unit = await unitFor(deps, actor, unitId, 'care.rules.manage');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(careEstates).where(eq(careEstates.unitId, unit.id));
    await tx
      .insert(careEstates)
      .values({ unitId: unit.id, moveInDate, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({
        target: careEstates.unitId,
        set: { moveInDate, updatedBy: actor.userId, updatedAt: now },
      });
    await recordAudit(tx, now, actor, {
      action: 'care.estate_saved',
      subjectType: 'organisation_unit',
      subjectId: unit.id,
      unitId: unit.id,
      before: before ? { moveInDate: before.moveInDate } : null,
      after: { moveInDate },
    });
    return { unitId: unit.id, unitName: unit.name, moveInDate };
  });
}

export interface EstateFollowUpRow {
  taskId: string;
  customerName: string;
  house: string;
  dueDate: string;
  state: string;
  outcome: string | null;
  outcomeNote: string | null;
  linkedTicketId: string | null;
  doneAt: string | null;
}

/** The estate's follow-up table: one row per house called (or to call), with the result. */
export async function estateFollowUps(deps: Deps, actor: Actor, unitId: string) {
  const estate = await getEstate(deps, actor, unitId);
  const rows = await deps.db
    .select({ task: careTasks, houseName: assets.name, houseNumber: assets.number })
    .from(careTasks)
    .leftJoin(assets, eq(assets.id, careTasks.assetId))
    .where(and(eq(careTasks.unitId, estate.unitId), eq(careTasks.ruleCode, ESTATE_FOLLOW_UP_RULE)))
    .orderBy(asc(careTasks.dueDate), asc(careTasks.id));
  const names = await customerNames(
    deps.db,
    rows.map((r) => r.task.customerId),
  );
  const items: EstateFollowUpRow[] = rows.map(({ task, houseName, houseNumber }) => ({
    taskId: task.id,
    customerName: names.get(task.customerId) ?? '',
    house: [houseName, houseNumber].filter(Boolean).join(' '),
    dueDate: task.dueDate,
    state: task.state,
    outcome: task.outcome,
    outcomeNote: task.outcomeNote,
    linkedTicketId: task.linkedTicketId,
    doneAt: task.doneAt?.toISOString() ?? null,
  }));
  const reached = items.filter((i) => i.outcome === 'reached_satisfied' || i.outcome === 'reached_issue');
  return {
    ...estate,
    summary: {
      houses: items.length,
      reached: reached.length,
      satisfied: items.filter((i) => i.outcome === 'reached_satisfied').length,
      issues: items.filter((i) => i.outcome === 'reached_issue').length,
      open: items.filter((i) => i.state === 'open').length,
    },
    items,
  };
}
