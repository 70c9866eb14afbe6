import { can } from '../../../domain/permissions';
import type { TaskAction } from '../../../domain/tasks';
import type { Actor } from '../../app/context';
import { authErrors } from '../auth/auth.errors';
import type { MembershipView } from '../org/org.service';
import { taskErrors } from './tasks.errors';
import type { TaskRow } from './tasks.repository';

/**
 * Who sees a task: its assignee and its author always (a colleague who has never logged in still
 * finds the message in their list, IN-6), and holders of tasks.read at its unit. Anyone else gets
 * 404, as for every record outside one's units (ORG-1).
 */
export function assertMaySee(actor: Actor, task: TaskRow, unitPath: readonly string[]): void {
  const own = task.assigneeId === actor.userId || task.createdBy === actor.userId;
  if (!own && !can(actor.grants, 'tasks.read', unitPath)) throw taskErrors.notFound();
}

/**
 * Who may act: the assignee completes, cancels or hands over their own task; the author may cancel
 * a promise they recorded (the customer called again); holders of tasks.manage at the unit may do
 * everything. Someone who may see but not act is told so (403).
 */
export function assertMayAct(
  actor: Actor,
  task: TaskRow,
  unitPath: readonly string[],
  action: TaskAction,
): void {
  assertMaySee(actor, task, unitPath);
  if (task.assigneeId === actor.userId) return;
  if (action === 'cancel' && task.createdBy === actor.userId) return;
  if (can(actor.grants, 'tasks.manage', unitPath)) return;
  throw authErrors.forbidden({ permission: 'tasks.manage' });
}

/** Memberships that make a person a colleague in the unit: at the unit, above it, or below it. */
export function membershipsAround(
  list: readonly MembershipView[],
  unit: { id: string; path: readonly string[] },
) {
  return list.filter((m) => unit.path.includes(m.unitId) || m.unitPath.includes(unit.id));
}

/**
 * IN-7: a trainee (all of whose roles around the unit are trainee) may not take a call-back — that
 * is inbound intake work — but may receive messages (转告) left for them.
 */
export function isTraineeOnly(list: readonly MembershipView[]): boolean {
  return list.length > 0 && list.every((m) => m.roleCode === 'trainee');
}
