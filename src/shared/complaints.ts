/**
 * The complaints API (投诉, CMP-1…CMP-10, SAT-2) and department replies (CL-3): request schemas
 * (strict bodies) and the response schemas the server serialises with and the web reads.
 */
import { z } from 'zod';
import { CLOSE_OUT_STAGES, CLOSE_OUT_STEPS } from '../domain/tickets/close-out';
import {
  CAUSE_ANALYSIS_REASONS,
  CAUSE_ANALYSIS_TRIGGERS,
  CORRECTIVE_ACTIONS,
  EMOTIONAL_STATES,
  EVALUATION_RESULTS,
  MEETING_CONVENOR,
  MEETING_DEPARTMENTS,
  PROGRESS_KINDS,
} from '../domain/tickets/complaints';
import { PERMISSION_CODES, type PermissionCode } from '../domain/permissions';
import { namedSchema, type Labels } from './common';
import { slaTargetStateSchema } from './sla';
import { ticketSummarySchema } from './tickets';

export { CLOSE_OUT_STEPS } from '../domain/tickets/close-out';
export {
  CAUSE_ANALYSIS_TRIGGERS,
  CORRECTIVE_ACTIONS,
  EVALUATION_RESULTS,
  PROGRESS_KINDS,
} from '../domain/tickets/complaints';
export type {
  CauseAnalysisTrigger,
  CorrectiveAction,
  EvaluationResult,
  ProgressKind,
} from '../domain/tickets/complaints';
export type { CloseOutStage, CloseOutStep } from '../domain/tickets/close-out';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const instant = z.iso.datetime({ offset: true });

export const departmentReplyBody = z.strictObject({
  findings: text(5000).min(1),
  rootCause: text(1000).min(1),
  correctiveAction: z.strictObject({ kind: z.enum(CORRECTIVE_ACTIONS), text: text(5000).min(1) }),
  preventiveAction: text(5000).min(1),
  committedDate: z.iso.date(),
  responsiblePersonId: z.uuid(),
});

export const departmentInboxQuery = z.strictObject({ departmentId: z.uuid().optional() });

export const complaintDetailsBody = z.strictObject({
  details: z
    .strictObject({
      when: optionalText(200),
      where: optionalText(300),
      whatHappened: optionalText(5000),
      peopleInvolved: optionalText(500),
      departmentsInvolved: optionalText(500),
      emotionalState: z.enum(EMOTIONAL_STATES).nullable().optional(),
      customerRequest: optionalText(2000),
    })
    .optional(),
  product: optionalText(200),
  cause: optionalText(200),
  defect: optionalText(200),
  productCaused: z.boolean().optional(),
  claimAmountFen: z.number().int().min(0).max(2_000_000_000).nullable().optional(),
});

// approverId is checked by the use case so a missing approver answers 422 tickets.commitment_needs_approver (CMP-2).
export const commitmentBody = z.strictObject({
  text: text(2000).min(1),
  dueDate: z.iso.date(),
  approverId: z.uuid().nullable().optional(),
});

/** CMP-6 progress; SLA-5: a hard complaint's second response carries the committed resolution time. */
export const progressBody = z.strictObject({
  kind: z.enum(PROGRESS_KINDS),
  body: text(10_000).min(1),
  committedAt: z.iso.datetime({ offset: true }).optional(),
});

export const causeAnalysisBody = z.strictObject({
  invitedDepartments: z.array(z.enum(MEETING_DEPARTMENTS)).max(MEETING_DEPARTMENTS.length).optional(),
  minutes: text(20_000).optional(),
  responsibility: text(5000).optional(),
  correctiveAction: text(5000).optional(),
  preventiveAction: text(5000).optional(),
});
export const signOffBody = z.strictObject({ as: z.enum(['quality_manager', 'general_manager']) });

// CMP-5 close-out chain: the agent's request, each owner's step, a send-back.
export const closeOutRequestBody = z.strictObject({ note: optionalText(5000) }).optional();
export const closeOutStepBody = z.strictObject({ text: text(5000).min(1) });
/**
 * The assessment lead's step: whether the complaint counts in the responsible department's
 * performance assessment (计入责任部门绩效考核; omitted = it does) and, when it counts, how it was
 * carried out. A note with the switch off is refused (complaints.close_out_assessment_note_not_counted).
 */
export const closeOutAssessmentBody = z.strictObject({
  counts: z.boolean().optional(),
  text: optionalText(5000),
});
export const closeOutApprovalBody = z.strictObject({ text: optionalText(5000) }).optional();
export const closeOutSendBackBody = z.strictObject({
  step: z.enum(CLOSE_OUT_STEPS),
  reason: text(2000).min(1),
});
export const emptyBody = z.strictObject({}).optional();

export const evaluationBody = z.strictObject({
  result: z.enum(EVALUATION_RESULTS),
  comment: text(2000).optional(),
});

export const praiseBody = z.strictObject({
  employeeId: z.uuid(),
  departmentId: z.uuid().nullable().optional(),
});

const period = { from: instant.optional(), to: instant.optional() };
export const praiseSummaryQuery = z.strictObject({ unitId: z.uuid(), ...period });
/** `mine`: waiting at a step the caller may do; `open`: waiting at any step or sent back; `filed`: done. */
export const closeOutsQuery = z.strictObject({
  unitId: z.uuid().optional(),
  view: z.enum(['mine', 'open', 'filed']).default('mine'),
});
export const clustersQuery = z.strictObject({ unitId: z.uuid().optional() });
export const settingsQuery = z.strictObject({ unitId: z.uuid() });
export const settingsBody = z.strictObject({
  causeAnalysisTrigger: z.enum(CAUSE_ANALYSIS_TRIGGERS).default('product_complaints'),
  seriousClaimThresholdFen: z.number().int().min(0).max(2_000_000_000),
  clusterMinCount: z.number().int().min(2).max(100),
  clusterWindowDays: z.number().int().min(1).max(365),
});

// Responses.
const iso = z.string();
const isoOrNull = z.string().nullable();
const personOrNull = namedSchema.nullable();
const closeOutStepSchema = z.enum(CLOSE_OUT_STEPS);
const closeOutStageSchema = z.enum(CLOSE_OUT_STAGES);
/** Where a complaint's close-out stands (CMP-5), as the worklist and its export name it. */
export const CLOSE_OUT_STAGE_LABELS: Labels<(typeof CLOSE_OUT_STAGES)[number]> = {
  quality_opinion: { zh: '待质量负责人出具意见', en: 'Waiting for the quality lead' },
  assessment: { zh: '待绩效考核负责人确认', en: 'Waiting for the assessment lead' },
  approval: { zh: '待总经理审批', en: 'Waiting for the general manager' },
  returned: { zh: '已退回接诉人', en: 'Sent back to the intake agent' },
  filed: { zh: '已结案归档', en: 'Closed and filed' },
};
const evaluationResultSchema = z.enum(EVALUATION_RESULTS);
const permissionSchema = z.enum(PERMISSION_CODES as [PermissionCode, ...PermissionCode[]]);

/** CMP-4 / CMP-8 rules in force for a unit and where they come from. */
export const effectiveComplaintSettingsSchema = z.object({
  causeAnalysisTrigger: z.enum(CAUSE_ANALYSIS_TRIGGERS),
  seriousClaimThresholdFen: z.number(),
  clusterMinCount: z.number(),
  clusterWindowDays: z.number(),
  source: z.enum(['own', 'inherited', 'default']),
  sourceUnitId: z.string().nullable(),
});
/** GET/PUT/DELETE /complaint-settings. */
export const complaintSettingsSchema = effectiveComplaintSettingsSchema.extend({ unitId: z.string() });
export type ComplaintSettingsView = z.infer<typeof complaintSettingsSchema>;

/** The CMP-5 chain as the complaint page shows it, with what the caller may do now. */
export const closeOutChainSchema = z.object({
  applies: z.boolean(),
  stage: closeOutStageSchema.nullable(),
  turn: z
    .object({ step: z.union([closeOutStepSchema, z.literal('intake_agent')]), holders: z.array(namedSchema) })
    .nullable(),
  request: z.object({ by: personOrNull, at: isoOrNull, note: z.string().nullable() }).nullable(),
  steps: z.array(
    z.object({
      step: closeOutStepSchema,
      permission: permissionSchema,
      text: z.string().nullable(),
      /** The assessment step only: counts in the department's assessment (null: not done, or another step). */
      counts: z.boolean().nullable(),
      by: personOrNull,
      at: isoOrNull,
    }),
  ),
  filed: z.object({ by: personOrNull, at: isoOrNull }).nullable(),
  lastReturn: z
    .object({ from: closeOutStepSchema, reason: z.string().nullable(), by: personOrNull, at: isoOrNull })
    .nullable(),
  may: z.object({
    request: z.boolean(),
    complete: closeOutStepSchema.nullable(),
    sendBack: closeOutStepSchema.nullable(),
  }),
});
export type CloseOutChain = z.infer<typeof closeOutChainSchema>;

/** CMP-4 meeting record as the complaint view carries it. */
export const causeAnalysisSchema = z.object({
  reason: z.enum(CAUSE_ANALYSIS_REASONS),
  convenor: z.literal(MEETING_CONVENOR),
  minutesKeeper: z.enum(MEETING_DEPARTMENTS),
  invitedDepartments: z.array(z.enum(MEETING_DEPARTMENTS)),
  minutes: z.string(),
  responsibility: z.string(),
  correctiveAction: z.string(),
  preventiveAction: z.string(),
  qualityManagerSignedBy: personOrNull,
  qualityManagerSignedAt: isoOrNull,
  generalManagerSignedBy: personOrNull,
  generalManagerSignedAt: isoOrNull,
  openedAt: iso,
});
export type CauseAnalysisView = z.infer<typeof causeAnalysisSchema>;

/** CMP-3 a department's reply as the complaint view lists it. */
export const departmentReplySchema = z.object({
  id: z.string(),
  department: personOrNull,
  findings: z.string(),
  rootCause: z.string(),
  correctiveAction: z.object({ kind: z.enum(CORRECTIVE_ACTIONS), text: z.string() }),
  preventiveAction: z.string(),
  committedDate: z.string(),
  committedAt: iso,
  responsiblePerson: personOrNull,
  author: personOrNull,
  createdAt: iso,
});

export type DepartmentReplyView = z.infer<typeof departmentReplySchema>;
/** GET /tickets/:id/department-replies: every department reply on a ticket of any type, oldest first. */
export const departmentReplyListSchema = z.object({ items: z.array(departmentReplySchema) });

/** GET /tickets/:id/complaint (and the complaint commands' answer): the whole complaint record. */
export const complaintSchema = z.object({
  ticketId: z.string(),
  details: z.object({
    when: z.string().nullable().optional(),
    where: z.string().nullable().optional(),
    whatHappened: z.string().nullable().optional(),
    peopleInvolved: z.string().nullable().optional(),
    departmentsInvolved: z.string().nullable().optional(),
    emotionalState: z.enum(EMOTIONAL_STATES).nullable().optional(),
    customerRequest: z.string().nullable().optional(),
  }),
  product: z.string().nullable(),
  cause: z.string().nullable(),
  defect: z.string().nullable(),
  productCaused: z.boolean(),
  claimAmountFen: z.number().nullable(),
  committedAt: isoOrNull,
  settings: effectiveComplaintSettingsSchema,
  closeOut: closeOutChainSchema,
  evaluation: z
    .object({
      result: evaluationResultSchema,
      comment: z.string().nullable(),
      at: isoOrNull,
      by: personOrNull,
    })
    .nullable(),
  departmentReplies: z.array(departmentReplySchema),
  commitments: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      dueDate: z.string(),
      dueAt: iso,
      approver: personOrNull,
      createdBy: personOrNull,
      createdAt: iso,
    }),
  ),
  causeAnalysis: causeAnalysisSchema.nullable(),
  praise: z.array(z.object({ employee: personOrNull, department: personOrNull, createdAt: iso })),
});
export type ComplaintView = z.infer<typeof complaintSchema>;

/** A row of the close-out worklist (GET /complaints/close-outs). */
export const closeOutItemSchema = z.object({
  ticket: ticketSummarySchema,
  stage: closeOutStageSchema.nullable(),
  requestedBy: personOrNull,
  requestedAt: isoOrNull,
  requestNote: z.string().nullable(),
  qualityOpinion: z.string().nullable(),
  qualityBy: personOrNull,
  assessmentNote: z.string().nullable(),
  assessmentCounts: z.boolean().nullable(),
  assessmentBy: personOrNull,
  approvedBy: personOrNull,
  approvedAt: isoOrNull,
  archivedAt: isoOrNull,
  lastReturn: z
    .object({ from: closeOutStepSchema, reason: z.string().nullable(), by: personOrNull })
    .nullable(),
  evaluation: evaluationResultSchema.nullable(),
});
export type CloseOutItem = z.infer<typeof closeOutItemSchema>;
export const closeOutListSchema = z.object({ items: z.array(closeOutItemSchema) });

/** CMP-8 a cluster of similar complaints (GET /complaints/clusters). */
export const clusterSchema = z.object({
  id: z.string(),
  unit: personOrNull,
  product: z.string(),
  cause: z.string(),
  windowStart: iso,
  windowEnd: iso,
  ticketIds: z.array(z.string()),
  count: z.number(),
  department: personOrNull,
  notifiedIds: z.array(z.string()),
  raisedAt: iso,
});
export const clusterListSchema = z.object({ items: z.array(clusterSchema) });

/** CMP-9 praise per employee (GET /praise/summary). */
export const praiseSummarySchema = z.object({
  items: z.array(z.object({ employee: namedSchema, count: z.number() })),
});

/** The department_reply target as the inbox shows it (SLA-3): due time, state, overdue the moment it is. */
export const departmentReplyDueSchema = z.object({
  state: slaTargetStateSchema,
  dueAt: isoOrNull,
  atRiskAt: isoOrNull,
  overdue: z.boolean(),
});
export type DepartmentReplyDue = z.infer<typeof departmentReplyDueSchema>;
export const inboxItemSchema = ticketSummarySchema.extend({
  departmentReply: departmentReplyDueSchema.nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
/** GET /department-inbox: the caller's departments and their tickets awaiting a reply. */
export const departmentInboxSchema = z.object({
  departments: z.array(namedSchema),
  items: z.array(inboxItemSchema),
});
export type DepartmentInbox = z.infer<typeof departmentInboxSchema>;
