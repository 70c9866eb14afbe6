/**
 * CARE-1 event rules: a closed ticket, a completed or closed work order → the follow-up tasks of
 * the unit's rules, inside the announcing transaction (they commit with the change or not at all).
 * A completed work order is also a visit: inactivity and maintenance rules count from it.
 */
import { planEventTasks, type CareEvent } from '../../../domain/care';
import { localDateOf } from '../../../domain/calendar';
import { onBusinessEvent } from '../../app/business-events';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { findUnit } from '../org/org.service';
import { recordVisit, rulesInForce, type CareTaskRow } from './care.repository';
import { careContextOf, storePlannedTasks } from './care.scheduling';

export interface CareEventInput {
  type: CareEvent;
  subjectId: string;
  unitId: string;
  customerId: string | null;
  assetId: string | null;
  employeeId: string | null;
  at: Date;
}

/** Creates the tasks the unit's event rules ask for; an event announced again creates nothing. */
export async function applyEventRules(deps: Deps, tx: Db, e: CareEventInput): Promise<CareTaskRow[]> {
  const unit = await findUnit(tx, e.unitId);
  if (!unit) return [];
  if (!e.customerId) return [];
  const ctx = await careContextOf(tx, unit);
  const rules = (await rulesInForce(tx, unit.path)).map((r) => r.rule);
  const planned = planEventTasks(
    rules,
    {
      type: e.type,
      subjectId: e.subjectId,
      customerId: e.customerId,
      assetId: e.assetId,
      at: e.at.getTime(),
    },
    ctx,
  );
  return storePlannedTasks(deps, tx, unit, planned, { employeeId: e.employeeId });
}

/** Subscribes CARE-1's event rules; app/modules.ts calls it at start-up. */
export function registerCareEvents(): void {
  onBusinessEvent('ticket.closed', 'care.rules', (deps, tx, e) =>
    applyEventRules(deps, tx, {
      type: e.type,
      subjectId: e.ticketId,
      unitId: e.unitId,
      customerId: e.customerId,
      assetId: null,
      employeeId: e.ownerId,
      at: e.at,
    }).then(() => undefined),
  );

  onBusinessEvent('workorder.completed', 'care.rules', async (deps, tx, e) => {
    const unit = await findUnit(tx, e.unitId);
    if (e.customerId && unit)
      await recordVisit(tx, {
        customerId: e.customerId,
        assetId: e.assetId,
        date: localDateOf(e.at.getTime(), unit.timezone),
        at: deps.clock.now(),
      });
    await applyEventRules(deps, tx, {
      type: e.type,
      subjectId: e.workOrderId,
      unitId: e.unitId,
      customerId: e.customerId,
      assetId: e.assetId,
      employeeId: e.technicianId,
      at: e.at,
    });
  });

  onBusinessEvent('workorder.closed', 'care.rules', (deps, tx, e) =>
    applyEventRules(deps, tx, {
      type: e.type,
      subjectId: e.workOrderId,
      unitId: e.unitId,
      customerId: e.customerId,
      assetId: e.assetId,
      employeeId: e.technicianId,
      at: e.at,
    }).then(() => undefined),
  );
}
