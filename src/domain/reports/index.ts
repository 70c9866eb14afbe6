/** Public API of the report rules (报表 · 考核, RPT-1…7, SLA-9). */
export {
  DEFAULT_CUT_OFF_DAY,
  checkDateRange,
  periodNamed,
  periodOf,
  periodsEndingWith,
  validCutOffDay,
} from './reports.period';
export type { PeriodError, ReportPeriod } from './reports.period';
export {
  ACCOUNTABLE_PARTY_TEXT,
  STEP_ACCOUNTABILITY,
  accountableFor,
  assessTimeliness,
  rate,
  timelinessOutcome,
} from './reports.timeliness';
export type {
  AccountableParty,
  AssessedTarget,
  TimelinessOutcome,
  TimelinessRow,
} from './reports.timeliness';
export {
  DEFAULT_QUALITY_FORM,
  DEFAULT_SAMPLING,
  agentQualityFigures,
  checkQualityForm,
  drawSample,
  reviewAction,
  scoreReview,
  unitHash,
} from './reports.quality';
export type {
  QualityFormItem,
  ReviewAction,
  ReviewActionError,
  ReviewCandidate,
  ReviewState,
  SampleReason,
  SamplingRule,
} from './reports.quality';
export {
  ANSWER_TARGET_SECONDS,
  addTotals,
  hotlineFigures,
  hotlineFiguresOfCalls,
  NO_CALLS,
  totalsOfCall,
} from './reports.hotline';
export type { HotlineCall, HotlineFigures, HotlineTotals } from './reports.hotline';
