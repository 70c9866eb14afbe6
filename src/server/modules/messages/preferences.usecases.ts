/** CARE-4 settings: a unit's contact hours and a customer's marketing opt-out. */
import type { Actor, Deps } from '../../app/context';
import { contactHoursProblem, type ContactHours } from '../../../domain/messages';
import { recordAudit } from '../audit/audit.service';
import { customerInScope } from '../customers/customers.service';
import { assertCan, scopeOf } from '../org/org.service';
import { eq } from 'drizzle-orm';
import { messageErrors } from './messages.errors';
import { optOutRow, unitOrThrow } from './messages.repository';
import { contactHoursOf, type EffectiveContactHours } from './messages.service';
import { marketingOptOuts, unitContactHours } from './messages.table';

export interface OptOutView {
  customerId: string;
  optedOut: boolean;
  reason: string | null;
  recordedAt: Date | null;
  recordedBy: string | null;
}

/** Whether the customer refuses marketing; anyone who reads the customer may see it. */
export async function getMarketingOptOut(deps: Deps, actor: Actor, customerId: string): Promise<OptOutView> {
  await customerInScope(deps, actor, customerId, 'customers.read');
  const row = await optOutRow(deps.db, customerId);
  return {
    customerId,
    optedOut: !!row,
    reason: row?.reason ?? null,
    recordedAt: row?.recordedAt ?? null,
    recordedBy: row?.recordedBy ?? null,
  };
}

/**
 * CARE-4: records (or lifts) a customer's refusal of marketing contact, as the agent hears it on
 * the phone — so whoever may edit the customer may set it. Service messages are not affected.
 */
export async function setMarketingOptOut(
  deps: Deps,
  actor: Actor,
  customerId: string,
  input: { optedOut: boolean; reason?: string | null },
): Promise<OptOutView> {
  const { customer } = await customerInScope(deps, actor, customerId, 'customers.manage');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await optOutRow(tx, customerId);
    if (input.optedOut) {
      const values = { reason: input.reason ?? null, recordedAt: now, recordedBy: actor.userId };
      await tx
        .insert(marketingOptOuts)
        .values({ customerId, ...values })
        .onConflictDoUpdate({ target: marketingOptOuts.customerId, set: values });
    } else {
      await tx.delete(marketingOptOuts).where(eq(marketingOptOuts.customerId, customerId));
    }
    await recordAudit(tx, now, actor, {
      action: input.optedOut ? 'customer.marketing_opt_out' : 'customer.marketing_opt_in',
      subjectType: 'customer',
      subjectId: customerId,
      unitId: customer.unitId,
      before: before ? { optedOut: true, reason: before.reason } : { optedOut: false },
      after: { optedOut: input.optedOut, reason: input.optedOut ? (input.reason ?? null) : null },
    });
  });
  return getMarketingOptOut(deps, actor, customerId);
}

/** The unit's effective contact hours; anyone who reads the outbox there may see them. */
export async function getContactHours(
  deps: Deps,
  actor: Actor,
  unitId: string,
): Promise<EffectiveContactHours> {
  const unit = await unitOrThrow(deps.db, unitId, messageErrors.unitNotFound);
  assertCan(actor, 'messages.read', unit.path, messageErrors.unitNotFound);
  return contactHoursOf(deps.db, unitId);
}

/** Sets the unit's own contact hours (null: inherit from above again). Units below inherit them. */
export async function setContactHours(
  deps: Deps,
  actor: Actor,
  unitId: string,
  hours: ContactHours | null,
): Promise<EffectiveContactHours> {
  const unit = await unitOrThrow(deps.db, unitId, messageErrors.unitNotFound);
  assertCan(actor, 'messages.manage', unit.path, messageErrors.unitNotFound);
  if (hours && contactHoursProblem(hours))
    throw messageErrors.invalidContactHours({ problem: contactHoursProblem(hours) });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await contactHoursOf(tx, unitId);
    if (hours) {
      const values = { start: hours.start, end: hours.end, updatedAt: now, updatedBy: actor.userId };
      await tx
        .insert(unitContactHours)
        .values({ unitId, ...values })
        .onConflictDoUpdate({ target: unitContactHours.unitId, set: values });
    } else {
      await tx.delete(unitContactHours).where(eq(unitContactHours.unitId, unitId));
    }
    await recordAudit(tx, now, actor, {
      action: 'unit.contact_hours_set',
      subjectType: 'unit',
      subjectId: unitId,
      unitId,
      before,
      after: hours ?? { inherited: true },
    });
  });
  return contactHoursOf(deps.db, unitId);
}

/** 403 unless the caller reads the outbox somewhere. */
export function assertReadsMessages(actor: Actor): void {
  scopeOf(actor, 'messages.read');
}
