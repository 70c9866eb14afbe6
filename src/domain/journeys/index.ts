/** Public API of journeys (JRN-1…8): staged processes as versioned templates. */
export {
  advance,
  checkTemplate,
  missingToLeave,
  paymentSchedule,
  startJourney,
  templateFor,
} from './journeys';
export type {
  AdvanceError,
  JourneyRecord,
  JourneyTemplate,
  MissingItems,
  StageDefinition,
  StageLimit,
  StageNext,
  StagePayment,
  TemplateError,
} from './journeys';
export {
  DELIVERY_INSTALLATION,
  HOME_DECORATION,
  LEFTOVER_ISSUE,
  SHIPPED_JOURNEY_TEMPLATES,
} from './journeys.templates';
