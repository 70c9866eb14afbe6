// What other modules use from surveys: the call form (care worklist) and the API types.
export { SurveyForm, type SurveyFormProps } from './survey-form';
export { SurveyResultsBox } from './survey-results-box';
export type { Invitation } from './surveys-api';
export type { SurveyAnswers, SurveyQuestion } from '../../../shared/surveys';
