import { and, asc, count, eq, isNotNull, isNull, lt, gte, sql } from 'drizzle-orm';
import {
  archiveDueOn,
  handoverCheckMissing,
  handoverCheckOutcome,
  PROPERTY_TITLE_DAYS,
  propertyTitleDueOn,
  propertyTitleState,
} from '../../../domain/customers';
import { localDateOf } from '../../../domain/calendar/time-zone';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { scopeOf, unitsWithin } from '../org/org.service';
import { organisationUnits, users } from '../org/org.table';
import { customerErrors } from './customers.errors';
import { assets, customerHandoverChecks, customers } from './customers.table';
import { customerInScope } from './customers.usecases';

/** Real-estate dates are kept in China's calendar days. */
const ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const todayOf = (deps: Deps) => localDateOf(deps.clock.now(), ZONE);
const minusDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

/**
 * CUS-1 (real estate): houses whose property-title number (产权证号) is still missing, in the
 * caller's units — `overdue` once 14 calendar days have passed since the certificate date, else
 * `pending`; the most overdue first.
 */
export async function listPropertyTitles(
  deps: Deps,
  actor: Actor,
  q: { state: 'overdue' | 'pending'; page: number; pageSize: number },
) {
  const today = todayOf(deps);
  // Overdue ⇔ today > certificate + 14 days ⇔ certificate < today − 14 days.
  const cutoff = minusDays(today, PROPERTY_TITLE_DAYS);
  const where = and(
    unitsWithin(scopeOf(actor, 'customers.read')),
    eq(assets.kind, 'house'),
    isNull(assets.titleNumber),
    isNotNull(assets.titleCertificateOn),
    q.state === 'overdue' ? lt(assets.titleCertificateOn, cutoff) : gte(assets.titleCertificateOn, cutoff),
  );
  const from = () =>
    deps.db
      .select({
        assetId: assets.id,
        name: assets.name,
        roomNumber: assets.number,
        titleCertificateOn: assets.titleCertificateOn,
        customerId: customers.id,
        customerName: customers.name,
        unitName: organisationUnits.name,
      })
      .from(assets)
      .innerJoin(customers, eq(customers.id, assets.customerId))
      .innerJoin(organisationUnits, eq(organisationUnits.id, customers.unitId))
      .where(where);
  const [rows, [total]] = await Promise.all([
    from()
      .orderBy(asc(assets.titleCertificateOn), asc(assets.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db
      .select({ n: count() })
      .from(assets)
      .innerJoin(customers, eq(customers.id, assets.customerId))
      .innerJoin(organisationUnits, eq(organisationUnits.id, customers.unitId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => {
      const dueOn = propertyTitleDueOn(r.titleCertificateOn!);
      return {
        ...r,
        titleCertificateOn: r.titleCertificateOn!,
        dueOn,
        state: propertyTitleState({ titleCertificateOn: r.titleCertificateOn, titleNumber: null }, today),
        daysOverdue: Math.max(0, Math.round((Date.parse(today) - Date.parse(dueOn)) / DAY_MS)),
      };
    }),
    total: Number(total?.n ?? 0),
  };
}

type CheckRow = typeof customerHandoverChecks.$inferSelect;

function presentCheck(
  row: CheckRow,
  names: { customerName: string; unitName: string; checkedBy: string | null },
) {
  const dueOn = archiveDueOn(row.handoverOn);
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: names.customerName,
    unitName: names.unitName,
    handoverOn: row.handoverOn,
    receivedOn: row.receivedOn,
    /** The day the archive should have arrived: one month before the handover. */
    dueOn,
    receivedLate: row.receivedOn > dueOn,
    checked: row.checkedAt !== null,
    roomOk: row.roomOk,
    phoneOk: row.phoneOk,
    addressOk: row.addressOk,
    problem: row.problem,
    outcome:
      row.checkedAt === null
        ? null
        : handoverCheckOutcome({
            roomOk: !!row.roomOk,
            phoneOk: !!row.phoneOk,
            addressOk: !!row.addressOk,
            problem: row.problem,
          }),
    checkedBy: names.checkedBy,
    checkedAt: row.checkedAt?.toISOString() ?? null,
  };
}

/** Hand-over checks with the customer's, the unit's and the checker's names. */
function checkRows(deps: Deps) {
  return deps.db
    .select({
      check: customerHandoverChecks,
      customerName: customers.name,
      unitName: organisationUnits.name,
      checkedBy: users.displayName,
    })
    .from(customerHandoverChecks)
    .innerJoin(customers, eq(customers.id, customerHandoverChecks.customerId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, customerHandoverChecks.unitId))
    .leftJoin(users, eq(users.id, customerHandoverChecks.checkedBy))
    .$dynamic();
}

async function checkOf(deps: Deps, customerId: string) {
  const [row] = await checkRows(deps).where(eq(customerHandoverChecks.customerId, customerId));
  return row ? presentCheck(row.check, row) : null;
}

/** CUS-5: the hand-over record of one customer, or null when none was received. */
export async function handoverCheckOf(deps: Deps, actor: Actor, customerId: string) {
  await customerInScope(deps, actor, customerId);
  return checkOf(deps, customerId);
}

/** CUS-5: customer service registers the customer's archive record as received from sales. */
export async function receiveHandover(
  deps: Deps,
  actor: Actor,
  customerId: string,
  input: { handoverOn: string; receivedOn?: string | undefined },
) {
  const { customer } = await customerInScope(deps, actor, customerId, 'customers.manage');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(customerHandoverChecks)
      .values({
        customerId,
        unitId: customer.unitId,
        handoverOn: input.handoverOn,
        receivedOn: input.receivedOn ?? localDateOf(now, ZONE),
        receivedBy: actor.userId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw customerErrors.handoverAlreadyReceived();
    await recordAudit(tx, now, actor, {
      action: 'customer.handover_received',
      subjectType: 'customer',
      subjectId: customerId,
      unitId: customer.unitId,
      after: row,
    });
  });
  return (await checkOf(deps, customerId))!;
}

/**
 * CUS-5: the check on arrival — room, phone and address each ticked as matching, or the problem
 * written down (400 without it). One check per received record (409 a second time).
 */
export async function checkHandover(
  deps: Deps,
  actor: Actor,
  customerId: string,
  input: { roomOk: boolean; phoneOk: boolean; addressOk: boolean; problem?: string | null | undefined },
) {
  const { customer } = await customerInScope(deps, actor, customerId, 'customers.manage');
  const check = { ...input, problem: input.problem?.trim() || null };
  const missing = handoverCheckMissing(check);
  if (missing.length > 0) throw customerErrors.handoverCheckIncomplete({ unticked: missing });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(customerHandoverChecks)
      .where(eq(customerHandoverChecks.customerId, customerId))
      .for('update');
    if (!before) throw customerErrors.handoverNotReceived();
    if (before.checkedAt) throw customerErrors.handoverAlreadyChecked();
    const [after] = await tx
      .update(customerHandoverChecks)
      .set({ ...check, checkedBy: actor.userId, checkedAt: now })
      .where(eq(customerHandoverChecks.id, before.id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'customer.handover_checked',
      subjectType: 'customer',
      subjectId: customerId,
      unitId: customer.unitId,
      before,
      after,
    });
  });
  return (await checkOf(deps, customerId))!;
}

/** CUS-5: received records in the caller's units — the ones not yet checked first by arrival. */
export async function listHandoverChecks(
  deps: Deps,
  actor: Actor,
  q: { state: 'unchecked' | 'checked'; page: number; pageSize: number },
) {
  const where = and(
    unitsWithin(scopeOf(actor, 'customers.read')),
    q.state === 'unchecked'
      ? isNull(customerHandoverChecks.checkedAt)
      : isNotNull(customerHandoverChecks.checkedAt),
  );
  const [rows, [total]] = await Promise.all([
    checkRows(deps)
      .where(where)
      .orderBy(asc(customerHandoverChecks.receivedOn), asc(customerHandoverChecks.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(customerHandoverChecks)
      .innerJoin(organisationUnits, eq(organisationUnits.id, customerHandoverChecks.unitId))
      .where(where),
  ]);
  return { items: rows.map((r) => presentCheck(r.check, r)), total: Number(total?.n ?? 0) };
}
