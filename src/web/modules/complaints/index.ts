// What the ticket detail page may embed from the complaints module.
export { CloseOutApprovalsPage } from './close-out-approvals-page';
export { CloseOutRequestForm, CommitmentForm, EvaluationForm, ProgressForm } from './complaint-forms';
export * from './complaint-types';
