/**
 * Survey questions and answers (SAT-2, SAT-3): the shapes a template is made of and the check an
 * answer sheet must pass. Pure: no clock, no database.
 */

/** Kinds of question a template may hold. */
export const QUESTION_KINDS = [
  'csat', // 1–5 satisfaction score (CSAT)
  'nps', // 0–10 likelihood to recommend (NPS)
  'satisfaction', // SAT-2: 满意 / 基本满意 / 不满意
  'rating', // custom 1–N stars
  'single', // one choice
  'multiple', // several choices
  'text', // free comment
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

export interface QuestionOption {
  value: string;
  label: string;
}

export interface SurveyQuestion {
  /** Stable within a template: answers are keyed by it. */
  id: string;
  kind: QuestionKind;
  label: string;
  required: boolean;
  /** single / multiple only. */
  options?: QuestionOption[];
  /** rating only: the top of the scale (default 5). */
  scaleMax?: number;
}

export type AnswerValue = number | string | string[];
export type SurveyAnswers = Record<string, AnswerValue>;

export type SurveyRuleCode =
  'answer_missing' | 'answer_invalid' | 'unknown_question' | 'template_empty' | 'question_invalid';

/** A broken rule of a survey; the server turns it into a 400 with the question named. */
export class SurveyRuleError extends Error {
  constructor(
    readonly code: SurveyRuleCode,
    readonly questionId: string | null,
  ) {
    super(`${code}${questionId ? `: ${questionId}` : ''}`);
  }
}

const TEXT_MAX = 2000;

/** The allowed range of a numeric question, or null for a non-numeric one. */
export function scaleOf(q: SurveyQuestion): { min: number; max: number } | null {
  if (q.kind === 'csat') return { min: 1, max: 5 };
  if (q.kind === 'nps') return { min: 0, max: 10 };
  if (q.kind === 'rating') return { min: 1, max: q.scaleMax ?? 5 };
  return null;
}

/** Options a choice question offers (satisfaction has its three fixed levels). */
export function optionValuesOf(q: SurveyQuestion): string[] {
  if (q.kind === 'satisfaction') return [...SATISFACTION_LEVELS];
  return (q.options ?? []).map((o) => o.value);
}

/** Checks a template's questions: ids unique, choices with options, scales sane. */
export function validateQuestions(questions: readonly SurveyQuestion[]): void {
  if (questions.length === 0) throw new SurveyRuleError('template_empty', null);
  const seen = new Set<string>();
  for (const q of questions) {
    if (seen.has(q.id)) throw new SurveyRuleError('question_invalid', q.id);
    seen.add(q.id);
    if ((q.kind === 'single' || q.kind === 'multiple') && (q.options ?? []).length < 2)
      throw new SurveyRuleError('question_invalid', q.id);
    if (q.options && new Set(q.options.map((o) => o.value)).size !== q.options.length)
      throw new SurveyRuleError('question_invalid', q.id);
    if (q.kind === 'rating' && q.scaleMax !== undefined && (q.scaleMax < 2 || q.scaleMax > 10))
      throw new SurveyRuleError('question_invalid', q.id);
  }
}

/**
 * SAT-3: checks an answer sheet against the questions it answers and returns it cleaned (text
 * trimmed, empty optional answers dropped). Unknown question ids and out-of-range values are refused.
 */
export function validateAnswers(questions: readonly SurveyQuestion[], answers: SurveyAnswers): SurveyAnswers {
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) if (!byId.has(id)) throw new SurveyRuleError('unknown_question', id);
  const clean: SurveyAnswers = {};
  for (const q of questions) {
    const raw = answers[q.id];
    const empty =
      raw === undefined ||
      (typeof raw === 'string' && raw.trim() === '') ||
      (Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (q.required) throw new SurveyRuleError('answer_missing', q.id);
      continue;
    }
    const scale = scaleOf(q);
    if (scale) {
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < scale.min || raw > scale.max)
        throw new SurveyRuleError('answer_invalid', q.id);
      clean[q.id] = raw;
    } else if (q.kind === 'text') {
      if (typeof raw !== 'string' || raw.trim().length > TEXT_MAX)
        throw new SurveyRuleError('answer_invalid', q.id);
      clean[q.id] = raw.trim();
    } else if (q.kind === 'multiple') {
      const allowed = optionValuesOf(q);
      if (!Array.isArray(raw) || raw.some((v) => !allowed.includes(v)) || new Set(raw).size !== raw.length)
        throw new SurveyRuleError('answer_invalid', q.id);
      clean[q.id] = [...raw];
    } else {
      if (typeof raw !== 'string' || !optionValuesOf(q).includes(raw))
        throw new SurveyRuleError('answer_invalid', q.id);
      clean[q.id] = raw;
    }
  }
  return clean;
}
