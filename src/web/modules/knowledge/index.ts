// What other modules use from knowledge: the suggestion panel beside the intake form.
export { KnowledgeSuggestions } from './knowledge-suggestions';
