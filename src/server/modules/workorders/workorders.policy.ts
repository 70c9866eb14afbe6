import { can, type Grant, type PermissionCode } from '../../../domain/permissions';
import type { WorkOrderRole } from '../../../domain/workorders';
import type { Actor } from '../../app/context';

/** Permissions that let someone see every work order of their units (not only their own visits). */
const BROAD: readonly PermissionCode[] = [
  'workorders.dispatch',
  'workorders.verify',
  'workorders.approve',
  'workorders.create',
  'pricing.confirm_service',
  'pricing.confirm_parts',
];

export interface WorkOrderAccessFacts {
  unitPath: readonly string[];
  technicianId: string | null;
}

/**
 * ORG-1 for work orders: readers see their units' orders; a technician (workorders.work without a
 * broader right there) sees only the orders assigned to them.
 */
export function seesWorkOrder(actor: Actor, o: WorkOrderAccessFacts): boolean {
  if (!can(actor.grants, 'workorders.read', o.unitPath)) return false;
  if (BROAD.some((p) => can(actor.grants, p, o.unitPath))) return true;
  if (can(actor.grants, 'workorders.work', o.unitPath)) return o.technicianId === actor.userId;
  return true;
}

/** The roles of the state machine the actor plays on this order. */
export function rolesOn(actor: Actor, o: WorkOrderAccessFacts): WorkOrderRole[] {
  const roles: WorkOrderRole[] = [];
  if (can(actor.grants, 'workorders.dispatch', o.unitPath)) roles.push('dispatcher');
  if (o.technicianId === actor.userId && can(actor.grants, 'workorders.work', o.unitPath))
    roles.push('technician');
  if (can(actor.grants, 'workorders.verify', o.unitPath)) roles.push('verifier');
  return roles;
}

/** Units where the actor sees every order, and units where they see only their own visits. */
export function listScope(grants: readonly Grant[]): { broadRoots: string[]; ownRoots: string[] } {
  const readRoots = grants.filter((g) => g.permissions.includes('workorders.read'));
  const broadRoots = grants
    .filter((g) => BROAD.some((p) => g.permissions.includes(p)) && can(grants, 'workorders.read', g.unitPath))
    .map((g) => g.unitId);
  return { broadRoots, ownRoots: readRoots.map((g) => g.unitId) };
}
