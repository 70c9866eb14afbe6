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
import { CLOSE_OUT_STAGES, CLOSE_OUT_STEPS } from '../../../domain/tickets/close-out';
import {
  CAUSE_ANALYSIS_REASONS,
  CAUSE_ANALYSIS_TRIGGERS,
  EVALUATION_RESULTS,
  MEETING_CONVENOR,
  MEETING_MINUTES_KEEPER,
  type EmotionalState,
  type MeetingDepartment,
} from '../../../domain/tickets/complaints';
import { organisationUnits, users } from '../org/org.table';
import { tickets } from '../tickets/tickets.table';

/** CMP-1: what the agent heard, field by field. */
export interface ComplaintDetails {
  when?: string | null;
  where?: string | null;
  whatHappened?: string | null;
  peopleInvolved?: string | null;
  departmentsInvolved?: string | null;
  emotionalState?: EmotionalState | null;
  customerRequest?: string | null;
}

/**
 * The complaint record (投诉记录) of a ticket, one per ticket, made on first use: CMP-1 details,
 * product/cause/defect for CMP-8 and CMP-10, the claim for CMP-4, the committed date (SLA-3/5),
 * the close-out chain (CMP-5) and the customer's evaluation (SAT-2).
 */
export const complaintRecords = pgTable(
  'complaint_records',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id),
    /** The ticket's unit, copied so statistics and clusters group by it without a join. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    /** The ticket's receivedAt, copied for the CMP-8 window and CMP-10 periods. */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    details: jsonb('details').$type<ComplaintDetails>().notNull().default({}),
    product: text('product'),
    cause: text('cause'),
    defect: text('defect'),
    /** CMP-10: the complaint is caused by the product (counted in nonconformity statistics). */
    productCaused: boolean('product_caused').notNull().default(false),
    claimAmountFen: integer('claim_amount_fen'),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    /**
     * CMP-5 close-out chain (domain/tickets/close-out.ts): the stage it waits at, the agent's
     * request, each owner's step (text, who, when), the last send-back and the filing.
     */
    closeOutStage: text('close_out_stage', { enum: CLOSE_OUT_STAGES }),
    closeOutRequestNote: text('close_out_request_note'),
    closeOutQualityOpinion: text('close_out_quality_opinion'),
    closeOutQualityBy: uuid('close_out_quality_by').references(() => users.id),
    closeOutQualityAt: timestamp('close_out_quality_at', { withTimezone: true }),
    closeOutAssessmentNote: text('close_out_assessment_note'),
    /** Whether the complaint counts in the responsible department's assessment (RPT-3); null until the step is done. */
    closeOutAssessmentCounts: boolean('close_out_assessment_counts'),
    closeOutAssessmentBy: uuid('close_out_assessment_by').references(() => users.id),
    closeOutAssessmentAt: timestamp('close_out_assessment_at', { withTimezone: true }),
    closeOutApprovalNote: text('close_out_approval_note'),
    closeOutApprovedBy: uuid('close_out_approved_by').references(() => users.id),
    closeOutApprovedAt: timestamp('close_out_approved_at', { withTimezone: true }),
    closeOutReturnedFrom: text('close_out_returned_from', { enum: CLOSE_OUT_STEPS }),
    closeOutReturnReason: text('close_out_return_reason'),
    closeOutReturnedBy: uuid('close_out_returned_by').references(() => users.id),
    closeOutReturnedAt: timestamp('close_out_returned_at', { withTimezone: true }),
    /** 销售归档: filed when the general manager approves (the approver and the instant). */
    archivedBy: uuid('archived_by').references(() => users.id),
    closeOutRequestedBy: uuid('close_out_requested_by').references(() => users.id),
    closeOutRequestedAt: timestamp('close_out_requested_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    evaluationResult: text('evaluation_result', { enum: EVALUATION_RESULTS }),
    evaluationComment: text('evaluation_comment'),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }),
    evaluatedBy: uuid('evaluated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('complaint_records_cluster_idx').on(t.unitId, t.product, t.cause, t.receivedAt),
    index('complaint_records_close_out_stage_idx').on(t.closeOutStage, t.closeOutRequestedAt),
  ],
);

/** CMP-2: a promise to the customer, only with a due date and the approving supervisor. */
export const complaintCommitments = pgTable(
  'complaint_commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    text: text('text').notNull(),
    dueDate: date('due_date').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('complaint_commitments_ticket_idx').on(t.ticketId)],
);

/**
 * CMP-4: the cause-analysis meeting record (原因分析会) of a complaint the unit's trigger selects,
 * convened by the management representative (管代), minutes kept by sales, with its sign-offs.
 */
export const causeAnalyses = pgTable('complaint_cause_analyses', {
  ticketId: uuid('ticket_id')
    .primaryKey()
    .references(() => tickets.id),
  reason: text('reason', { enum: CAUSE_ANALYSIS_REASONS }).notNull(),
  convenor: text('convenor', { enum: [MEETING_CONVENOR] })
    .notNull()
    .default(MEETING_CONVENOR),
  minutesKeeper: text('minutes_keeper').$type<MeetingDepartment>().notNull().default(MEETING_MINUTES_KEEPER),
  invitedDepartments: jsonb('invited_departments').$type<MeetingDepartment[]>().notNull().default([]),
  minutes: text('minutes').notNull().default(''),
  responsibility: text('responsibility').notNull().default(''),
  correctiveAction: text('corrective_action').notNull().default(''),
  preventiveAction: text('preventive_action').notNull().default(''),
  qualityManagerSignedBy: uuid('quality_manager_signed_by').references(() => users.id),
  qualityManagerSignedAt: timestamp('quality_manager_signed_at', { withTimezone: true }),
  generalManagerSignedBy: uuid('general_manager_signed_by').references(() => users.id),
  generalManagerSignedAt: timestamp('general_manager_signed_at', { withTimezone: true }),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Per-unit overrides of the CMP-4 trigger and threshold and the CMP-8 cluster rule; units inherit from above. */
export const complaintSettings = pgTable('complaint_settings', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => organisationUnits.id),
  causeAnalysisTrigger: text('cause_analysis_trigger', { enum: CAUSE_ANALYSIS_TRIGGERS })
    .notNull()
    .default('product_complaints'),
  seriousClaimThresholdFen: integer('serious_claim_threshold_fen').notNull(),
  clusterMinCount: integer('cluster_min_count').notNull(),
  clusterWindowDays: integer('cluster_window_days').notNull(),
  updatedBy: uuid('updated_by')
    .notNull()
    .references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** CMP-8: complaints sharing product and cause within the window; one row per (unit, product, cause, window start). */
export const complaintClusters = pgTable(
  'complaint_clusters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    /** Normalised keys (clusterKey) and the wording of the first complaint, for display. */
    productKey: text('product_key').notNull(),
    causeKey: text('cause_key').notNull(),
    product: text('product').notNull(),
    cause: text('cause').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    ticketIds: jsonb('ticket_ids').$type<string[]>().notNull(),
    departmentId: uuid('department_id').references(() => organisationUnits.id),
    notifiedIds: jsonb('notified_ids').$type<string[]>().notNull().default([]),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('complaint_clusters_window_key').on(t.unitId, t.productKey, t.causeKey, t.windowStart),
    index('complaint_clusters_unit_idx').on(t.unitId, t.raisedAt),
  ],
);

/** CMP-9: a praised employee on a praise ticket; counts in the employee's record. */
export const praiseRecords = pgTable(
  'praise_records',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => users.id),
    departmentId: uuid('department_id').references(() => organisationUnits.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.employeeId] }),
    index('praise_records_unit_received_idx').on(t.unitId, t.receivedAt),
  ],
);
