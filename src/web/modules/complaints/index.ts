// What the ticket detail page may embed from the complaints module.
export { CloseOutChainPanel } from './close-out-chain';
export { CommitmentForm, EvaluationForm, ProgressForm } from './complaint-forms';
export * from './complaint-types';
