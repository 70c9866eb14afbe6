/**
 * The returns API (退换货 · 取消订单, RET-1…10): the counter request, its decision with the rule and
 * the sentence (RET-10), the documents checklist, the customer's signature, submission to the
 * approval engine, the refund notice; the policy versions per unit and the "what would happen" tester.
 */
import { z } from 'zod';
import { approvalRequestSchema } from './approvals';
import { instantString, pagination, type Labels } from './common';
import { ORDER_CHANNELS, ORDER_FULFILMENTS, PACKAGING_STATES, orderSchema } from './orders';

export const RETURN_KINDS = ['cancel', 'return', 'exchange'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];
export const RETURN_REASONS = ['quality', 'change_of_mind'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
export const INSPECTION_FINDINGS = ['defect', 'misuse', 'no_fault'] as const;
export const RETURN_DOCUMENTS = [
  'sales_order',
  'receipt_or_invoice',
  'pickup_slip',
  'delivery_note',
  'customer_signature',
  'inspection_report',
] as const;
export type ReturnDocumentCode = (typeof RETURN_DOCUMENTS)[number];
export const RETURN_OUTCOMES = [
  'allowed',
  'denied',
  'inspect_first',
  'repair_with_apology',
  'charged_repair',
] as const;
export const RETURN_STATES = [
  'draft',
  'submitted',
  'sent_back',
  'approved',
  'refund_notified',
  'withdrawn',
] as const;
export type ReturnState = (typeof RETURN_STATES)[number];
/** Why no refund SMS went out when the customer was told (RET-2 / RET-8). */
export const REFUND_NOTICE_SKIPS = ['no_mobile', 'no_refund'] as const;
export type RefundNoticeSkip = (typeof REFUND_NOTICE_SKIPS)[number];

export const RETURN_KIND_LABELS: Labels<ReturnKind> = {
  cancel: { zh: '取消订单', en: 'Cancel the order' },
  return: { zh: '退货', en: 'Return' },
  exchange: { zh: '换货', en: 'Exchange' },
};
export const RETURN_REASON_LABELS: Labels<ReturnReason> = {
  quality: { zh: '质量问题', en: 'Quality problem' },
  change_of_mind: { zh: '不想要了（非质量原因）', en: 'Change of mind' },
};
export const RETURN_DOCUMENT_LABELS: Labels<ReturnDocumentCode> = {
  sales_order: { zh: '销售订单', en: 'Sales order' },
  receipt_or_invoice: { zh: '收据或发票', en: 'Receipt or invoice' },
  pickup_slip: { zh: '已付款的提货单', en: 'Paid pickup slip' },
  delivery_note: { zh: '送货单', en: 'Delivery note' },
  customer_signature: { zh: '客户签字', en: 'Customer signature' },
  inspection_report: { zh: '技师检测报告', en: 'Technician’s inspection report' },
};
export const RETURN_STATE_LABELS: Labels<ReturnState> = {
  draft: { zh: '填写中', en: 'Being filled' },
  submitted: { zh: '审批中', en: 'Awaiting approval' },
  sent_back: { zh: '已退回', en: 'Sent back' },
  approved: { zh: '已批准，待通知退款', en: 'Approved, refund to be notified' },
  refund_notified: { zh: '已通知客户领取退款', en: 'Customer told to collect the refund' },
  withdrawn: { zh: '客户已撤回', en: 'Withdrawn by the customer' },
};

const fen = z.number().int().min(0).max(1_000_000_000);

/** What the counter observes and asks, after the reason (RET-1). */
const requestFacts = {
  kind: z.enum(RETURN_KINDS),
  reason: z.enum(RETURN_REASONS),
  inspection: z.enum(INSPECTION_FINDINGS).nullable().default(null),
  customerInsists: z.boolean().default(false),
  /** The packaging as seen at the counter; absent: as the order says. */
  packaging: z.enum(PACKAGING_STATES).optional(),
  intact: z.boolean().default(true),
};

export const previewReturnBody = z.strictObject({ orderLineId: z.uuid(), ...requestFacts });

export const createReturnBody = z.strictObject({
  orderLineId: z.uuid(),
  ...requestFacts,
  /** RET-1: the customer's reason in detail, recorded first. */
  reasonDetail: z.string().trim().min(2).max(2000),
  /** RET-1: the solution offered (repair, adjustment) before the request was taken. */
  solutionOffered: z.string().trim().max(1000).nullable().optional(),
  /** A refund agreed below the decision's (accessories kept…); never above what was paid. */
  refundFen: fen.nullable().optional(),
});

export const documentsBody = z.strictObject({ documents: z.array(z.enum(RETURN_DOCUMENTS)).max(10) });
export const signatureBody = z.union([
  z.strictObject({ onPaper: z.literal(true) }),
  z.strictObject({ dataUrl: z.string().max(700_000).startsWith('data:image/png;base64,') }),
]);
/**
 * RET-7: the inspection's finding. Without `inStore` the linked work order must be completed; with
 * it, staff record that the goods were inspected in the store (by whom — default the caller — and when).
 */
export const inspectionBody = z.strictObject({
  finding: z.enum(INSPECTION_FINDINGS),
  customerInsists: z.boolean().default(false),
  inStore: z
    .strictObject({
      inspectedBy: z.uuid().optional(),
      inspectedAt: z.iso.datetime({ offset: true }).optional(),
    })
    .optional(),
});
export const withdrawBody = z.strictObject({ reason: z.string().trim().min(1).max(1000) });
export const listReturnsQuery = z.strictObject({
  unitId: z.uuid().optional(),
  /** The requests taken on one order (the order's page). */
  orderId: z.uuid().optional(),
  state: z.enum(RETURN_STATES).optional(),
  ...pagination,
});

export const explanationSchema = z.object({ zh: z.string(), en: z.string() });
export const decisionSchema = z.object({
  outcome: z.enum(RETURN_OUTCOMES),
  rule: z.string(),
  feeFen: z.number(),
  refundFen: z.number(),
  documents: z.array(z.enum(RETURN_DOCUMENTS)),
  approvals: z.array(z.string()),
  explanation: explanationSchema,
  policyVersion: z.string(),
});
export type ReturnDecisionView = z.infer<typeof decisionSchema>;

export const policyParamsSchema = z.object({
  freeCancellationHours: z.number(),
  cancellationFeePercent: z.number(),
  returnDays: z.number(),
  onlineReturnDays: z.number(),
});

export const returnRequestSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  order: orderSchema,
  orderLineId: z.string(),
  kind: z.enum(RETURN_KINDS),
  reason: z.enum(RETURN_REASONS),
  reasonDetail: z.string(),
  solutionOffered: z.string().nullable(),
  inspection: z.enum(INSPECTION_FINDINGS).nullable(),
  /** RET-7: the quality claim's inspection visit, and who inspected when (in the store or on the visit). */
  inspectionWorkOrder: z
    .object({ id: z.string(), number: z.string(), state: z.string(), done: z.boolean() })
    .nullable(),
  inspectedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  inspectedAt: instantString.nullable(),
  inspectedInStore: z.boolean(),
  customerInsists: z.boolean(),
  packaging: z.enum(PACKAGING_STATES),
  intact: z.boolean(),
  requestedAt: instantString,
  policyId: z.string().nullable(),
  policy: policyParamsSchema.extend({ version: z.string(), effectiveFrom: instantString }),
  decision: decisionSchema,
  refundFen: z.number(),
  /** Documents required before submission, and those presented. */
  requiredDocuments: z.array(z.enum(RETURN_DOCUMENTS)),
  documents: z.array(z.enum(RETURN_DOCUMENTS)),
  signature: z.object({
    attachmentId: z.string().nullable(),
    onPaper: z.boolean(),
    at: instantString.nullable(),
  }),
  state: z.enum(RETURN_STATES),
  approval: approvalRequestSchema.nullable(),
  serviceCentreNotifiedAt: instantString.nullable(),
  approvedAt: instantString.nullable(),
  refundNotifiedAt: instantString.nullable(),
  /** The refund SMS queued in the outbox, or why none was (RET-2 / RET-8). */
  refundNotice: z
    .object({ messageId: z.string().nullable(), skipped: z.enum(REFUND_NOTICE_SKIPS).nullable() })
    .nullable(),
  withdrawnAt: instantString.nullable(),
  withdrawReason: z.string().nullable(),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: instantString,
  updatedAt: instantString,
});
export type ReturnRequestView = z.infer<typeof returnRequestSchema>;
export const returnListResponse = z.object({
  items: z.array(
    returnRequestSchema
      .pick({
        id: true,
        unitName: true,
        kind: true,
        reason: true,
        state: true,
        refundFen: true,
        requestedAt: true,
        decision: true,
      })
      .extend({ orderNo: z.string(), product: z.string(), customerName: z.string().nullable() }),
  ),
  total: z.number(),
});

export const policySchema = policyParamsSchema.extend({
  id: z.string(),
  unitId: z.string(),
  version: z.string(),
  effectiveFrom: instantString,
  note: z.string().nullable(),
  createdAt: instantString,
});
export const policiesResponse = z.object({
  /** The unit whose versions apply here (the nearest up the tree that has any), or null: shipped default. */
  fromUnitId: z.string().nullable(),
  inForce: policySchema.nullable(),
  items: z.array(policySchema),
});
export const policiesQuery = z.strictObject({ unitId: z.uuid() });
export const createPolicyBody = z.strictObject({
  unitId: z.uuid(),
  effectiveFrom: z.iso.datetime({ offset: true }),
  freeCancellationHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90),
  cancellationFeePercent: z.number().int().min(0).max(100),
  returnDays: z.number().int().min(0).max(365),
  onlineReturnDays: z.number().int().min(0).max(365),
  note: z.string().trim().max(500).nullable().optional(),
});

/** The tester: any facts, at any instant, against the version in force then (or draft parameters). */
export const policyTestBody = z.strictObject({
  unitId: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  line: z.strictObject({
    channel: z.enum(ORDER_CHANNELS),
    fulfilment: z.enum(ORDER_FULFILMENTS),
    priceFen: fen,
    paidFen: fen,
    custom: z.boolean(),
    clearance: z.boolean(),
    specialOffer: z.boolean(),
    orderedAt: z.iso.datetime({ offset: true }),
    paidAt: z.iso.datetime({ offset: true }).nullable(),
    handedOverAt: z.iso.datetime({ offset: true }).nullable(),
    packaging: z.enum(PACKAGING_STATES),
    intact: z.boolean(),
  }),
  kind: z.enum(RETURN_KINDS),
  reason: z.enum(RETURN_REASONS),
  inspection: z.enum(INSPECTION_FINDINGS).nullable(),
  customerInsists: z.boolean(),
  /** Try parameters not yet saved instead of the version in force. */
  draft: z
    .strictObject({
      freeCancellationHours: z
        .number()
        .int()
        .min(0)
        .max(24 * 90),
      cancellationFeePercent: z.number().int().min(0).max(100),
      returnDays: z.number().int().min(0).max(365),
      onlineReturnDays: z.number().int().min(0).max(365),
    })
    .nullable()
    .optional(),
});
