/** Public API of journeys (JRN-1…8): staged processes as versioned templates. */
export {
  advance,
  checkTemplate,
  JOURNEY_RULES,
  leadTimeDue,
  MAX_DISCOUNT_FEN,
  missingToLeave,
  nothingMissing,
  paymentSchedule,
  ruleViolations,
  startJourney,
  templateFor,
  tileBoxesToStock,
} from './journeys';
export type {
  AdvanceError,
  JourneyRecord,
  JourneyRule,
  JourneyTemplate,
  MissingItems,
  StageDefinition,
  StageLeadTime,
  StageLimit,
  StageNext,
  StagePayment,
  TemplateError,
} from './journeys';
export {
  COMMISSIONING_ENTRY,
  DELIVERY_INSTALLATION,
  ECOMMERCE_AFTER_SALES,
  HOME_DECORATION,
  LEFTOVER_ISSUE,
  REAL_ESTATE_PHASES,
  SHIPPED_JOURNEY_TEMPLATES,
  TILE_SHOP_ORDER,
  TRAINING_ENROLMENT,
} from './journeys.templates';
