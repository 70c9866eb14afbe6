/**
 * Work-order life cycle (派工单状态, REP-1…REP-7): which action moves an order from which state to
 * which, and who may take it. Pure: the server module checks the caller's permissions and calls
 * `transition` to learn the next state or that the action is not allowed now.
 */

/**
 * What a work order is for: installation, delivery of sold goods (送货/配送: the delivery & installation
 * manual's other half, JRN-3), repair, inspection, carry-in repair and the return delivery after it.
 */
export const WORK_ORDER_TYPES = [
  'install',
  'delivery',
  'repair',
  'inspection',
  'carry_in',
  'return_delivery',
] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];

export const WORK_ORDER_STATES = [
  'new',
  'assigned',
  'appointment_agreed',
  'en_route',
  'on_site',
  'completed',
  'carried_in',
  'returned',
  'verified',
  'closed',
  'cancelled',
] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

/** Who takes an action: the dispatcher (supervisor), the assigned technician, the verifier, or the customer via the link. */
export type WorkOrderRole = 'dispatcher' | 'technician' | 'verifier' | 'customer';

export type WorkOrderAction =
  | 'assign'
  | 'appointment'
  | 'reschedule'
  | 'checklist'
  | 'depart'
  | 'late'
  | 'arrive'
  | 'parts'
  | 'visit'
  | 'finish'
  | 'carry_in'
  | 'return_appointment'
  | 'deliver'
  | 'verify'
  | 'close'
  | 'cancel';

interface Rule {
  from: readonly WorkOrderState[];
  /** Next state; undefined keeps the current one (recording actions). */
  to?: WorkOrderState;
  roles: readonly WorkOrderRole[];
}

const FIELD_STATES: readonly WorkOrderState[] = [
  'new',
  'assigned',
  'appointment_agreed',
  'en_route',
  'on_site',
];

const RULES: Readonly<Record<WorkOrderAction, Rule>> = {
  assign: { from: ['new', 'assigned', 'appointment_agreed'], roles: ['dispatcher'] },
  appointment: { from: ['assigned'], to: 'appointment_agreed', roles: ['dispatcher', 'technician'] },
  reschedule: { from: ['appointment_agreed', 'en_route', 'carried_in'], roles: ['dispatcher', 'technician'] },
  checklist: { from: ['assigned', 'appointment_agreed', 'carried_in'], roles: ['dispatcher', 'technician'] },
  depart: { from: ['appointment_agreed'], to: 'en_route', roles: ['technician'] },
  late: { from: ['appointment_agreed', 'en_route'], roles: ['technician'] },
  arrive: { from: ['en_route'], to: 'on_site', roles: ['technician'] },
  parts: { from: ['en_route', 'on_site', 'carried_in'], roles: ['technician'] },
  visit: { from: ['on_site', 'carried_in'], roles: ['technician'] },
  finish: { from: ['on_site'], to: 'completed', roles: ['technician', 'customer'] },
  carry_in: { from: ['on_site'], to: 'carried_in', roles: ['technician'] },
  return_appointment: { from: ['carried_in'], roles: ['dispatcher', 'technician'] },
  deliver: { from: ['carried_in'], to: 'returned', roles: ['technician', 'customer'] },
  verify: { from: ['completed', 'returned'], to: 'verified', roles: ['verifier'] },
  close: { from: ['verified'], to: 'closed', roles: ['dispatcher'] },
  cancel: { from: FIELD_STATES, to: 'cancelled', roles: ['dispatcher'] },
};

export type TransitionResult = { ok: true; to: WorkOrderState } | { ok: false; reason: 'state' | 'role' };

/** The state an action leads to from `state` when taken by `role`, or why it cannot be taken. */
export function transition(
  state: WorkOrderState,
  action: WorkOrderAction,
  role: WorkOrderRole,
): TransitionResult {
  const rule = RULES[action];
  if (!rule.from.includes(state)) return { ok: false, reason: 'state' };
  if (!rule.roles.includes(role)) return { ok: false, reason: 'role' };
  if (action === 'assign') return { ok: true, to: state === 'new' ? 'assigned' : state };
  return { ok: true, to: rule.to ?? state };
}

/** Actions any of `roles` may take from `state`, for the page's buttons. */
export function actionsAvailable(state: WorkOrderState, roles: readonly WorkOrderRole[]): WorkOrderAction[] {
  return (Object.keys(RULES) as WorkOrderAction[]).filter((a) =>
    roles.some((r) => transition(state, a, r).ok),
  );
}

/** States in which the order's description (problem, asset, parts needed) may still change. */
export function isEditable(state: WorkOrderState): boolean {
  return state === 'new' || state === 'assigned' || state === 'appointment_agreed';
}

/**
 * Closed or cancelled: nothing happens to the order any more — no files are added, it books no
 * technician's day, and its SLA runs end (SLA-10).
 */
export const FINAL_WORK_ORDER_STATES: readonly WorkOrderState[] = ['closed', 'cancelled'];

/**
 * Verified by the installation supervisor (REP-7) or final: the service class and the quote are
 * settled (PAY-2, PAY-3), though a verified order is still open until it is closed.
 */
export const SETTLED_WORK_ORDER_STATES: readonly WorkOrderState[] = ['verified', ...FINAL_WORK_ORDER_STATES];

/** True when nothing happens to the order any more (closed or cancelled). */
export function isFinal(state: WorkOrderState): boolean {
  return FINAL_WORK_ORDER_STATES.includes(state);
}

/** True when the order's service class and quote are settled: verified (REP-7), closed or cancelled. */
export function isSettled(state: WorkOrderState): boolean {
  return SETTLED_WORK_ORDER_STATES.includes(state);
}
