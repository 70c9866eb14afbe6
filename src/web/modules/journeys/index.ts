// What the ticket and work-order pages reuse from the journeys module.
export { SubjectJourneysCard } from './subject-journeys';
