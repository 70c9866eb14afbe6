// Survey API paths and the call form's invitation (docs/api-surveys.md); the other shapes are src/shared/surveys.ts.
import type { SurveyAnswers, SurveyQuestion } from '../../../shared/surveys';

export const SURVEY_PERM = { read: 'surveys.read', manage: 'surveys.manage' } as const;

export interface Invitation {
  id: string;
  unitId: string;
  storeName: string;
  title: string;
  templateCode: string;
  questions: SurveyQuestion[];
  subjectType: string;
  subjectId: string;
  employeeId: string | null;
  delivery: string;
  state: 'open' | 'answered' | 'expired';
  response: { followUpTicketId: string | null; detractor: boolean; answers: SurveyAnswers } | null;
}

export const SURVEYS_API = '/api/v1/surveys';
export const PUBLIC_SURVEYS_API = '/api/v1/public/surveys';
