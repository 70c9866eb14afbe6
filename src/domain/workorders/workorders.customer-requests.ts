/**
 * The customer's own requests on a work order (客户申请, REP-3, PORTAL-1): from the link in an SMS
 * the customer asks for another time (proposing up to three windows) or asks to cancel with a
 * reason. Nothing changes until staff confirm: a reschedule needs the customer's consent (REP-3),
 * which the request is, and a person to book the window; a cancellation needs the dispatcher.
 */
import type { VisitWindow } from './workorders.appointments';
import type { WorkOrderState } from './workorders.states';

export const CUSTOMER_REQUEST_KINDS = ['reschedule', 'cancel'] as const;
export type CustomerRequestKind = (typeof CUSTOMER_REQUEST_KINDS)[number];
export const CUSTOMER_REQUEST_STATES = ['pending', 'confirmed', 'declined'] as const;
export type CustomerRequestState = (typeof CUSTOMER_REQUEST_STATES)[number];

/** The most windows a customer may propose in one request. */
export const MAX_PROPOSED_WINDOWS = 3;
/** The most requests one order takes from its link: the public endpoint cannot be used to flood staff. */
export const MAX_REQUESTS_PER_ORDER = 6;

/** States in which the visit has not happened yet, so the customer may still move or call it off. */
const OPEN_FOR_REQUESTS: readonly WorkOrderState[] = [
  'new',
  'assigned',
  'appointment_agreed',
  'en_route',
  'carried_in',
];

export type CustomerRequestProblem =
  'order_not_open' | 'already_pending' | 'too_many_requests' | 'window_in_past' | 'invalid_window';

export interface CustomerRequestFacts {
  state: WorkOrderState;
  kind: CustomerRequestKind;
  /** Proposed windows (reschedule only). */
  windows: readonly VisitWindow[];
  /** Kinds of the order's requests still waiting for staff. */
  pendingKinds: readonly CustomerRequestKind[];
  /** How many requests the order has taken so far. */
  requestCount: number;
  now: Date;
}

/** True while the customer may still ask for another time or a cancellation. */
export function openForCustomerRequests(state: WorkOrderState): boolean {
  return OPEN_FOR_REQUESTS.includes(state);
}

/**
 * Why a customer's request cannot be taken, or null. A carried-in repair may be moved (its return
 * delivery) but not cancelled: the item is in the workshop.
 */
export function customerRequestProblem(f: CustomerRequestFacts): CustomerRequestProblem | null {
  if (!openForCustomerRequests(f.state)) return 'order_not_open';
  if (f.kind === 'cancel' && f.state === 'carried_in') return 'order_not_open';
  if (f.pendingKinds.includes(f.kind)) return 'already_pending';
  if (f.requestCount >= MAX_REQUESTS_PER_ORDER) return 'too_many_requests';
  if (f.kind === 'reschedule') {
    if (f.windows.length < 1 || f.windows.length > MAX_PROPOSED_WINDOWS) return 'invalid_window';
    for (const w of f.windows) {
      if (!(w.end.getTime() > w.start.getTime())) return 'invalid_window';
      if (w.start.getTime() < f.now.getTime()) return 'window_in_past';
    }
  }
  return null;
}
