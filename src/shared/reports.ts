/**
 * The reports API (报表 · 考核: RPT-2 monthly complaint analysis, RPT-3 department assessment, CMP-10
 * nonconformity statistics, RPT-6 export and scheduled delivery): request and response schemas.
 * Every report reads the rollups (decision 0014); `asOf` says up to when they are current.
 */
import { z } from 'zod';
import { ACCOUNTABLE_PARTY_TEXT, type AccountableParty } from '../domain/reports';
import { TICKET_TYPES } from '../domain/tickets';
import { EVALUATION_RESULTS } from '../domain/tickets/complaints';
import type { Labels } from './common';

export const REPORT_KINDS = ['monthly', 'assessment', 'nonconformity'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Labels<ReportKind> = {
  monthly: { zh: '月度投诉分析', en: 'Monthly complaint analysis' },
  assessment: { zh: '部门考核', en: 'Department assessment' },
  nonconformity: { zh: '不合格品统计', en: 'Nonconformity statistics' },
};
/**
 * What a scheduled e-mail can carry (RPT-6): this module's reports and the other modules' — RPT-4
 * lapsed customers, RPT-5 monthly satisfaction, RPT-7 quality review, SLA-9 hotline — each as the
 * same Excel workbook its page exports.
 */
export const DELIVERABLE_REPORTS = [...REPORT_KINDS, 'lapsed', 'satisfaction', 'quality', 'hotline'] as const;
export type DeliverableReport = (typeof DELIVERABLE_REPORTS)[number];
export const DELIVERABLE_REPORT_LABELS: Labels<DeliverableReport> = {
  ...REPORT_KIND_LABELS,
  lapsed: { zh: '流失客户分析', en: 'Lapsed customers' },
  satisfaction: { zh: '月度满意度报告', en: 'Monthly satisfaction report' },
  quality: { zh: '质检月报', en: 'Quality review of the month' },
  hotline: { zh: '热线接听报表', en: 'Hotline report' },
};
/** Reports that exist per report month only: delivered after each cut-off, never weekly. */
export const MONTHLY_ONLY_REPORTS: readonly DeliverableReport[] = ['satisfaction', 'quality'];
/** Reports filtered by ticket type (the others refuse a type filter). */
export const TYPED_REPORTS: readonly DeliverableReport[] = REPORT_KINDS;
export const SUBSCRIPTION_FREQUENCIES = ['weekly', 'monthly'] as const;
export type SubscriptionFrequency = (typeof SUBSCRIPTION_FREQUENCIES)[number];
export const SUBSCRIPTION_FREQUENCY_LABELS: Labels<SubscriptionFrequency> = {
  weekly: { zh: '每周一', en: 'Every Monday' },
  monthly: { zh: '每月结账日次日', en: 'The day after each cut-off' },
};
/** RPT-3 accountability split: the domain's own names (reports.timeliness.ts). */
export const ACCOUNTABLE_LABELS: Labels<AccountableParty> = ACCOUNTABLE_PARTY_TEXT;
const ACCOUNTABLE_PARTIES = Object.keys(ACCOUNTABLE_PARTY_TEXT) as [AccountableParty, ...AccountableParty[]];
export { EVALUATION_RESULTS };
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];
export const EVALUATION_LABELS: Labels<EvaluationResult> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
};

// ---- Requests -------------------------------------------------------------------------------

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD / date as YYYY-MM-DD');
const periodLabel = z.string().regex(/^\d{4}-\d{2}$/, '月份格式为 YYYY-MM / month as YYYY-MM');
const typesCsv = z
  .string()
  .max(500)
  .transform((v) => v.split(',').filter(Boolean))
  .pipe(z.array(z.enum(TICKET_TYPES)).min(1));

/**
 * Every report's filter: a unit (and below; the caller's whole scope when absent), a period
 * ('YYYY-MM' under the company's cut-off day) or a date range (local dates, inclusive), ticket types.
 */
export const reportQuery = z.strictObject({
  unitId: z.uuid().optional(),
  period: periodLabel.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  types: typesCsv.optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;

/** The drill-down behind a number: the report's filter plus the dimension clicked. */
export const drillDownQuery = reportQuery.extend({
  channel: z.string().max(50).optional(),
  departmentId: z.uuid().optional(),
  product: z.string().max(200).optional(),
  cause: z.string().max(200).optional(),
  defect: z.string().max(200).optional(),
  evaluation: z.enum(EVALUATION_RESULTS).optional(),
  complaintsOnly: z.enum(['true', 'false']).optional(),
  productCaused: z.enum(['true', 'false']).optional(),
});
export type DrillDownQuery = z.infer<typeof drillDownQuery>;

export const analysisQuery = z.strictObject({ unitId: z.uuid(), period: periodLabel });
export const saveAnalysisBody = z.strictObject({
  unitId: z.uuid(),
  period: periodLabel,
  body: z.string().trim().min(1).max(20_000),
});
export const settingsQuery = z.strictObject({ unitId: z.uuid().optional() });
export const saveSettingsBody = z.strictObject({ cutOffDay: z.number().int() });
export const subscriptionBody = z.strictObject({
  unitId: z.uuid(),
  report: z.enum(DELIVERABLE_REPORTS),
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES),
  types: z.array(z.enum(TICKET_TYPES)).max(20).default([]),
  recipients: z.array(z.email().max(200)).min(1).max(20),
});
export type SubscriptionInput = z.infer<typeof subscriptionBody>;
export const unitOnlyQuery = z.strictObject({ unitId: z.uuid().optional() });

// ---- Responses ------------------------------------------------------------------------------

const count = z.object({ key: z.string().nullable(), name: z.string(), count: z.number() });
export type CountRow = z.infer<typeof count>;
const range = z.object({ label: z.string().nullable(), from: z.string(), to: z.string() });

const reportHead = {
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  range,
  /** When the rollups were last brought up to date ("数据截至"); null before the first refresh. */
  asOf: z.string().nullable(),
  pendingDays: z.number(),
};

export const monthlyReportSchema = z.object({
  ...reportHead,
  cutOffDay: z.number(),
  totals: z.object({ tickets: z.number(), complaints: z.number(), productCaused: z.number() }),
  byType: z.array(count),
  byChannel: z.array(count),
  byCause: z.array(count),
  byProduct: z.array(count),
  byDepartment: z.array(count),
  evaluations: z.array(count),
  trend: z.array(range.extend({ tickets: z.number(), complaints: z.number() })),
  clusters: z.array(
    z.object({
      id: z.string(),
      product: z.string(),
      cause: z.string(),
      count: z.number(),
      departmentName: z.string().nullable(),
      raisedAt: z.string(),
      ticketIds: z.array(z.string()),
    }),
  ),
});
export type MonthlyReport = z.infer<typeof monthlyReportSchema>;

export const assessmentReportSchema = z.object({
  ...reportHead,
  rows: z.array(
    z.object({
      departmentId: z.string().nullable(),
      departmentName: z.string(),
      step: z.string(),
      accountable: z.enum(ACCOUNTABLE_PARTIES),
      onTime: z.number(),
      late: z.number(),
      onTimeRate: z.number().nullable(),
    }),
  ),
  departments: z.array(
    z.object({
      departmentId: z.string().nullable(),
      departmentName: z.string(),
      onTime: z.number(),
      late: z.number(),
      onTimeRate: z.number().nullable(),
      complaints: z.number(),
      closeOutAssessed: z.number(),
    }),
  ),
  breaches: z.array(
    z.object({
      targetId: z.string(),
      ticketId: z.string(),
      ticketNumber: z.string(),
      subject: z.string(),
      step: z.string(),
      departmentName: z.string().nullable(),
      dueAt: z.string().nullable(),
      endedAt: z.string().nullable(),
      state: z.string(),
    }),
  ),
  breachesTruncated: z.boolean(),
});
export type AssessmentReport = z.infer<typeof assessmentReportSchema>;

export const nonconformityReportSchema = z.object({
  ...reportHead,
  total: z.number(),
  byProduct: z.array(count),
  byDefect: z.array(count),
  byCause: z.array(count),
  rows: z.array(z.object({ product: z.string(), defect: z.string(), cause: z.string(), count: z.number() })),
});
export type NonconformityReport = z.infer<typeof nonconformityReportSchema>;

export const drillDownSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      subject: z.string(),
      type: z.string(),
      state: z.string(),
      receivedAt: z.string(),
    }),
  ),
  /** True when more tickets match than the list shows (the first 200 by intake). */
  truncated: z.boolean(),
});
export type DrillDown = z.infer<typeof drillDownSchema>;

export const analysisVersionSchema = z.object({
  id: z.string(),
  version: z.number(),
  body: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
});
export type AnalysisVersion = z.infer<typeof analysisVersionSchema>;
export const analysisHistorySchema = z.object({
  unitId: z.string(),
  period: z.string(),
  versions: z.array(analysisVersionSchema),
});
export type AnalysisHistory = z.infer<typeof analysisHistorySchema>;

export const settingsSchema = z.object({ unitId: z.string(), cutOffDay: z.number() });
export const subscriptionSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  report: z.enum(DELIVERABLE_REPORTS),
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES),
  types: z.array(z.string()),
  recipients: z.array(z.string()),
  createdAt: z.string(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;
export const subscriptionListSchema = z.object({ items: z.array(subscriptionSchema) });
export const refreshSchema = z.object({ asOf: z.string().nullable(), daysRefreshed: z.number() });
