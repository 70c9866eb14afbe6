// What other modules use from knowledge: the suggestion panel beside the intake form, the ticket page's "write a case" button.
export { KnowledgeSuggestions } from './knowledge-suggestions';
export { WriteCaseButton } from './write-case-button';
