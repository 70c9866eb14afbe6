/**
 * The quality-review API (质检, RPT-7): the scoring form per company (versioned), samples of handled
 * tickets and follow-up calls, item-by-item scores, one appeal by the agent decided by another
 * supervisor, and the agents' monthly figures.
 */
import { z } from 'zod';
import { idParams, pagination, type Labels } from './common';

export { idParams };

export const REVIEW_SUBJECT_TYPES = ['ticket', 'follow_up'] as const;
export type ReviewSubjectType = (typeof REVIEW_SUBJECT_TYPES)[number];
/** The domain's sample reasons (complaint, dissatisfied, random). */
export const SAMPLE_REASONS = ['complaint', 'dissatisfied', 'random'] as const;
export type SampleReasonCode = (typeof SAMPLE_REASONS)[number];
/** Sampled and waiting for its score, then the domain's review life (scored → appealed → upheld | revised). */
export const REVIEW_STATES = ['sampled', 'scored', 'appealed', 'upheld', 'revised'] as const;
export type ReviewStateCode = (typeof REVIEW_STATES)[number];

export const REVIEW_SUBJECT_LABELS: Labels<ReviewSubjectType> = {
  ticket: { zh: '工单', en: 'Ticket' },
  follow_up: { zh: '回访电话', en: 'Follow-up call' },
};
export const SAMPLE_REASON_LABELS: Labels<SampleReasonCode> = {
  complaint: { zh: '投诉必检', en: 'Every complaint' },
  dissatisfied: { zh: '不满意必检', en: 'Every dissatisfied answer' },
  random: { zh: '随机抽检', en: 'Random share' },
};
export const REVIEW_STATE_LABELS: Labels<ReviewStateCode> = {
  sampled: { zh: '待评分', en: 'To score' },
  scored: { zh: '已评分', en: 'Scored' },
  appealed: { zh: '申诉中', en: 'Appealed' },
  upheld: { zh: '申诉驳回（维持原分）', en: 'Appeal rejected (score upheld)' },
  revised: { zh: '申诉成立（已改分）', en: 'Appeal accepted (score revised)' },
};

// ---- Requests -------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().max(max);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date as YYYY-MM-DD');
const itemKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, '评分项编码只能用小写字母、数字和下划线 / a-z, 0-9, _');

export const formItemSchema = z.strictObject({
  key: itemKey,
  labelZh: text(100).min(1),
  labelEn: text(100).min(1),
  maxPoints: z.number().int().min(1).max(100),
});
export type FormItemInput = z.infer<typeof formItemSchema>;

export const unitQuery = z.strictObject({ unitId: z.uuid() });
export const saveFormBody = z.strictObject({
  unitId: z.uuid(),
  items: z.array(formItemSchema).min(1).max(30),
});
export type SaveFormInput = z.infer<typeof saveFormBody>;

export const sampleBody = z.strictObject({
  unitId: z.uuid(),
  from: localDate,
  to: localDate,
  /** Only these agents' work; all agents of the unit when left out. */
  agentIds: z.array(z.uuid()).max(200).optional(),
  subjectTypes: z.array(z.enum(REVIEW_SUBJECT_TYPES)).min(1).max(2).default(['ticket', 'follow_up']),
  everyComplaint: z.boolean().default(true),
  everyDissatisfied: z.boolean().default(true),
  randomPercent: z.number().min(0).max(100).default(5),
});
export type SampleInput = z.infer<typeof sampleBody>;

const pointsSchema = z.record(itemKey, z.number().int().min(0).max(100));
const itemCommentsSchema = z.record(itemKey, text(500));

export const scoreBody = z.strictObject({
  points: pointsSchema,
  itemComments: itemCommentsSchema.optional(),
  comment: text(2000).optional(),
});
export type ScoreInput = z.infer<typeof scoreBody>;

export const appealBody = z.strictObject({ reason: text(2000).min(1) });

export const decisionBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('uphold'), comment: text(2000).min(1) }),
  z.strictObject({
    decision: z.literal('revise'),
    comment: text(2000).min(1),
    points: pointsSchema,
    itemComments: itemCommentsSchema.optional(),
  }),
]);
export type DecisionInput = z.infer<typeof decisionBody>;

export const listReviewsQuery = z.strictObject({
  unitId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  state: z.enum(REVIEW_STATES).optional(),
  /** The report month ('YYYY-MM', cut on the 25th) the handled work belongs to. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  ...pagination,
});
export type ListReviewsQuery = z.infer<typeof listReviewsQuery>;

export const figuresQuery = z.strictObject({
  unitId: z.uuid().optional(),
  /** Left out: the report month today falls in, under the company's cut-off day. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM / month as YYYY-MM')
    .optional(),
});
export type FiguresQuery = z.infer<typeof figuresQuery>;

// ---- Responses ------------------------------------------------------------------------------

export const formSchema = z.object({
  /** Null for the shipped default nobody has saved yet. */
  id: z.string().nullable(),
  unitId: z.string().nullable(),
  version: z.number().int(),
  items: z.array(
    z.object({ key: z.string(), labelZh: z.string(), labelEn: z.string(), maxPoints: z.number().int() }),
  ),
  createdAt: z.string().nullable(),
});
export type QualityForm = z.infer<typeof formSchema>;

const named = z.object({ id: z.string(), name: z.string() });

export const reviewSummarySchema = z.object({
  id: z.string(),
  unit: named,
  subjectType: z.enum(REVIEW_SUBJECT_TYPES),
  subjectId: z.string(),
  subjectLabel: z.string(),
  agent: named,
  reviewer: named.nullable(),
  reason: z.enum(SAMPLE_REASONS),
  state: z.enum(REVIEW_STATES),
  handledAt: z.string(),
  month: z.string(),
  percent: z.number().nullable(),
  finalPercent: z.number().nullable(),
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

export const reviewDetailSchema = reviewSummarySchema.extend({
  form: formSchema,
  points: z.record(z.string(), z.number()).nullable(),
  itemComments: z.record(z.string(), z.string()),
  comment: z.string().nullable(),
  scoredAt: z.string().nullable(),
  appeal: z
    .object({
      reason: z.string(),
      at: z.string(),
      decision: z.enum(['uphold', 'revise']).nullable(),
      decidedBy: named.nullable(),
      decidedAt: z.string().nullable(),
      comment: z.string().nullable(),
      revisedPoints: z.record(z.string(), z.number()).nullable(),
      revisedItemComments: z.record(z.string(), z.string()).nullable(),
    })
    .nullable(),
  /** What the caller may do on this review now (the same checks the commands make). */
  can: z.object({ score: z.boolean(), appeal: z.boolean(), decide: z.boolean() }),
});
export type ReviewDetail = z.infer<typeof reviewDetailSchema>;

export const reviewPageSchema = z.object({ items: z.array(reviewSummarySchema), total: z.number() });

export const sampleResultSchema = z.object({
  candidates: z.number().int(),
  drawn: z.number().int(),
  /** Drawn before (an earlier draw of an overlapping period): not drawn twice. */
  alreadyReviewed: z.number().int(),
  byReason: z.object({ complaint: z.number(), dissatisfied: z.number(), random: z.number() }),
  reviews: z.array(reviewSummarySchema),
});
export type SampleResult = z.infer<typeof sampleResultSchema>;

export const figuresSchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  /** The company's cut-off day the months end on (RPT-2; 31 means calendar months). */
  cutOffDay: z.number().int(),
  /** The unit asked for (and the units below it); null: every unit the caller may see. */
  unit: named.nullable(),
  items: z.array(
    z.object({
      agent: named,
      reviews: z.number().int(),
      averagePercent: z.number().nullable(),
      appeals: z.number().int(),
      appealsRevised: z.number().int(),
    }),
  ),
});
export type QualityFigures = z.infer<typeof figuresSchema>;
