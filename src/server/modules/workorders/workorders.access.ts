/**
 * The one path every work-order action takes: lock the order, check the caller sees it (404
 * otherwise), check the state machine allows the action for one of the caller's roles (403 for the
 * role, 409 for the state), apply the change and write the audit row — all in one transaction.
 * Signature files stored during a failed action are removed afterwards.
 */
import {
  transition,
  type WorkOrderAction,
  type WorkOrderRole,
  type WorkOrderState,
} from '../../../domain/workorders';
import { can, type PermissionCode } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { workOrderErrors } from './workorders.errors';
import { rolesOn, seesWorkOrder } from './workorders.policy';
import {
  loadWorkOrder,
  updateWorkOrder,
  type LoadedWorkOrder,
  type NewWorkOrderRow,
  type WorkOrderRow,
} from './workorders.repository';

/** The order, when the actor may see it; otherwise the same 404 as a missing one (ORG-1). */
export async function visibleWorkOrder(
  db: Db,
  actor: Actor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<LoadedWorkOrder> {
  const loaded = await loadWorkOrder(db, id, opts);
  if (
    !loaded ||
    !seesWorkOrder(actor, { unitPath: loaded.unit.path, technicianId: loaded.order.technicianId })
  )
    throw workOrderErrors.notFound();
  return loaded;
}

const ALL_ROLES: readonly WorkOrderRole[] = ['dispatcher', 'technician', 'verifier', 'customer'];

/**
 * The role under which the caller may take `action` now. Not allowed from this state at all → 409;
 * allowed, but not for any role the caller plays on this order → 403.
 */
export function allowedAs(state: WorkOrderState, action: WorkOrderAction, roles: readonly WorkOrderRole[]) {
  for (const role of roles) {
    const result = transition(state, action, role);
    if (result.ok) return { role, to: result.to };
  }
  if (!ALL_ROLES.some((r) => transition(state, action, r).ok))
    throw workOrderErrors.transitionNotAllowed({ state, action });
  throw authErrors.forbidden({ action });
}

export interface ActionContext {
  tx: Db;
  loaded: LoadedWorkOrder;
  order: WorkOrderRow;
  role: WorkOrderRole;
  to: WorkOrderState;
  now: Date;
  /** Registers a stored file to remove if the transaction fails. */
  onFailure: (cleanup: () => Promise<void>) => void;
}

export interface ActionOutcome {
  set?: Partial<NewWorkOrderRow>;
  /** Extra facts for the audit row. */
  audit?: Record<string, unknown>;
  /** Runs after the order row is updated, still inside the transaction (events, SLA). */
  after?: (order: WorkOrderRow) => Promise<void>;
}

/** Takes `action` on the order as `actor` (or as the customer through a link when actor is null). */
export async function takeAction(
  deps: Deps,
  actor: Actor | null,
  id: string,
  action: WorkOrderAction,
  apply: (ctx: ActionContext) => Promise<ActionOutcome>,
  opts: { customerLink?: true } = {},
): Promise<WorkOrderRow> {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    return await deps.db.transaction(async (tx) => {
      const loaded = actor
        ? await visibleWorkOrder(tx, actor, id, { forUpdate: true })
        : await loadWorkOrder(tx, id, { forUpdate: true });
      if (!loaded) throw workOrderErrors.notFound();
      const roles: WorkOrderRole[] = actor
        ? rolesOn(actor, { unitPath: loaded.unit.path, technicianId: loaded.order.technicianId })
        : opts.customerLink
          ? ['customer']
          : [];
      const { role, to } = allowedAs(loaded.order.state, action, roles);
      const now = deps.clock.now();
      const outcome = await apply({
        tx,
        loaded,
        order: loaded.order,
        role,
        to,
        now,
        onFailure: (c) => cleanups.push(c),
      });
      const after = await updateWorkOrder(tx, id, { ...outcome.set, state: to, updatedAt: now });
      await recordAudit(tx, now, actor, {
        action: `workorder.${action}`,
        subjectType: 'work_order',
        subjectId: id,
        unitId: after.unitId,
        before: { state: loaded.order.state },
        after: { state: to, as: role, ...outcome.audit },
      });
      if (outcome.after) await outcome.after(after);
      return after;
    });
  } catch (err) {
    for (const c of cleanups) await c();
    throw err;
  }
}

export interface EditContext {
  tx: Db;
  order: WorkOrderRow;
  unit: LoadedWorkOrder['unit'];
  now: Date;
}

/**
 * A change outside the state machine (description, class, quote, approvals): the caller must hold
 * `permission` at the order's unit; the order row is locked, changed and audited in one transaction.
 */
export async function editWorkOrder(
  deps: Deps,
  actor: Actor,
  id: string,
  permission: PermissionCode,
  auditAction: string,
  apply: (ctx: EditContext) => Promise<{ set?: Partial<NewWorkOrderRow>; audit?: Record<string, unknown> }>,
): Promise<WorkOrderRow> {
  return deps.db.transaction(async (tx) => {
    const { order, unit } = await visibleWorkOrder(tx, actor, id, { forUpdate: true });
    if (!can(actor.grants, permission, unit.path)) throw authErrors.forbidden({ permission });
    const now = deps.clock.now();
    const outcome = await apply({ tx, order, unit, now });
    const set = outcome.set ?? {};
    const after = await updateWorkOrder(tx, id, { ...set, updatedAt: now });
    await recordAudit(tx, now, actor, {
      action: auditAction,
      subjectType: 'work_order',
      subjectId: id,
      unitId: order.unitId,
      before: Object.fromEntries(Object.keys(set).map((k) => [k, order[k as keyof WorkOrderRow]])),
      after: { ...set, ...outcome.audit },
    });
    return after;
  });
}
