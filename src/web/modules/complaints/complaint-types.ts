// The complaint API's shapes and enums come from src/shared/complaints.ts (z.infer); only the
// web's own constants live here.
export {
  CAUSE_ANALYSIS_TRIGGERS,
  CLOSE_OUT_STEPS,
  EVALUATION_RESULTS,
  PROGRESS_KINDS,
} from '../../../shared/complaints';
export type {
  CauseAnalysisTrigger,
  CauseAnalysisView,
  CloseOutChain,
  CloseOutItem,
  CloseOutStage,
  CloseOutStep,
  ComplaintSettingsView as ComplaintSettings,
  ComplaintView,
  EvaluationResult,
  ProgressKind,
} from '../../../shared/complaints';

/** The permission of each step; holders of any of them see the close-out worklist. */
export const CLOSE_OUT_PERMS = [
  'complaints.close_out.quality',
  'complaints.close_out.assessment',
  'complaints.approve',
] as const;

export const CLOSE_OUT_VIEWS = ['mine', 'open', 'filed'] as const;
export type CloseOutView = (typeof CLOSE_OUT_VIEWS)[number];

export const CLOSE_OUTS_KEY = 'complaint-close-outs';
export const complaintKey = (ticketId: string) => ['complaint', ticketId] as const;
