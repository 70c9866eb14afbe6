import type { TicketSummary } from '../../../shared/tickets';

export const EVALUATION_RESULTS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];

export const PROGRESS_KINDS = ['progress', 'verified', 'second_response', 'result'] as const;
export type ProgressKind = (typeof PROGRESS_KINDS)[number];

/** CMP-5 close-out: the owners' steps in order and where a chain can stand (domain/tickets/close-out.ts). */
export const CLOSE_OUT_STEPS = ['quality_opinion', 'assessment', 'approval'] as const;
export type CloseOutStep = (typeof CLOSE_OUT_STEPS)[number];
export type CloseOutStage = CloseOutStep | 'returned' | 'filed';

/** The permission of each step; holders of any of them see the close-out worklist. */
export const CLOSE_OUT_PERMS = [
  'complaints.close_out.quality',
  'complaints.close_out.assessment',
  'complaints.approve',
] as const;

type Named = { id: string; name: string } | null;

/** The chain as GET /tickets/:id/complaint answers it (`closeOut`), with what the caller may do now. */
export interface CloseOutChain {
  applies: boolean;
  stage: CloseOutStage | null;
  turn: { step: CloseOutStep | 'intake_agent'; holders: { id: string; name: string }[] } | null;
  request: { by: Named; at: string | null; note: string | null } | null;
  steps: { step: CloseOutStep; text: string | null; by: Named; at: string | null }[];
  filed: { by: Named; at: string | null } | null;
  lastReturn: { from: CloseOutStep; reason: string | null; by: Named; at: string | null } | null;
  may: { request: boolean; complete: CloseOutStep | null; sendBack: CloseOutStep | null };
}

/** CMP-4 meeting record as the complaint view carries it. */
export interface CauseAnalysisView {
  reason: 'product_complaint' | 'hard_complaint' | 'claim_over_threshold';
  convenor: string;
  minutesKeeper: string;
  invitedDepartments: string[];
  openedAt: string;
}

export const CLOSE_OUT_VIEWS = ['mine', 'open', 'filed'] as const;
export type CloseOutView = (typeof CLOSE_OUT_VIEWS)[number];

/** A row of the close-out worklist (GET /complaints/close-outs). */
export interface CloseOutItem {
  ticket: TicketSummary;
  stage: CloseOutStage | null;
  requestedBy: Named;
  requestedAt: string | null;
  requestNote: string | null;
  qualityOpinion: string | null;
  qualityBy: Named;
  assessmentNote: string | null;
  assessmentBy: Named;
  approvedBy: Named;
  approvedAt: string | null;
  archivedAt: string | null;
  lastReturn: { from: CloseOutStep; reason: string | null; by: Named } | null;
  evaluation: EvaluationResult | null;
}

/** CMP-4 / CMP-8 rules of a unit (GET/PUT /complaint-settings). */
export const CAUSE_ANALYSIS_TRIGGERS = ['product_complaints', 'serious_only', 'off'] as const;
export type CauseAnalysisTrigger = (typeof CAUSE_ANALYSIS_TRIGGERS)[number];
export interface ComplaintSettings {
  unitId: string;
  causeAnalysisTrigger: CauseAnalysisTrigger;
  seriousClaimThresholdFen: number;
  clusterMinCount: number;
  clusterWindowDays: number;
  source: 'own' | 'inherited' | 'default';
  sourceUnitId: string | null;
}

export const CLOSE_OUTS_KEY = 'complaint-close-outs';
export const complaintKey = (ticketId: string) => ['complaint', ticketId] as const;
