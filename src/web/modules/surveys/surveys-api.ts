// Survey API types and paths (docs/api-surveys.md).
export const SURVEY_PERM = { read: 'surveys.read', manage: 'surveys.manage' } as const;

export type QuestionKind = 'csat' | 'nps' | 'satisfaction' | 'rating' | 'single' | 'multiple' | 'text';
export interface SurveyQuestion {
  id: string;
  kind: QuestionKind;
  label: string;
  required: boolean;
  options?: { value: string; label: string }[];
  scaleMax?: number;
}
export type AnswerValue = number | string | string[];
export type SurveyAnswers = Record<string, AnswerValue>;

export interface SurveyTemplate {
  code: string;
  name: string;
  description: string;
  questions: SurveyQuestion[];
  shipped: boolean;
  ownerUnitId: string | null;
  version: number | null;
}

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

export interface NpsBreakdown {
  promoters: number;
  passives: number;
  detractors: number;
  total: number;
  score: number | null;
}
export interface Summary {
  responses: number;
  csatAverage: number | null;
  csatSatisfiedRate: number | null;
  nps: NpsBreakdown;
  detractors: number;
}
export interface SurveyResults {
  summary: Summary & { invited: number; responseRate: number | null };
  trend: { week: string; responses: number; csatAverage: number | null; nps: number | null }[];
  distributions: {
    templateCode: string;
    title: string;
    questions: {
      questionId: string;
      label: string;
      kind: QuestionKind;
      counts: { value: string; count: number }[];
      answered: number;
      options?: { value: string; label: string }[];
    }[];
  }[];
  employees: (Summary & { employeeId: string; name: string })[];
  comments: {
    invitationId: string;
    respondedAt: string;
    templateCode: string;
    csat: number | null;
    nps: number | null;
    satisfaction: string | null;
    comment: string;
    employeeName: string | null;
    subjectType: string;
    subjectId: string;
    followUpTicketId: string | null;
  }[];
  truncated: boolean;
}

export interface WeeklySummary {
  id: string;
  unitId: string;
  week: string;
  periodStart: string;
  periodEnd: string;
  summary: Summary & {
    unitName: string;
    invited: number;
    employees: (Summary & { employeeId: string; name: string })[];
  };
  createdAt: string;
}

export const SURVEYS_API = '/api/v1/surveys';
export const PUBLIC_SURVEYS_API = '/api/v1/public/surveys';
