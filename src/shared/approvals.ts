/**
 * The approval engine's API (审批): the inbox, one request with its steps, approve / send back,
 * chain rules per unit and delegates while away.
 */
import { z } from 'zod';
import { instantString, pagination, type Labels } from './common';

export const APPROVAL_STATUSES = ['pending', 'approved', 'sent_back', 'withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const APPROVAL_STATUS_LABELS: Labels<ApprovalStatus> = {
  pending: { zh: '审批中', en: 'Pending' },
  approved: { zh: '已批准', en: 'Approved' },
  sent_back: { zh: '已退回', en: 'Sent back' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

const code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, '只能用小写字母、数字和下划线 / lower-case letters, digits and _');

/** A stage's time limit in working time on the unit's calendar (SLA-2), run by the SLA engine. */
export const approvalTimeLimitSchema = z.strictObject({
  unit: z.enum(['working_hours', 'working_days']),
  amount: z.number().int().min(1).max(240),
});

export const approvalStageSchema = z.strictObject({
  key: code,
  /** A stage named by its subject (a journey approval's own steps); absent: the shipped label or the key. */
  nameZh: z.string().trim().min(1).max(60).optional(),
  nameEn: z.string().trim().min(1).max(80).optional(),
  roles: z.array(code).min(1).max(10),
  mode: z.enum(['any', 'all']),
  timeLimit: approvalTimeLimitSchema.nullable().optional(),
  /** Where a send-back from this stage goes (CMP-5: one stage back); absent: to the requester. */
  sendBack: z.enum(['requester', 'previous_stage']).optional(),
});

/** Where the current stage stands against its time limit (SLA-8), as the inbox shows it. */
export const APPROVAL_DUE_STATES = ['on_track', 'at_risk', 'overdue'] as const;
export type ApprovalDueState = (typeof APPROVAL_DUE_STATES)[number];
export const APPROVAL_DUE_STATE_LABELS: Labels<ApprovalDueState> = {
  on_track: { zh: '未到期', en: 'On track' },
  at_risk: { zh: '即将到期', en: 'Due soon' },
  overdue: { zh: '已超时', en: 'Overdue' },
};

export const approvalChainSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.string(),
  position: z.number(),
  nameZh: z.string(),
  nameEn: z.string(),
  minAmountFen: z.number().nullable(),
  maxAmountFen: z.number().nullable(),
  unitKinds: z.array(z.string()).nullable(),
  stages: z.array(approvalStageSchema),
});
export type ApprovalChain = z.infer<typeof approvalChainSchema>;

export const chainsQuery = z.strictObject({ unitId: z.uuid() });
export const replaceChainsBody = z.strictObject({
  unitId: z.uuid(),
  chains: z
    .array(
      z.strictObject({
        kind: code,
        nameZh: z.string().trim().min(1).max(100),
        nameEn: z.string().trim().min(1).max(100),
        minAmountFen: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
        maxAmountFen: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
        unitKinds: z.array(code).max(10).nullable().optional(),
        stages: z.array(approvalStageSchema).min(1).max(10),
      }),
    )
    .max(100),
});

export const approvalStepSchema = z.object({
  round: z.number(),
  stage: z.string(),
  role: z.string(),
  decision: z.enum(['approved', 'sent_back']),
  by: z.string(),
  byName: z.string(),
  onBehalfOf: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  reason: z.string().nullable(),
  /** A send-back to an earlier stage: that stage's key (null: to the requester). */
  returnedTo: z.string().nullable().optional(),
  at: instantString,
});

export const approvalRequestSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  kind: z.string(),
  title: z.string(),
  amountFen: z.number().nullable(),
  requesterId: z.string(),
  requesterName: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  round: z.number(),
  stages: z.array(approvalStageSchema),
  currentStage: z.string().nullable(),
  awaitedRoles: z.array(z.string()),
  steps: z.array(approvalStepSchema),
  /** The current stage's time limit: when it is due and how it stands (null: no limit, or not pending). */
  due: z.object({ stage: z.string(), dueAt: instantString, state: z.enum(APPROVAL_DUE_STATES) }).nullable(),
  /** What the caller may do now. */
  can: z.object({ decide: z.boolean() }),
  createdAt: instantString,
  updatedAt: instantString,
});
export type ApprovalRequestView = z.infer<typeof approvalRequestSchema>;

export const inboxQuery = z.strictObject({
  ...pagination,
  /** The caller's own requests are paged on their own (newest change first). */
  minePage: pagination.page,
  minePageSize: pagination.pageSize,
});

export const approvalInboxSchema = z.object({
  /** Waiting for the caller (or someone they stand in for): one page, soonest due first. */
  waiting: z.array(approvalRequestSchema),
  /** How many wait for the caller in all. */
  waitingTotal: z.number(),
  /** The caller's own requests still open or sent back to them: one page, newest change first. */
  mine: z.array(approvalRequestSchema),
  /** How many of the caller's own requests are open or sent back in all. */
  mineTotal: z.number(),
});

export const sendBackBody = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

export const delegationSchema = z.object({
  id: z.string(),
  fromUserId: z.string(),
  fromName: z.string(),
  toUserId: z.string(),
  toName: z.string(),
  startsAt: instantString,
  endsAt: instantString,
  reason: z.string().nullable(),
  revokedAt: instantString.nullable(),
});
export type DelegationView = z.infer<typeof delegationSchema>;
export const createDelegationBody = z
  .strictObject({
    toUserId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().max(200).nullable().optional(),
  })
  .refine((d) => Date.parse(d.endsAt) > Date.parse(d.startsAt), {
    path: ['endsAt'],
    message: '结束时间须晚于开始时间 / ends after it starts',
  });
