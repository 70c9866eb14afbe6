/** The journeys API (JRN-1…8): templates with their versions, running journeys, what each stage needs. */
import { z } from 'zod';
import { instantString, pagination } from './common';

const limit = z.object({
  unit: z.enum(['working_hours', 'working_days', 'calendar_hours', 'calendar_days']),
  amount: z.number().positive(),
});
const code = z.string().trim().min(1).max(80);

/** A condition on the journey's fields that a chain step or an approval reads (JRN-2, JRN-5). */
const fieldCondition = z.object({
  field: code,
  op: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte']),
  value: z.union([z.number(), z.string().max(200), z.boolean()]),
});

/** An approval's own chain: ordered steps by role or named permission, each under its conditions. */
export const journeyApprovalChainSchema = z.object({
  approval: code,
  steps: z
    .array(
      z.object({
        key: z
          .string()
          .trim()
          .regex(/^[a-z][a-z0-9_]{0,39}$/),
        nameZh: z.string().trim().min(1).max(60),
        nameEn: z.string().trim().min(1).max(80),
        roles: z.array(code).max(10).optional(),
        permission: code.optional(),
        when: z.array(fieldCondition).max(5).optional(),
      }),
    )
    .min(1)
    .max(8),
  requiredWhen: z.array(fieldCondition).max(5).optional(),
});

export const stageSchema = z.object({
  key: code,
  nameZh: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  role: code,
  limit: limit.optional(),
  forms: z.array(code).max(30).optional(),
  fields: z.array(code).max(30).optional(),
  documents: z.array(code).max(30).optional(),
  approvals: z.array(code).max(10).optional(),
  approvalChains: z.array(journeyApprovalChainSchema).max(10).optional(),
  payment: z
    .object({
      key: code,
      nameZh: z.string().min(1).max(100),
      nameEn: z.string().min(1).max(100),
      percent: z.number().positive().max(100),
      dueWithin: limit.optional(),
    })
    .optional(),
  rules: z
    .array(z.enum(['tile_stock_with_loss', 'discount_within_authority', 'open_day_after_plastering']))
    .optional(),
  leadTime: z
    .object({ field: code, unit: z.enum(['working_days', 'calendar_days']), amount: z.number().positive() })
    .optional(),
  visitReminder: z.object({ field: code }).optional(),
  deposit: z.object({ field: code, creditedWhenLeft: code }).optional(),
  followUpCall: z.object({ within: limit, noteZh: z.string().min(1).max(200) }).optional(),
  next: z.union([
    z.object({ to: code }),
    z.object({ question: code, questionZh: z.string().min(1).max(200), yes: code, no: code }),
    z.null(),
  ]),
});

export const templateBody = z.object({
  code,
  nameZh: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  stages: z.array(stageSchema).min(1).max(60),
});

export const templateSchema = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number(),
  nameZh: z.string(),
  nameEn: z.string(),
  createdAt: instantString,
  definition: templateBody.extend({ version: z.number() }),
});
export const templatesResponse = z.object({ items: z.array(templateSchema) });

export const startJourneyBody = z.strictObject({
  templateCode: code,
  customerId: z.uuid(),
  unitId: z.uuid().optional(),
  orderId: z.uuid().optional(),
  contractFen: z.number().int().min(0).max(2_000_000_000).optional(),
  note: z.string().max(2000).optional(),
});

export const recordBody = z
  .strictObject({
    forms: z.array(code).max(30).optional(),
    documents: z.array(code).max(30).optional(),
    fields: z.record(code, z.union([z.string().max(2000), z.number(), z.boolean()])).optional(),
  })
  .refine(
    (b) => (b.forms?.length ?? 0) + (b.documents?.length ?? 0) + Object.keys(b.fields ?? {}).length > 0,
    {
      message: '请至少登记一项 / record at least one item',
    },
  );
export const paymentBody = z.strictObject({
  key: code,
  amountFen: z.number().int().min(0).max(2_000_000_000),
});
export const approvalBody = z.strictObject({ key: code });
export const leaveBody = z.strictObject({ answer: z.boolean().optional() });
export const cancelBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const linkBody = z.strictObject({
  subjectType: z.enum(['ticket', 'work_order']),
  subjectId: z.uuid(),
});
export const linkParams = z.strictObject({ id: z.uuid(), linkId: z.uuid() });
export const linkedQuery = z.object({
  subjectType: z.enum(['ticket', 'work_order']),
  subjectId: z.uuid(),
});

export const listJourneysQuery = z.object({
  templateCode: z.string().max(80).optional(),
  stage: z.string().max(80).optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  status: z.enum(['running', 'finished', 'cancelled']).optional(),
  customerId: z.uuid().optional(),
  /** The journey's owner: who started it (the SLA notices go to them with the stage's role holders). */
  ownerId: z.uuid().optional(),
  ...pagination,
});

const missingSchema = z.object({
  forms: z.array(z.string()),
  fields: z.array(z.string()),
  documents: z.array(z.string()),
  approvals: z.array(z.string()),
  payment: z.string().nullable(),
  rules: z.array(z.string()),
});

export const journeySummarySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  templateCode: z.string(),
  templateVersion: z.number(),
  templateNameZh: z.string(),
  templateNameEn: z.string(),
  stage: z.string().nullable(),
  stageNameZh: z.string().nullable(),
  stageNameEn: z.string().nullable(),
  stageRole: z.string().nullable(),
  stageEnteredAt: instantString,
  stageDueAt: instantString.nullable(),
  overdue: z.boolean(),
  /** A payment due and not received by its limit. */
  paymentOverdue: z.boolean(),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  createdAt: instantString,
  finishedAt: instantString.nullable(),
  /** Closed without finishing (终止). */
  cancelledAt: instantString.nullable(),
});
export const journeyListResponse = z.object({ items: z.array(journeySummarySchema), total: z.number() });

/** A ticket or work order linked to a journey, with its number and title as the journey page lists it. */
export const journeyLinkSchema = z.object({
  id: z.string(),
  subjectType: z.enum(['ticket', 'work_order']),
  subjectId: z.string(),
  number: z.string().nullable(),
  title: z.string().nullable(),
  stage: z.string().nullable(),
  linkedAt: instantString,
});

export const journeySchema = journeySummarySchema.extend({
  orderId: z.string().nullable(),
  contractFen: z.number().nullable(),
  forms: z.array(z.string()),
  documents: z.array(z.string()),
  approvals: z.array(z.string()),
  fields: z.record(z.string(), z.unknown()),
  payments: z.array(
    z.object({
      key: z.string(),
      stage: z.string(),
      amountFen: z.number(),
      dueAt: instantString.nullable(),
      receivedFen: z.number().nullable(),
      receivedAt: instantString.nullable(),
    }),
  ),
  history: z.array(
    z.object({
      stage: z.string(),
      enteredAt: instantString,
      dueAt: instantString.nullable(),
      leftAt: instantString.nullable(),
      answer: z.boolean().nullable().optional(),
      leftBy: z.string().nullable().optional(),
    }),
  ),
  missing: missingSchema,
  approvalRequests: z.array(
    z.object({ key: z.string(), stage: z.string(), status: z.string(), approvalId: z.string().nullable() }),
  ),
  template: templateBody.extend({ version: z.number() }),
  cancellation: z
    .object({
      reason: z.string(),
      by: z.string(),
      byName: z.string().nullable(),
      stage: z.string(),
      deposits: z.array(
        z.object({
          stage: z.string(),
          amountFen: z.number(),
          outcome: z.enum(['forfeited', 'credited_to_project']),
        }),
      ),
    })
    .nullable(),
  /** JRN-1: the work order whose acceptance started this leftover journey. */
  sourceWorkOrderId: z.string().nullable(),
  links: z.array(journeyLinkSchema),
});

export const linkedJourneysResponse = z.object({ items: z.array(journeySummarySchema) });

export type JourneySummary = z.infer<typeof journeySummarySchema>;
export type JourneyDetail = z.infer<typeof journeySchema>;
export type JourneyLink = z.infer<typeof journeyLinkSchema>;
export type JourneyTemplateRow = z.infer<typeof templateSchema>;
