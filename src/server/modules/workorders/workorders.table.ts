import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import {
  CUSTOMER_REQUEST_KINDS,
  CUSTOMER_REQUEST_STATES,
  WORK_ORDER_STATES,
  WORK_ORDER_TYPES,
  RATING_TEMPLATES,
  type AcceptedItem,
  type FaultFinding,
} from '../../../domain/workorders';
import { customers } from '../customers/customers.table';
import { orders } from '../orders/orders.table';
import { organisationUnits, users } from '../org/org.table';
import { tickets } from '../tickets/tickets.table';

export interface PartNeeded {
  name: string;
  quantity: number;
  priceItemId: string | null;
}
/** REP-4: what the technician confirmed before leaving. */
export interface Checklist {
  partsPrepared: boolean;
  partsRequested: boolean;
  documentsPrinted: boolean;
  addressConfirmed: boolean;
  arrivalTimeConfirmed: boolean;
  note: string;
  at: string;
  by: string;
}
/** REP-5: the on-site record. */
export interface VisitRecord {
  workDone: string;
  minutesSpent: number;
  notes: string;
}
/** REP-6: the goods receipt (客户商品领取收据) handed over on carry-in. */
export interface GoodsReceipt {
  number: string;
  items: { name: string; quantity: number; condition: string }[];
  note: string;
  signerName: string;
  signatureAttachmentId: string;
  issuedAt: string;
}
/** 故障原因: what the technician found on site (REP-5), recorded before completion. */
export interface Diagnosis {
  finding: FaultFinding;
  note: string;
  at: string;
  by: string;
}
/**
 * REP-1: an unclear dispatch fact checked before dispatch — with the salesperson, store manager or
 * superior first, then the customer — who checked it, with whom, and what was filled in.
 */
export interface FactsClarification {
  facts: string[];
  with: 'salesperson' | 'store_manager' | 'superior' | 'customer';
  contactName: string;
  note: string;
  by: string;
  at: string;
}
/**
 * PAY-1/PAY-2: the checking department's opinion on the intake sheet (信息受付单) — which department
 * checked (after-sales, sales or engineering, by the order's source), the person who gave the
 * opinion, the class it proposes and why; recorded by `by` at `at`. The class is set from it.
 */
export interface ClassOpinion {
  checker: 'after_sales' | 'sales' | 'engineering';
  department: string;
  givenBy: string;
  proposedClass: 'A' | 'B' | 'C' | 'D';
  reason: string;
  by: string;
  at: string;
}
export interface LateNotice {
  expectedArrivalAt: string;
  note: string;
  at: string;
}

/** A work order (派工单): field work for a customer, from a ticket or on its own (REP-1). */
export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** W + local date + daily sequence of the unit; unique per unit. */
    number: text('number').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    type: text('type', { enum: WORK_ORDER_TYPES }).notNull(),
    state: text('state', { enum: WORK_ORDER_STATES }).notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    /** The sales order delivered or installed (orders module): its lines are accepted item by item (SAT-1). */
    orderId: uuid('order_id').references(() => orders.id),
    customerId: uuid('customer_id').references(() => customers.id),
    /** An asset of the customer's archive (customers module); no foreign key: assets are replaced on edit. */
    assetId: uuid('asset_id'),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    address: text('address').notNull().default(''),
    /** REP-1: product and model when no asset of the archive carries it (the asset's model wins otherwise). */
    productModel: text('product_model'),
    /** REP-1: purchase date when no asset of the archive carries it. */
    purchaseDate: date('purchase_date'),
    factsClarifications: jsonb('facts_clarifications').$type<FactsClarification[]>().notNull().default([]),
    problem: text('problem').notNull(),
    requiredSkill: text('required_skill'),
    area: text('area'),
    partsNeeded: jsonb('parts_needed').$type<PartNeeded[]>().notNull().default([]),
    source: text('source', { enum: ['after_sales', 'sales', 'project'] })
      .notNull()
      .default('after_sales'),
    faultCause: text('fault_cause', { enum: ['misuse', 'defect', 'unknown'] })
      .notNull()
      .default('unknown'),
    serviceClass: text('service_class', { enum: ['A', 'B', 'C', 'D'] }).notNull(),
    serviceClassReasonCode: text('service_class_reason_code').notNull(),
    serviceClassReason: text('service_class_reason').notNull(),
    /** Set when a person chose the class instead of the proposal. */
    serviceClassSetBy: uuid('service_class_set_by').references(() => users.id),
    /** PAY-1: the checking department's opinion on file; a person sets the class only with one. */
    classOpinion: jsonb('class_opinion').$type<ClassOpinion>(),
    /** REP-8/CMP-4: the visit needs the quality manager's and the general manager's approval first. */
    complaintDriven: boolean('complaint_driven').notNull().default(false),
    technicianId: uuid('technician_id').references(() => users.id),
    appointmentStart: timestamp('appointment_start', { withTimezone: true }),
    appointmentEnd: timestamp('appointment_end', { withTimezone: true }),
    reminderAt: timestamp('reminder_at', { withTimezone: true }),
    checklist: jsonb('checklist').$type<Checklist>(),
    lateNotice: jsonb('late_notice').$type<LateNotice>(),
    visit: jsonb('visit').$type<VisitRecord>(),
    diagnosis: jsonb('diagnosis').$type<Diagnosis>(),
    receipt: jsonb('receipt').$type<GoodsReceipt>(),
    /** A return delivery is booked after carry-in repair (REP-6). */
    returnBooked: boolean('return_booked').notNull().default(false),
    verificationDueAt: timestamp('verification_due_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verificationLate: boolean('verification_late'),
    verificationNote: text('verification_note'),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    appointmentAgreedAt: timestamp('appointment_agreed_at', { withTimezone: true }),
    departedAt: timestamp('departed_at', { withTimezone: true }),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    carriedInAt: timestamp('carried_in_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('work_orders_unit_number_key').on(t.unitId, t.number),
    index('work_orders_number_idx').on(t.number),
    // Dispatch board: a unit's orders by state, and a technician's visits by window.
    index('work_orders_unit_state_idx').on(t.unitId, t.state),
    index('work_orders_technician_start_idx').on(t.technicianId, t.appointmentStart),
    // The board reads every technician's visits of one day: one range over the window starts.
    index('work_orders_appointment_start_idx').on(t.appointmentStart),
    index('work_orders_ticket_idx').on(t.ticketId),
  ],
);

/** The unit's daily work-order counter (one row per unit and local day). */
export const workOrderNumberCounters = pgTable(
  'work_order_number_counters',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    localDate: date('local_date').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.localDate] })],
);

/** A technician's skills and areas (REP-1), kept per person and unit. */
export const technicianProfiles = pgTable(
  'technician_profiles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    skills: jsonb('skills').$type<string[]>().notNull().default([]),
    areas: jsonb('areas').$type<string[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] })],
);

/** Every window agreed for an order: the first, each reschedule with reason and consent (REP-3), the return. */
export const workOrderAppointments = pgTable(
  'work_order_appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    kind: text('kind', { enum: ['agreed', 'rescheduled', 'return'] }).notNull(),
    start: timestamp('start', { withTimezone: true }).notNull(),
    end: timestamp('end', { withTimezone: true }).notNull(),
    reason: text('reason'),
    customerConsent: boolean('customer_consent').notNull(),
    by: uuid('by')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('work_order_appointments_order_idx').on(t.workOrderId, t.at)],
);

/** Parts used and returned to the warehouse on a visit (REP-5). */
export const workOrderParts = pgTable(
  'work_order_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    priceItemId: uuid('price_item_id'),
    quantityUsed: integer('quantity_used').notNull(),
    quantityReturned: integer('quantity_returned').notNull(),
    unitPriceFen: integer('unit_price_fen'),
  },
  (t) => [index('work_order_parts_order_idx').on(t.workOrderId, t.position)],
);

/**
 * The customer's acceptance with signature (REP-5), SAT-1 ratings, and the signature on a carry-in
 * receipt or a return delivery (REP-6). The signature image is an attachment of the work order.
 */
export const workOrderAcceptances = pgTable(
  'work_order_acceptances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    kind: text('kind', { enum: ['completion', 'receipt', 'return'] }).notNull(),
    signerName: text('signer_name').notNull(),
    signatureAttachmentId: uuid('signature_attachment_id').notNull(),
    /** SAT-1: the template the customer rated on; its aspects are the keys of `ratings`. */
    template: text('template', { enum: RATING_TEMPLATES }),
    /** Aspect → 1–5, as the template had them when signed (aspects are data, not columns). */
    ratings: jsonb('ratings').$type<Record<string, number>>().notNull().default({}),
    /** SAT-1: the order's items as the customer accepted them (验收合格 / 有问题 with a note). */
    items: jsonb('items').$type<AcceptedItem[]>().notNull().default([]),
    comment: text('comment'),
    via: text('via', { enum: ['technician', 'customer_link'] }).notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  // One of each kind per order: a second completion from another phone collides here.
  (t) => [uniqueIndex('work_order_acceptances_kind_key').on(t.workOrderId, t.kind)],
);

/**
 * What the customer asked for through the work-order link (REP-3, PORTAL-1): another time (up to
 * three proposed windows) or a cancellation with a reason. Staff confirm — through the order's own
 * reschedule or cancel command — or decline with a reason; the customer's page shows the outcome.
 */
export const workOrderCustomerRequests = pgTable(
  'work_order_customer_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    kind: text('kind', { enum: CUSTOMER_REQUEST_KINDS }).notNull(),
    state: text('state', { enum: CUSTOMER_REQUEST_STATES }).notNull(),
    /** Reschedule: the windows the customer proposed, ISO instants. */
    windows: jsonb('windows').$type<{ start: string; end: string }[]>().notNull().default([]),
    /** Reschedule: an optional note; cancel: the reason (required). */
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Declined: why, shown to the customer. */
    declineReason: text('decline_reason'),
    /** Confirmed reschedule: the window booked. */
    bookedStart: timestamp('booked_start', { withTimezone: true }),
    bookedEnd: timestamp('booked_end', { withTimezone: true }),
  },
  (t) => [
    index('work_order_customer_requests_order_idx').on(t.workOrderId, t.createdAt),
    // One pending request of each kind per order: two taps from two phones collide here.
    uniqueIndex('work_order_customer_requests_pending_key')
      .on(t.workOrderId, t.kind)
      .where(sql`state = 'pending'`),
  ],
);
