/**
 * RPT-7 who sees what (ORG-1): a supervisor with quality.review sees the reviews of their units; an
 * agent with quality.view_own sees only reviews of their own work. Anything else answers 404, the
 * same as a review that does not exist.
 */
import { can, scopeRoots, type PermissionCode } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { authErrors } from '../auth/auth.errors';
import { findUnit, type UnitRow } from '../org/org.service';
import { qualityErrors } from './quality.errors';

/** The unit, when the caller holds one of the permissions there; 404 otherwise (403 with none anywhere). */
export async function unitFor(
  deps: Deps,
  actor: Actor,
  unitId: string,
  permissions: readonly PermissionCode[],
): Promise<UnitRow> {
  if (permissions.every((p) => scopeRoots(actor.grants, p).length === 0))
    throw authErrors.forbidden({ permission: permissions[0] });
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !permissions.some((p) => can(actor.grants, p, unit.path))) throw qualityErrors.unitNotFound();
  return unit;
}

/** How the caller relates to one review: as its supervisor, as the reviewed agent, or not at all. */
export function reviewAccess(
  actor: Actor,
  review: { agentId: string; state: string },
  unitPath: readonly string[],
): { supervises: boolean; own: boolean } {
  const supervises = can(actor.grants, 'quality.review', unitPath);
  // An agent sees a review of their work once it is scored: which work was drawn stays the reviewer's.
  const own =
    review.agentId === actor.userId &&
    review.state !== 'sampled' &&
    can(actor.grants, 'quality.view_own', unitPath);
  return { supervises, own };
}
