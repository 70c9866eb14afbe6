import { z } from 'zod';
import { CLOSE_OUT_STEPS } from '../../../domain/tickets/close-out';
import {
  CAUSE_ANALYSIS_TRIGGERS,
  CORRECTIVE_ACTIONS,
  EMOTIONAL_STATES,
  EVALUATION_RESULTS,
  MEETING_DEPARTMENTS,
  PROGRESS_KINDS,
} from '../../../domain/tickets/complaints';

/** Request schemas of department handling and complaints (CMP-*, SAT-2); bodies are strict. */
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
export const nonconformityQuery = z.strictObject({ unitId: z.uuid(), ...period });
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
