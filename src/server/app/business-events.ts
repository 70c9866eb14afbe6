/**
 * Business events one module announces and others act on (a ticket closed → a follow-up call and
 * a survey are scheduled). Handlers run inside the announcing transaction, so the follow-up work
 * commits or rolls back together with the change that caused it — nothing is lost on a crash and
 * nothing is scheduled for a change that did not happen. Handlers register through their module's
 * entry in app/modules.ts when a server is built, so every server — tests included — has them all.
 */
import type { Deps } from './context';
import type { Db } from './db';

/** A ticket reached `closed` (agent closing it, bulk close, or GM approval of a complaint close-out). */
export interface TicketClosedEvent {
  type: 'ticket.closed';
  ticketId: string;
  ticketNumber: string;
  ticketType: string;
  unitId: string;
  customerId: string | null;
  /** The intake agent (接诉人) who owns the customer conversation. */
  ownerId: string | null;
  at: Date;
}

/** A ticket was reopened (resolved or closed, back to work): what was under way for its end stops. */
export interface TicketReopenedEvent {
  type: 'ticket.reopened';
  ticketId: string;
  unitId: string;
  at: Date;
}

/** A work order's field work is done on site (REP-5) or it was returned after carry-in repair (REP-6). */
export interface WorkOrderCompletedEvent {
  type: 'workorder.completed';
  workOrderId: string;
  workOrderNumber: string;
  workOrderType: string;
  ticketId: string | null;
  unitId: string;
  customerId: string | null;
  assetId: string | null;
  technicianId: string | null;
  /** SAT-1: who makes the one satisfaction call — the ticket's intake agent or the order's creator. */
  ownerId: string | null;
  /**
   * SAT-1/JRN-1: items the customer did not accept on the form (有问题), each a leftover issue
   * (遗留问题) to follow up; empty when everything was accepted.
   */
  leftoverIssues?: { key: string; name: string; quantity: number; note: string }[];
  at: Date;
}

/** JRN-3: an installation or delivery visit was booked or moved to a new window. */
export interface WorkOrderAppointmentAgreedEvent {
  type: 'workorder.appointment_agreed';
  workOrderId: string;
  workOrderNumber: string;
  workOrderType: string;
  unitId: string;
  customerId: string | null;
  assetId: string | null;
  technicianId: string | null;
  appointmentStart: Date;
  appointmentEnd: Date;
  at: Date;
}

/**
 * CARE-1: the vehicle/item left the shop (出厂), recorded by the front-desk service advisor who
 * hands it back; the 30-minute SMS names that advisor.
 */
export interface WorkOrderLeftShopEvent {
  type: 'workorder.left_shop';
  workOrderId: string;
  workOrderNumber: string;
  unitId: string;
  customerId: string | null;
  assetId: string | null;
  advisorId: string;
  at: Date;
}

/** CARE-1 retail: a sale (an order entered at the counter or pushed by the shop); `at` is when it was ordered. */
export interface OrderPlacedEvent {
  type: 'order.placed';
  orderId: string;
  orderNo: string;
  unitId: string;
  customerId: string | null;
  at: Date;
}

/** A work order was verified by the supervisor and closed (REP-7). */
export interface WorkOrderClosedEvent {
  type: 'workorder.closed';
  workOrderId: string;
  workOrderNumber: string;
  workOrderType: string;
  ticketId: string | null;
  unitId: string;
  customerId: string | null;
  assetId: string | null;
  technicianId: string | null;
  at: Date;
}

/**
 * ORG-3: a leaver's account was disabled. Modules holding assignable work hand the leaver's open
 * items to the successor (or back to the unit's queue when none was named) in the same transaction.
 */
export interface UserDisabledEvent {
  type: 'user.disabled';
  userId: string;
  successorId: string | null;
  /** Who disabled the account: the actor of the hand-over in every module's trail. */
  actorId: string;
  at: Date;
}

/**
 * Work was given to one person: a ticket to its worker, a work order to its technician. The
 * notifications module tells them (in-app, and in WeCom/DingTalk where they are mapped).
 */
export interface WorkAssignedEvent {
  type: 'work.assigned';
  subjectType: 'ticket' | 'work_order';
  subjectId: string;
  number: string;
  /** The ticket's subject or the work order's type, for the notice's text. */
  summary: string;
  unitId: string;
  assigneeId: string;
  /** Who assigned it: nobody is told about work they gave themselves. */
  actorId: string | null;
  at: Date;
}

export type BusinessEvent =
  | WorkAssignedEvent
  | TicketClosedEvent
  | TicketReopenedEvent
  | WorkOrderCompletedEvent
  | WorkOrderClosedEvent
  | WorkOrderAppointmentAgreedEvent
  | WorkOrderLeftShopEvent
  | OrderPlacedEvent
  | UserDisabledEvent;
export type BusinessEventType = BusinessEvent['type'];
type EventOf<T extends BusinessEventType> = Extract<BusinessEvent, { type: T }>;

export type BusinessEventHandler<T extends BusinessEventType> = (
  deps: Deps,
  tx: Db,
  event: EventOf<T>,
) => Promise<void>;

type AnyHandler = (deps: Deps, tx: Db, event: BusinessEvent) => Promise<void>;
const handlers = new Map<BusinessEventType, { name: string; handle: AnyHandler }[]>();

/** Subscribes a handler; a name already registered for the event is replaced (module reloads in tests). */
export function onBusinessEvent<T extends BusinessEventType>(
  type: T,
  name: string,
  handle: BusinessEventHandler<T>,
): void {
  const list = (handlers.get(type) ?? []).filter((h) => h.name !== name);
  list.push({ name, handle: handle as unknown as AnyHandler });
  handlers.set(type, list);
}

/** Runs every handler of the event, one after another, inside the caller's transaction. */
export async function publishBusinessEvent(deps: Deps, tx: Db, event: BusinessEvent): Promise<void> {
  for (const { handle } of handlers.get(event.type) ?? []) {
    await handle(deps, tx, event);
  }
}
