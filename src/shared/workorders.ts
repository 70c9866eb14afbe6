/**
 * The work-order API (派工单, docs/api-workorders.md): enums, request and response schemas. Types
 * and states are the domain's own lists (src/domain/workorders).
 */
import { z } from 'zod';
import {
  CUSTOMER_REQUEST_KINDS,
  CUSTOMER_REQUEST_STATES,
  FAULT_FINDINGS,
  ITEM_RESULTS,
  RATING_TEMPLATES,
  MAX_PROPOSED_WINDOWS,
  WORK_ORDER_STATES,
  WORK_ORDER_TYPES,
  type CustomerRequestKind,
  type CustomerRequestState,
  type FaultFinding,
} from '../domain/workorders';
import { idParams, namedSchema, pageOf, pagination, type Labels } from './common';

export { idParams };
export {
  CUSTOMER_REQUEST_KINDS,
  FAULT_FINDINGS,
  MAX_PROPOSED_WINDOWS,
  WORK_ORDER_STATES,
  WORK_ORDER_TYPES,
} from '../domain/workorders';
export type { CustomerRequestKind, CustomerRequestState, FaultFinding };
export const workOrderTypeSchema = z.enum(WORK_ORDER_TYPES);
export type WorkOrderType = z.infer<typeof workOrderTypeSchema>;
export const workOrderStateSchema = z.enum(WORK_ORDER_STATES);
export type WorkOrderState = z.infer<typeof workOrderStateSchema>;

export const SERVICE_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type ServiceClass = (typeof SERVICE_CLASSES)[number];
export const FAULT_CAUSES = ['unknown', 'misuse', 'defect'] as const;
export type FaultCause = (typeof FAULT_CAUSES)[number];
export const WORK_ORDER_SOURCES = ['after_sales', 'sales', 'project'] as const;
export type WorkOrderSource = (typeof WORK_ORDER_SOURCES)[number];
export { ITEM_RESULTS, RATING_ASPECT_LABELS, RATING_TEMPLATES, TEMPLATE_ASPECTS } from '../domain/workorders';
export type { ItemResult, RatingAspect, RatingTemplate } from '../domain/workorders';
export const PRINT_FORMS = ['work_order', 'feedback', 'receipt'] as const;
export type PrintForm = (typeof PRINT_FORMS)[number];

// ---- Requests -------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const quantity = z.number().int().min(0).max(100_000);
/** Integer fen: a price with fractions of a fen or below zero is refused. */
const fen = z.number().int().min(0).max(1_000_000_000);
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const userParams = z.strictObject({ userId: z.uuid() });
export const tokenParams = z.strictObject({ token: z.string().max(100) });

const partNeeded = z.strictObject({
  name: text(100),
  quantity: z.number().int().min(1).max(100_000),
  priceItemId: z.uuid().nullable().optional().default(null),
});
const faultCause = z.enum(FAULT_CAUSES);
const source = z.enum(WORK_ORDER_SOURCES);

export const createBody = z.strictObject({
  unitId: z.uuid(),
  type: z.enum(WORK_ORDER_TYPES),
  ticketId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  /** The sales order delivered or installed: its lines are accepted item by item (SAT-1). */
  orderId: z.uuid().optional(),
  assetId: z.uuid().optional(),
  contactName: optionalText(60),
  contactPhone: optionalText(40),
  address: optionalText(300),
  productModel: optionalText(100),
  purchaseDate: z.iso.date().optional(),
  problem: text(2000),
  requiredSkill: optionalText(40),
  area: optionalText(60),
  partsNeeded: z.array(partNeeded).max(50).optional(),
  source: source.optional(),
  faultCause: faultCause.optional(),
  complaintDriven: z.boolean().optional(),
});

/** REP-1: with whom unclear facts were checked — salesperson, store manager or superior first, then the customer. */
export const CLARIFIED_WITH = ['salesperson', 'store_manager', 'superior', 'customer'] as const;
export type ClarifiedWith = (typeof CLARIFIED_WITH)[number];

export const updateBody = z.strictObject({
  type: z.enum(WORK_ORDER_TYPES).optional(),
  orderId: z.uuid().nullable().optional(),
  assetId: z.uuid().optional(),
  contactName: optionalText(60),
  contactPhone: optionalText(40),
  address: optionalText(300),
  productModel: optionalText(100),
  purchaseDate: z.iso.date().optional(),
  clarification: z
    .strictObject({
      with: z.enum(CLARIFIED_WITH),
      contactName: optionalText(60),
      note: optionalText(500),
    })
    .optional(),
  problem: text(2000).optional(),
  requiredSkill: optionalText(40),
  area: optionalText(60),
  partsNeeded: z.array(partNeeded).max(50).optional(),
  source: source.optional(),
  faultCause: faultCause.optional(),
  complaintDriven: z.boolean().optional(),
});

export const listQuery = z.strictObject({
  unitId: z.uuid().optional(),
  state: z
    .string()
    .max(300)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(WORK_ORDER_STATES)))
    .optional(),
  type: z.enum(WORK_ORDER_TYPES).optional(),
  technicianId: z.uuid().optional(),
  mine: z.enum(['true', 'false']).optional(),
  date: z.iso.date().optional(),
  ticketId: z.uuid().optional(),
  /** The customer's orders (a journey's link picker). */
  customerId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  /** REP-7: completed or returned orders whose signed form was not checked by its due time. */
  verificationOverdue: z.enum(['true', 'false']).optional(),
  ...pagination,
});

export const boardQuery = z.strictObject({ unitId: z.uuid(), date: z.iso.date().optional() });
export const techniciansQuery = z.strictObject({ unitId: z.uuid() });
export const technicianBody = z.strictObject({
  unitId: z.uuid(),
  skills: z.array(text(40)).max(30),
  areas: z.array(text(60)).max(30),
});

export const assignBody = z.strictObject({
  technicianId: z.uuid(),
  allowWithoutSkill: z.boolean().optional(),
});
export const appointmentBody = z.strictObject({
  start: instant,
  end: instant,
  customerAgreed: z.literal(true),
});
export const rescheduleBody = z.strictObject({
  start: instant,
  end: instant,
  reason: z.string().trim().max(500),
  customerConsent: z.boolean(),
});
export const checklistBody = z.strictObject({
  partsPrepared: z.boolean(),
  partsRequested: z.boolean().optional(),
  documentsPrinted: z.boolean(),
  addressConfirmed: z.boolean(),
  arrivalTimeConfirmed: z.boolean(),
  note: optionalText(500),
});
export const emptyBody = z.strictObject({}).optional();
export const lateBody = z.strictObject({ expectedArrivalAt: instant, note: optionalText(500) });
export const partsBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        name: text(100),
        priceItemId: z.uuid().optional(),
        // Negative quantities reach the use case so its 422 names the part.
        quantityUsed: z.number().int().max(100_000),
        quantityReturned: z.number().int().max(100_000),
        unitPriceFen: fen.optional(),
      }),
    )
    .max(100),
});
const visit = {
  workDone: text(2000),
  minutesSpent: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  notes: optionalText(2000),
};
/** 故障原因 (REP-5): one of the short list, with words (required for "other"). */
const diagnosisBody = z.strictObject({ finding: z.enum(FAULT_FINDINGS), note: optionalText(500) });
export const visitBody = z.strictObject({ ...visit, diagnosis: diagnosisBody.optional() });
const rating = z.number().int().min(1).max(5);
export const acceptanceBody = z.strictObject({
  signerName: text(60),
  signature: z.string().max(800_000),
  /** SAT-1: aspect → 1–5, exactly the aspects of the order's template (GET …/acceptance-form). */
  ratings: z.record(z.string().max(40), rating),
  /** SAT-1: every item of the form accepted (验收合格) or not (有问题, with a note). */
  items: z
    .array(z.strictObject({ key: z.string().max(40), result: z.enum(ITEM_RESULTS), note: optionalText(500) }))
    .max(200)
    .optional()
    .default([]),
  comment: optionalText(1000),
});
export const finishBody = z.strictObject({
  ...visit,
  diagnosis: diagnosisBody.optional(),
  faultCause: faultCause.optional(),
  acceptance: acceptanceBody,
});
export const deliverBody = z.strictObject({
  workDone: text(2000).optional(),
  minutesSpent: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  notes: optionalText(2000),
  acceptance: acceptanceBody,
});
export const carryInBody = z.strictObject({
  items: z
    .array(
      z.strictObject({ name: text(100), quantity: z.number().int().min(1).max(1000), condition: text(300) }),
    )
    .min(1)
    .max(30),
  note: optionalText(1000),
  signerName: text(60),
  signature: z.string().max(800_000),
});
export const noteBody = z.strictObject({ note: optionalText(1000) });
export const cancelBody = z.strictObject({ reason: text(500) });
export const approvalBody = z.strictObject({
  stage: z.enum(['quality', 'general']),
  decision: z.enum(['approved', 'rejected']),
  note: optionalText(1000),
});
/** PAY-1: the checking department's opinion on the intake sheet (信息受付单). */
export const classOpinionBody = z.strictObject({
  department: text(100),
  givenBy: text(100),
  proposedClass: z.enum(SERVICE_CLASSES),
  reason: text(500),
});
export const serviceClassBody = z.strictObject({
  serviceClass: z.enum(SERVICE_CLASSES),
  reason: text(300),
  /** Given here, it is recorded with the class; otherwise the one on file must propose this class. */
  opinion: classOpinionBody.optional(),
});
export const quoteBody = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        kind: z.enum(['service', 'part']),
        priceItemId: z.uuid().nullable().optional().default(null),
        name: text(100),
        quantity: quantity.min(1),
        unitPriceFen: fen,
      }),
    )
    .min(1)
    .max(50),
  note: optionalText(1000),
});
export const quoteStepParams = z.strictObject({
  id: z.uuid(),
  step: z.enum(['confirm-service', 'confirm-parts', 'customer-confirm', 'approve']),
});
export const quoteStepBody = z
  .strictObject({ how: z.enum(['phone', 'signed', 'on_site']).optional(), note: optionalText(500) })
  .optional();
/** PAY-3: the customer signs the approved, itemised quote on screen. */
export const quoteSignBody = z.strictObject({
  signerName: text(60),
  signature: z.string().max(800_000),
});
/** PAY-4: finance received the money collected on site. */
export const handoverBody = z.strictObject({ note: optionalText(500) });
/** PAY-4: the invoice was sent to the customer later (post or courier). */
export const invoiceMailedBody = z.strictObject({ tracking: optionalText(100), note: optionalText(500) });
/** PAY-4: the finance list of collected money and invoices. */
export const PAYMENT_QUEUES = [
  'awaiting_handover',
  'handed_over',
  'invoice_to_mail',
  'invoice_mailed',
] as const;
export const paymentsQuery = z.strictObject({
  unitId: z.uuid().optional(),
  queue: z.enum(PAYMENT_QUEUES).default('awaiting_handover'),
});
export const paymentBody = z.strictObject({
  method: z.enum(['on_site', 'invoice']),
  amountFen: fen,
  invoiceTitle: optionalText(200),
  note: optionalText(500),
});
export const linkBody = z.strictObject({
  expiresInDays: z.number().int().min(1).max(30).optional(),
  sendSms: z.boolean().optional(),
});
export const printQuery = z.strictObject({ form: z.enum(PRINT_FORMS) });

/** POST /public/workorders/:token/requests (REP-3, PORTAL-1): another time, or a cancellation. */
export const customerRequestBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('reschedule'),
    windows: z
      .array(z.strictObject({ start: instant, end: instant }))
      .min(1)
      .max(MAX_PROPOSED_WINDOWS),
    note: optionalText(500),
  }),
  z.strictObject({ kind: z.literal('cancel'), reason: text(500) }),
]);
export const customerRequestParams = z.strictObject({ id: z.uuid(), requestId: z.uuid() });
/** Confirming a reschedule books a window (one the customer proposed, or another agreed by phone). */
export const confirmRequestBody = z.strictObject({ start: instant.optional(), end: instant.optional() });
export const declineRequestBody = z.strictObject({ reason: text(500) });

export const priceListQuery = z.strictObject({
  unitId: z.uuid(),
  kind: z.enum(['service', 'part']).optional(),
  q: z.string().trim().max(100).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export const priceItemBody = z.strictObject({
  unitId: z.uuid(),
  kind: z.enum(['service', 'part']),
  code: text(40),
  name: text(100),
  unit: text(10),
  priceFen: fen,
});
export const priceItemPatch = z.strictObject({
  name: text(100).optional(),
  unit: text(10).optional(),
  priceFen: fen.optional(),
  active: z.boolean().optional(),
});
export const contractBody = z.strictObject({
  unitId: z.uuid(),
  customerId: z.uuid(),
  assetId: z.uuid().optional(),
  number: text(60),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
});

export const contractPatch = z
  .strictObject({
    number: text(60).optional(),
    startsOn: z.iso.date().optional(),
    endsOn: z.iso.date().optional(),
    assetId: z.uuid().nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export const CONTRACT_STATES = ['upcoming', 'active', 'expiring', 'expired'] as const;
export const contractsQuery = z.strictObject({
  unitId: z.uuid().optional(),
  state: z.enum(CONTRACT_STATES).optional(),
  endsBy: z.iso.date().optional(),
  ...pagination,
});

// ---- Responses ------------------------------------------------------------------------------

const person = namedSchema;
const reasonSchema = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export type Reason = z.infer<typeof reasonSchema>;
/** Aspect → score, for the aspects of the template the customer rated on (SAT-1). */
const ratingsSchema = z.record(z.string(), z.number());
export type Ratings = z.infer<typeof ratingsSchema>;
const labelSchema = z.object({ zh: z.string(), en: z.string() });
const acceptanceItemSchema = z.object({ key: z.string(), name: z.string(), quantity: z.number() });
/** SAT-1: what the feedback form asks of this order — the template's aspects and the items to accept. */
export const acceptanceFormSchema = z.object({
  template: z.enum(RATING_TEMPLATES),
  aspects: z.array(z.object({ key: z.string(), label: labelSchema })),
  items: z.array(acceptanceItemSchema),
  /** The linked sales order the items come from, when there is one. */
  order: z.object({ id: z.string(), orderNo: z.string() }).nullable(),
});
export type AcceptanceForm = z.infer<typeof acceptanceFormSchema>;
const acceptedItemSchema = acceptanceItemSchema.extend({ result: z.enum(ITEM_RESULTS), note: z.string() });
export type AcceptedItemView = z.infer<typeof acceptedItemSchema>;
export const technicianSchema = z.object({ id: z.string(), name: z.string(), phone: z.string().nullable() });
export type Technician = z.infer<typeof technicianSchema>;
const appointmentSchema = z.object({
  start: z.string(),
  end: z.string(),
  agreedAt: z.string().nullable().optional(),
  reminderAt: z.string().nullable().optional(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

/** A row of GET /workorders and of the dispatch board. */
export const workOrderRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  type: workOrderTypeSchema,
  state: workOrderStateSchema,
  customer: namedSchema.nullable(),
  /** Who to ask for at the door; the name shown when no customer record is linked. */
  contactName: z.string().nullable(),
  address: z.string().nullable(),
  problem: z.string(),
  requiredSkill: z.string().nullable(),
  area: z.string().nullable(),
  serviceClass: z.enum(SERVICE_CLASSES).nullable(),
  technician: technicianSchema.nullable(),
  appointment: appointmentSchema.nullable(),
  complaintDriven: z.boolean(),
  /** Kinds of the customer's requests waiting for staff (需确认). */
  pendingCustomerRequests: z.array(z.enum(CUSTOMER_REQUEST_KINDS)),
  createdAt: z.string(),
  /** SLA due of the order, when the list carries it. */
  slaDueAt: z.string().nullable().optional(),
});
export type WorkOrderRow = z.infer<typeof workOrderRowSchema>;

const acceptanceSchema = z.object({
  signerName: z.string(),
  signatureAttachmentId: z.string().nullable(),
  signedAt: z.string(),
  via: z.enum(['technician', 'customer_link']),
  template: z.enum(RATING_TEMPLATES).nullable(),
  ratings: ratingsSchema,
  items: z.array(acceptedItemSchema),
  comment: z.string().nullable(),
});
export type Acceptance = z.infer<typeof acceptanceSchema>;
const approvalSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  by: person,
  at: z.string(),
  note: z.string().nullable(),
});
export type Approval = z.infer<typeof approvalSchema>;
const confirmed = z.object({ by: person, at: z.string() }).nullable();
export const quoteLineSchema = z.object({
  kind: z.enum(['service', 'part']),
  priceItemId: z.string().nullable(),
  name: z.string(),
  quantity: z.number(),
  unitPriceFen: z.number(),
  totalFen: z.number(),
});
export type QuoteLine = z.infer<typeof quoteLineSchema>;
export const quoteSchema = z.object({
  lines: z.array(quoteLineSchema),
  serviceFen: z.number(),
  partsFen: z.number(),
  totalFen: z.number(),
  note: z.string().nullable(),
  serviceConfirmed: confirmed,
  partsConfirmed: confirmed,
  customerConfirmed: z
    .object({
      how: z.enum(['phone', 'signed', 'on_site']),
      note: z.string().nullable(),
      at: z.string(),
      by: person,
    })
    .nullable(),
  approved: confirmed,
  /** PAY-3 on the approval engine: null until submitted; 'not_required' below the small-charge threshold. */
  approvalStatus: z.enum(['not_required', 'pending', 'sent_back', 'approved']).nullable(),
  approvalRequestId: z.string().nullable(),
  /** The chain stage the request waits on ('department_head', 'company_head'…), null when none. */
  approvalStage: z.string().nullable(),
  /** PAY-3: the customer's signature on the itemised, approved quote. */
  customerSigned: z
    .object({ signerName: z.string(), signatureAttachmentId: z.string(), at: z.string(), by: person })
    .nullable(),
  status: z.enum([
    'draft',
    'prices_confirmed',
    'customer_confirmed',
    'awaiting_approval',
    'sent_back',
    'approved',
    'signed',
  ]),
});
export type Quote = z.infer<typeof quoteSchema>;
export const partUseSchema = z.object({
  id: z.string(),
  name: z.string(),
  priceItemId: z.string().nullable(),
  quantityUsed: z.number(),
  quantityReturned: z.number(),
  unitPriceFen: z.number().nullable(),
});
export type PartUse = z.infer<typeof partUseSchema>;
const windowSchema = z.object({ start: z.string(), end: z.string() });
export const customerRequestSchema = z.object({
  id: z.string(),
  kind: z.enum(CUSTOMER_REQUEST_KINDS),
  state: z.enum(CUSTOMER_REQUEST_STATES),
  windows: z.array(windowSchema),
  /** Reschedule: the customer's note; cancel: the reason. */
  note: z.string(),
  createdAt: z.string(),
  decidedBy: person.nullable(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  booked: windowSchema.nullable(),
});
export type CustomerRequest = z.infer<typeof customerRequestSchema>;
const stamp = z.string().nullable();

/** The full work order of GET /workorders/:id and of every action's answer. */
export const workOrderSchema = workOrderRowSchema.extend({
  ticket: z
    .object({ id: z.string(), number: z.string(), subject: z.string(), channel: z.string() })
    .nullable(),
  /** Records this order was opened for (a quality claim's return request, RET-7). */
  links: z.array(z.object({ subjectType: z.string(), id: z.string(), label: z.string() })),
  customer: z
    .object({
      id: z.string(),
      name: z.string(),
      phone: z.string().nullable(),
      address: z.string().nullable(),
    })
    .nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  asset: z
    .object({
      id: z.string(),
      name: z.string(),
      model: z.string().nullable(),
      number: z.string().nullable(),
      purchaseDate: z.string().nullable(),
      warrantyEnd: z.string().nullable(),
    })
    .nullable(),
  /** REP-1: the order's own model and purchase date (used when no asset carries them). */
  productModel: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  /** REP-1: facts still missing before the order can be dispatched, each named. */
  missingFacts: z.array(z.object({ fact: z.string(), zh: z.string(), en: z.string() })),
  factsClarifications: z.array(
    z.object({
      facts: z.array(z.string()),
      with: z.enum(CLARIFIED_WITH),
      contactName: z.string(),
      note: z.string(),
      by: person,
      at: z.string(),
    }),
  ),
  partsNeeded: z.array(
    z.object({ name: z.string(), quantity: z.number(), priceItemId: z.string().nullable() }),
  ),
  source: z.enum(WORK_ORDER_SOURCES),
  checkedBy: z.enum(['after_sales', 'sales', 'engineering']),
  classOpinion: z
    .object({
      checker: z.enum(['after_sales', 'sales', 'engineering']),
      department: z.string(),
      givenBy: z.string(),
      proposedClass: z.enum(SERVICE_CLASSES),
      reason: z.string(),
      by: person,
      at: z.string(),
    })
    .nullable(),
  serviceClassReason: reasonSchema.nullable(),
  serviceClassProposal: z
    .object({ serviceClass: z.enum(SERVICE_CLASSES), reason: reasonSchema, apology: z.boolean() })
    .nullable(),
  faultCause: z.enum(FAULT_CAUSES),
  /** 故障原因 the technician recorded on site (REP-5). */
  diagnosis: z
    .object({ finding: z.enum(FAULT_FINDINGS), note: z.string(), at: z.string(), by: person })
    .nullable(),
  customerRequests: z.array(customerRequestSchema),
  apologyRequired: z.boolean(),
  approvals: z.object({
    required: z.boolean(),
    /** REP-8 on the approval engine: its request (the inbox links back here) and where it stands. */
    requestId: z.string().nullable(),
    status: z.enum(['pending', 'approved', 'sent_back', 'withdrawn']).nullable(),
    quality: approvalSchema.nullable(),
    general: approvalSchema.nullable(),
  }),
  appointmentWarnings: z.array(reasonSchema),
  returnBooked: z.boolean(),
  lateNotice: z
    .object({ expectedArrivalAt: z.string(), note: z.string().nullable(), at: z.string() })
    .nullable(),
  checklist: z
    .object({
      partsPrepared: z.boolean(),
      partsRequested: z.boolean(),
      documentsPrinted: z.boolean(),
      addressConfirmed: z.boolean(),
      arrivalTimeConfirmed: z.boolean(),
      note: z.string().nullable(),
      at: z.string(),
      by: z.string(),
    })
    .nullable(),
  visit: z
    .object({ workDone: z.string(), minutesSpent: z.number(), notes: z.string().nullable() })
    .nullable(),
  parts: z.array(partUseSchema),
  /** SAT-1: the aspects to rate and the items to accept on this order's feedback form. */
  acceptanceForm: acceptanceFormSchema,
  acceptance: acceptanceSchema.nullable(),
  receipt: z
    .object({
      number: z.string(),
      items: z.array(z.object({ name: z.string(), quantity: z.number(), condition: z.string() })),
      note: z.string().nullable(),
      signerName: z.string(),
      signatureAttachmentId: z.string().nullable(),
      issuedAt: z.string(),
    })
    .nullable(),
  returnAcceptance: acceptanceSchema.nullable(),
  verificationDueAt: z.string().nullable(),
  verificationDueDate: z.string().nullable(),
  verification: z
    .object({
      by: person,
      at: z.string(),
      dueDate: z.string().nullable(),
      late: z.boolean(),
      note: z.string().nullable(),
    })
    .nullable(),
  quote: quoteSchema.nullable(),
  payment: z
    .object({
      method: z.enum(['on_site', 'invoice']),
      amountFen: z.number().nullable(),
      at: z.string(),
      by: person,
      invoiceTitle: z.string().nullable(),
      note: z.string().nullable(),
      /** PAY-4: cash collected on site, received by finance. */
      handedOver: z.object({ to: person, at: z.string(), note: z.string().nullable() }).nullable(),
      /** PAY-4: the invoice sent to the customer later, with its tracking number. */
      invoiceMailed: z.object({ by: person, at: z.string(), tracking: z.string().nullable() }).nullable(),
    })
    .nullable(),
  timestamps: z.object({
    createdAt: stamp,
    assignedAt: stamp,
    appointmentAgreedAt: stamp,
    departedAt: stamp,
    arrivedAt: stamp,
    completedAt: stamp,
    carriedInAt: stamp,
    returnedAt: stamp,
    verifiedAt: stamp,
    closedAt: stamp,
    cancelledAt: stamp,
  }),
  cancelReason: z.string().nullable(),
  sla: z.array(
    z.object({
      code: z.string(),
      dueAt: z.string().nullable(),
      state: z.string(),
      metAt: z.string().nullable(),
    }),
  ),
  /** What the caller may do on this order now (per-object permissions), for the page's buttons. */
  allowedActions: z.array(z.string()),
  updatedAt: z.string(),
});
export type WorkOrder = z.infer<typeof workOrderSchema>;

export const workOrderListSchema = z.object({ items: z.array(workOrderRowSchema), total: z.number() });

const loadSchema = z.object({ visits: z.number(), minutesBooked: z.number() });
export const boardTechnicianSchema = technicianSchema.extend({
  unitId: z.string(),
  skills: z.array(z.string()),
  areas: z.array(z.string()),
  visits: z.array(workOrderRowSchema),
  /** Assigned with no visit booked yet (待预约), whatever the day. */
  toBook: z.array(workOrderRowSchema),
  load: loadSchema,
  conflicts: z.array(z.object({ a: z.string(), b: z.string() })),
});
export type BoardTechnician = z.infer<typeof boardTechnicianSchema>;
export const dispatchBoardSchema = z.object({
  unitId: z.string(),
  date: z.string(),
  unassigned: z.array(workOrderRowSchema),
  technicians: z.array(boardTechnicianSchema),
});
export type DispatchBoard = z.infer<typeof dispatchBoardSchema>;
export const technicianProfileSchema = technicianSchema.extend({
  unitId: z.string(),
  skills: z.array(z.string()),
  areas: z.array(z.string()),
});
export const techniciansSchema = z.object({ items: z.array(technicianProfileSchema) });
export const fieldServiceUnitsSchema = z.object({ items: z.array(namedSchema) });
/** SAT-1: the customer's sales orders a work order may be linked to (newest first, at most 50). */
export const linkableOrdersQuery = z.strictObject({ customerId: z.uuid() });
export const linkableOrderSchema = z.object({
  id: z.string(),
  orderNo: z.string(),
  orderedAt: z.string(),
  unitName: z.string(),
  /** The first lines' products, for telling orders apart in a picker. */
  products: z.array(z.string()),
});
export type LinkableOrder = z.infer<typeof linkableOrderSchema>;
export const linkableOrderListSchema = z.object({ items: z.array(linkableOrderSchema) });
export const assignResultSchema = z.object({
  workOrder: workOrderSchema,
  load: loadSchema,
  conflicts: z.array(
    z.object({ workOrderId: z.string(), number: z.string(), start: z.string(), end: z.string() }),
  ),
  skillMissing: z.boolean(),
  areaMismatch: z.boolean(),
});
export type AssignResult = z.infer<typeof assignResultSchema>;
export const appointmentResultSchema = z.object({
  workOrder: workOrderSchema,
  warnings: z.array(reasonSchema),
});
export const appointmentHistorySchema = z.object({
  items: z.array(
    z.object({
      kind: z.string(),
      start: z.string(),
      end: z.string(),
      reason: z.string().nullable(),
      customerConsent: z.boolean().nullable(),
      by: person,
      at: z.string(),
    }),
  ),
});
export const printDataSchema = z.object({
  form: z.enum(PRINT_FORMS),
  generatedAt: z.string(),
  /** The store or company that heads the form (never a department), with inherited address and phone. */
  company: z.object({
    unitName: z.string(),
    unitPhone: z.string().nullable(),
    address: z.string().nullable(),
  }),
  workOrder: workOrderSchema,
  shortUrl: z.string().nullable(),
});
export type PrintData = z.infer<typeof printDataSchema>;

/** The customer page of GET /public/workorders/:token (PORTAL-2): only what the customer may see. */
export const publicWorkOrderSchema = z.object({
  number: z.string(),
  type: workOrderTypeSchema,
  state: workOrderStateSchema,
  stateLabel: z.object({ zh: z.string(), en: z.string() }),
  appointment: z.object({ start: z.string(), end: z.string() }).nullable(),
  technician: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
  problem: z.string(),
  unitName: z.string(),
  /** The store's or company's service phone and address (inherited from above when empty). */
  servicePhone: z.string().nullable(),
  unitAddress: z.string().nullable(),
  visit: z.object({ workDone: z.string() }).nullable(),
  canSign: z.boolean(),
  acceptance: z
    .object({
      signedAt: z.string(),
      template: z.enum(RATING_TEMPLATES).nullable(),
      ratings: ratingsSchema,
      items: z.array(acceptedItemSchema),
    })
    .nullable(),
  /** SAT-1: the aspects to rate and the items to accept when signing. */
  acceptanceForm: acceptanceFormSchema,
  /** What the customer may still ask for (REP-3): another time, a cancellation. */
  canRequest: z.object({ reschedule: z.boolean(), cancel: z.boolean() }),
  /** The customer's requests and their outcome, newest first (no staff names). */
  requests: z.array(customerRequestSchema.omit({ decidedBy: true })),
});
export type PublicWorkOrder = z.infer<typeof publicWorkOrderSchema>;
export const publicAcceptanceSchema = z.object({ ok: z.literal(true), state: workOrderStateSchema });
export const publicRequestSchema = z.object({
  id: z.string(),
  kind: z.enum(CUSTOMER_REQUEST_KINDS),
  state: z.literal('pending'),
});

export const priceItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(['service', 'part']),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  priceFen: z.number(),
  active: z.boolean(),
});
export type PriceItem = z.infer<typeof priceItemSchema>;
export const priceListSchema = z.object({ items: z.array(priceItemSchema) });

/** POST /workorders/:id/customer-link (PORTAL-2): the link, shown once; only its hash is kept. */
export const customerLinkSchema = z.object({
  url: z.string(),
  token: z.string(),
  expiresAt: z.string(),
  /** The outbox message that texted it, when asked to. */
  messageId: z.string().nullable(),
});

/** POST /maintenance-contracts (PAY-2 class B): the contract as recorded. */
export const maintenanceContractSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  customerId: z.string(),
  /** Null: every asset of the customer. */
  assetId: z.string().nullable(),
  number: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** The term end whose renewal follow-up was raised. */
  renewalNoticeFor: z.string().nullable(),
  createdAt: z.string(),
});
export type MaintenanceContract = z.infer<typeof maintenanceContractSchema>;
export const contractListItemSchema = maintenanceContractSchema.extend({
  unitName: z.string(),
  customerName: z.string(),
  assetName: z.string().nullable(),
  state: z.enum(CONTRACT_STATES),
});
export type ContractListItem = z.infer<typeof contractListItemSchema>;
export const contractListSchema = pageOf(contractListItemSchema);

// ---- Names (the web's workorders.i18n says the same; the Excel export reads these) -----------

export const WORK_ORDER_TYPE_LABELS: Labels<WorkOrderType> = {
  install: { zh: '安装', en: 'Installation' },
  delivery: { zh: '送货', en: 'Delivery' },
  repair: { zh: '维修', en: 'Repair' },
  inspection: { zh: '巡检', en: 'Inspection' },
  carry_in: { zh: '携回修护', en: 'Carry-in repair' },
  return_delivery: { zh: '送回', en: 'Return delivery' },
};
export const WORK_ORDER_STATE_LABELS: Labels<WorkOrderState> = {
  new: { zh: '待派工', en: 'New' },
  assigned: { zh: '已派工', en: 'Assigned' },
  appointment_agreed: { zh: '已预约', en: 'Appointment agreed' },
  en_route: { zh: '出发中', en: 'En route' },
  on_site: { zh: '已上门', en: 'On site' },
  completed: { zh: '已完工', en: 'Completed' },
  carried_in: { zh: '已携回', en: 'Carried in' },
  returned: { zh: '已送回', en: 'Returned' },
  verified: { zh: '主管已核', en: 'Verified' },
  closed: { zh: '已结单', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
export const SERVICE_CLASS_LABELS: Labels<ServiceClass> = {
  A: { zh: 'A 收费服务', en: 'A Charged' },
  B: { zh: 'B 合同服务', en: 'B Contract' },
  C: { zh: 'C 免费服务', en: 'C Free' },
  D: { zh: 'D 内部事务', en: 'D Internal' },
};

export const FAULT_FINDING_LABELS: Labels<FaultFinding> = {
  wear: { zh: '正常磨损 / 老化', en: 'Normal wear or ageing' },
  component_failure: { zh: '零部件损坏', en: 'Component failure' },
  product_defect: { zh: '产品质量问题', en: 'Product defect' },
  misuse: { zh: '使用或保养不当', en: 'Misuse or poor maintenance' },
  installation: { zh: '安装问题', en: 'Installation problem' },
  external: {
    zh: '外部原因（电压、水压、环境）',
    en: 'External cause (power, water pressure, surroundings)',
  },
  other: { zh: '其他', en: 'Other' },
};
export const CUSTOMER_REQUEST_KIND_LABELS: Labels<CustomerRequestKind> = {
  reschedule: { zh: '申请改约', en: 'Asked for another time' },
  cancel: { zh: '申请取消', en: 'Asked to cancel' },
};
export const CUSTOMER_REQUEST_STATE_LABELS: Labels<CustomerRequestState> = {
  pending: { zh: '需确认', en: 'To confirm' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  declined: { zh: '未同意', en: 'Declined' },
};

/** GET /workorders/payments (PAY-4): collected money and invoices for finance. */
/** Issue 18 item 7: approved, signed quotes waiting on finance (payment/hand-over) or the warehouse (parts). */
export const waitingQuoteSchema = z.object({
  workOrderId: z.string(),
  number: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  state: z.string(),
  customerName: z.string().nullable(),
  totalFen: z.number(),
  partLines: z.array(z.object({ name: z.string(), quantity: z.number() })),
  signedAt: z.string(),
  paymentMethod: z.enum(['on_site', 'invoice']).nullable(),
  paymentAt: z.string().nullable(),
});
export type WaitingQuote = z.infer<typeof waitingQuoteSchema>;
/** A page of a waiting list (待财务处理 / 待仓库领料), oldest signature first. */
export const waitingQuoteListSchema = pageOf(waitingQuoteSchema);
export const waitingQuotesQuery = z.strictObject({ ...pagination });
export const paymentListSchema = z.object({
  items: z.array(
    z.object({
      workOrderId: z.string(),
      number: z.string(),
      unitId: z.string(),
      method: z.enum(['on_site', 'invoice']),
      amountFen: z.number().nullable(),
      collectedAt: z.string(),
      collectedBy: person,
      invoiceTitle: z.string().nullable(),
      handedOverAt: z.string().nullable(),
      invoiceMailedAt: z.string().nullable(),
      invoiceTracking: z.string().nullable(),
    }),
  ),
});
