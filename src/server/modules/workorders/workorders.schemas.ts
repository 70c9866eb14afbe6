import { z } from 'zod';
import { WORK_ORDER_STATES, WORK_ORDER_TYPES } from '../../../domain/workorders';
import { pagination } from '../org/org.service';

/** Request schemas of the work-order API (docs/api-workorders.md). */
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const quantity = z.number().int().min(0).max(100_000);
/** Integer fen: a price with fractions of a fen or below zero is refused. */
const fen = z.number().int().min(0).max(1_000_000_000);
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const idParams = z.strictObject({ id: z.uuid() });
export const userParams = z.strictObject({ userId: z.uuid() });
export const tokenParams = z.strictObject({ token: z.string().max(100) });

const partNeeded = z.strictObject({
  name: text(100),
  quantity: z.number().int().min(1).max(100_000),
  priceItemId: z.uuid().nullable().optional().default(null),
});
const faultCause = z.enum(['misuse', 'defect', 'unknown']);
const source = z.enum(['after_sales', 'sales', 'project']);

export const createBody = z.strictObject({
  unitId: z.uuid(),
  type: z.enum(WORK_ORDER_TYPES),
  ticketId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  assetId: z.uuid().optional(),
  contactName: optionalText(60),
  contactPhone: optionalText(40),
  address: optionalText(300),
  problem: text(2000),
  requiredSkill: optionalText(40),
  area: optionalText(60),
  partsNeeded: z.array(partNeeded).max(50).optional(),
  source: source.optional(),
  faultCause: faultCause.optional(),
  complaintDriven: z.boolean().optional(),
});

export const updateBody = z.strictObject({
  type: z.enum(WORK_ORDER_TYPES).optional(),
  assetId: z.uuid().optional(),
  contactName: optionalText(60),
  contactPhone: optionalText(40),
  address: optionalText(300),
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
export const visitBody = z.strictObject(visit);
const rating = z.number().int().min(1).max(5);
export const acceptanceBody = z.strictObject({
  signerName: text(60),
  signature: z.string().max(800_000),
  ratings: z.strictObject({ service: rating, workmanship: rating, punctuality: rating, attitude: rating }),
  comment: optionalText(1000),
});
export const finishBody = z.strictObject({
  ...visit,
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
export const serviceClassBody = z.strictObject({
  serviceClass: z.enum(['A', 'B', 'C', 'D']),
  reason: text(300),
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
export const printQuery = z.strictObject({ form: z.enum(['work_order', 'feedback', 'receipt']) });

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
