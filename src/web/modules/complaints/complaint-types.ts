import type { TicketSummary } from '../tickets/ticket-types';

export const CLOSE_OUT_STATES = ['pending', 'approved', 'rejected'] as const;
export type CloseOutState = (typeof CLOSE_OUT_STATES)[number];

export const EVALUATION_RESULTS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];

export const PROGRESS_KINDS = ['progress', 'verified', 'second_response', 'result'] as const;
export type ProgressKind = (typeof PROGRESS_KINDS)[number];

type Named = { id: string; name: string } | null;

/** A close-out request as the GM's approval list shows it (CMP-5). */
export interface CloseOutRequest {
  ticket: TicketSummary;
  opinion: string | null;
  assessment: { counts: boolean; note?: string | null } | null;
  state: CloseOutState | null;
  requestedBy: Named;
  requestedAt: string | null;
  decidedBy: Named;
  decidedAt: string | null;
  rejectReason: string | null;
  evaluation: EvaluationResult | null;
}

export const CLOSE_OUTS_KEY = 'complaint-close-outs';
export const complaintKey = (ticketId: string) => ['complaint', ticketId] as const;
