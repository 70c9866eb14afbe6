/**
 * Maintenance contracts (PAY-2 class B, issue 18 item 7) after they are recorded: the list with
 * their state and expiry, editing (audited, dates checked), and the renewal follow-up the scheduler
 * raises once per contract term, a set number of days before the contract ends.
 */
import { and, asc, count, eq, lte, sql, type SQL } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import { localDateOf } from '../../../domain/calendar';
import {
  CONTRACT_RENEWAL_NOTICE_DAYS,
  addDaysToDate,
  contractDatesProblem,
  contractState,
  renewalNoticeDue,
  type ContractState,
} from '../../../domain/workorders';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { customerNames, loadChildren } from '../customers/customers.service';
import { createNotifications } from '../notifications/notifications.service';
import { nearestRoleHolders } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { workOrderErrors } from './workorders.errors';
import { maintenanceContracts } from './pricing.table';

export const MAINTENANCE_CONTRACT_SUBJECT = 'maintenance_contract';
/** Who follows a renewal up: the unit's installation supervisor (nearest up), else its store manager. */
const RENEWAL_ROLES = ['installation_supervisor'] as const;
const RENEWAL_FALLBACK_ROLES = ['store_manager'] as const;

export type ContractRow = typeof maintenanceContracts.$inferSelect;

const today = (deps: Deps, timezone: string) => localDateOf(deps.clock.now(), timezone);

export function checkContractDates(c: { startsOn: string; endsOn: string }) {
  if (contractDatesProblem(c)) throw workOrderErrors.contractDates();
}

export interface ContractsQuery {
  unitId?: string | undefined;
  state?: ContractState | undefined;
  /** Only contracts ending on or before this date. */
  endsBy?: string | undefined;
  /** One page of the list (the page shows these); without them, every match (the export). */
  page?: number | undefined;
  pageSize?: number | undefined;
}

/**
 * The contract state in SQL, as `contractState` decides it, on each unit's own local date at `now`:
 * so a page of one state is cut by the database, not after a capped read.
 */
function stateCondition(state: ContractState, now: Date): SQL {
  const today = sql`(${now.toISOString()}::timestamptz at time zone ${organisationUnits.timezone})::date`;
  const noticeEnd = sql`(${today} + ${CONTRACT_RENEWAL_NOTICE_DAYS}::integer)`;
  const { startsOn, endsOn } = maintenanceContracts;
  switch (state) {
    case 'expired':
      return sql`${endsOn} < ${today}`;
    case 'upcoming':
      return sql`${endsOn} >= ${today} and ${startsOn} > ${today}`;
    case 'expiring':
      return sql`${endsOn} >= ${today} and ${startsOn} <= ${today} and ${endsOn} <= ${noticeEnd}`;
    case 'active':
      return sql`${startsOn} <= ${today} and ${endsOn} > ${noticeEnd}`;
  }
}

/** The contracts of the units where the caller reads work orders, soonest end first, a page at a time. */
export async function listContracts(deps: Deps, actor: Actor, q: ContractsQuery) {
  const roots = actor.grants.filter((g) => g.permissions.includes('workorders.read')).map((g) => g.unitId);
  if (q.unitId) {
    const [unit] = await deps.db
      .select({ path: organisationUnits.path })
      .from(organisationUnits)
      .where(eq(organisationUnits.id, q.unitId));
    if (!unit || !can(actor.grants, 'workorders.read', unit.path)) throw workOrderErrors.unitNotFound();
    roots.splice(0, roots.length, q.unitId);
  }
  if (roots.length === 0) return { items: [], total: 0 };
  const inUnits = sql`${organisationUnits.path} && array[${sql.join(
    roots.map((r) => sql`${r}`),
    sql`, `,
  )}]::uuid[]`;
  const where = and(
    inUnits,
    q.endsBy ? lte(maintenanceContracts.endsOn, q.endsBy) : undefined,
    q.state ? stateCondition(q.state, deps.clock.now()) : undefined,
  );
  const query = deps.db
    .select({
      c: maintenanceContracts,
      unitName: organisationUnits.name,
      timezone: organisationUnits.timezone,
    })
    .from(maintenanceContracts)
    .innerJoin(organisationUnits, eq(organisationUnits.id, maintenanceContracts.unitId))
    .where(where)
    .orderBy(
      asc(maintenanceContracts.endsOn),
      asc(maintenanceContracts.number),
      asc(maintenanceContracts.id),
    );
  const paged = q.page !== undefined && q.pageSize !== undefined;
  const rows = paged ? await query.limit(q.pageSize!).offset((q.page! - 1) * q.pageSize!) : await query;
  const total = paged
    ? ((
        await deps.db
          .select({ n: count() })
          .from(maintenanceContracts)
          .innerJoin(organisationUnits, eq(organisationUnits.id, maintenanceContracts.unitId))
          .where(where)
      )[0]?.n ?? 0)
    : rows.length;
  const customerIds = [...new Set(rows.map((r) => r.c.customerId))];
  const names = await customerNames(deps.db, customerIds);
  const { assets } = customerIds.length ? await loadChildren(deps.db, customerIds) : { assets: [] };
  const assetNames = new Map(assets.map((a) => [a.id, a.model ? `${a.name} ${a.model}` : a.name]));
  const items = rows.map(({ c, unitName, timezone }) => ({
    ...presentContract(c),
    unitName,
    customerName: names.get(c.customerId) ?? '',
    assetName: c.assetId ? (assetNames.get(c.assetId) ?? '') : null,
    state: contractState(c, today(deps, timezone)),
  }));
  return { items, total: Number(total) };
}

export function presentContract(c: ContractRow) {
  return {
    id: c.id,
    unitId: c.unitId,
    customerId: c.customerId,
    assetId: c.assetId,
    number: c.number,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    renewalNoticeFor: c.renewalNoticeFor,
    createdAt: c.createdAt.toISOString(),
  };
}

export interface ContractPatch {
  number?: string | undefined;
  startsOn?: string | undefined;
  endsOn?: string | undefined;
  /** Null: every asset of the customer. */
  assetId?: string | null | undefined;
}

/** Edits a contract (a renewal moves its end: a new term, with its own renewal follow-up). */
export async function updateContract(deps: Deps, actor: Actor, id: string, patch: ContractPatch) {
  return deps.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ c: maintenanceContracts, path: organisationUnits.path })
      .from(maintenanceContracts)
      .innerJoin(organisationUnits, eq(organisationUnits.id, maintenanceContracts.unitId))
      .where(eq(maintenanceContracts.id, id))
      .for('update', { of: maintenanceContracts });
    if (!found || !can(actor.grants, 'workorders.read', found.path)) throw workOrderErrors.contractNotFound();
    if (!can(actor.grants, 'workorders.dispatch', found.path)) throw workOrderErrors.contractNotFound();
    const before = found.c;
    const next = {
      number: patch.number ?? before.number,
      startsOn: patch.startsOn ?? before.startsOn,
      endsOn: patch.endsOn ?? before.endsOn,
      assetId: patch.assetId === undefined ? before.assetId : patch.assetId,
    };
    checkContractDates(next);
    if (next.assetId && next.assetId !== before.assetId) {
      const { assets } = await loadChildren(tx, [before.customerId]);
      if (!assets.some((a) => a.id === next.assetId)) throw workOrderErrors.assetNotFound();
    }
    const [after] = await tx
      .update(maintenanceContracts)
      .set(next)
      .where(eq(maintenanceContracts.id, id))
      .returning();
    const now = deps.clock.now();
    await recordAudit(tx, now, actor, {
      action: 'maintenance_contract.updated',
      subjectType: MAINTENANCE_CONTRACT_SUBJECT,
      subjectId: id,
      unitId: before.unitId,
      before,
      after,
    });
    return after!;
  });
}

/**
 * Issue 18 item 7: each contract ending within the notice period gets one renewal follow-up for
 * its term — a notice to the unit's installation supervisor (or the nearest one up) — claimed by a
 * conditional update so any number of scheduler instances raise it exactly once. Returns how many.
 */
export async function remindContractRenewals(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  // A generous window in UTC; each row is then judged on its unit's local date.
  const horizon = addDaysToDate(localDateOf(now, 'UTC'), CONTRACT_RENEWAL_NOTICE_DAYS + 1);
  const candidates = await deps.db
    .select({ c: maintenanceContracts, path: organisationUnits.path, timezone: organisationUnits.timezone })
    .from(maintenanceContracts)
    .innerJoin(organisationUnits, eq(organisationUnits.id, maintenanceContracts.unitId))
    .where(
      and(
        lte(maintenanceContracts.endsOn, horizon),
        sql`${maintenanceContracts.renewalNoticeFor} is distinct from ${maintenanceContracts.endsOn}`,
      ),
    );
  let raised = 0;
  for (const { c, path, timezone } of candidates) {
    if (!renewalNoticeDue(c, today(deps, timezone))) continue;
    await deps.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(maintenanceContracts)
        .set({ renewalNoticeFor: c.endsOn })
        .where(
          and(
            eq(maintenanceContracts.id, c.id),
            eq(maintenanceContracts.endsOn, c.endsOn),
            sql`${maintenanceContracts.renewalNoticeFor} is distinct from ${c.endsOn}`,
          ),
        )
        .returning({ id: maintenanceContracts.id });
      if (!claimed) return;
      let recipients = await nearestRoleHolders(tx, path, RENEWAL_ROLES);
      if (recipients.length === 0) recipients = await nearestRoleHolders(tx, path, RENEWAL_FALLBACK_ROLES);
      const customer = (await customerNames(tx, [c.customerId])).get(c.customerId) ?? '';
      await createNotifications(
        tx,
        recipients.map((recipientId) => ({
          recipientId,
          kind: 'contract_renewal_due' as const,
          subjectType: MAINTENANCE_CONTRACT_SUBJECT,
          subjectId: c.id,
          stepId: `contract:${c.id}:${c.endsOn}:renewal`,
          payload: { number: c.number, customer, endsOn: c.endsOn },
          createdAt: now,
        })),
      );
      await recordAudit(tx, now, null, {
        action: 'maintenance_contract.renewal_due',
        subjectType: MAINTENANCE_CONTRACT_SUBJECT,
        subjectId: c.id,
        unitId: c.unitId,
        after: { endsOn: c.endsOn, notified: recipients },
      });
      raised += 1;
    });
  }
  return raised;
}
