/**
 * Satisfaction scoring (SAT-3, SAT-4): a response's headline scores, the detractor rule, CSAT
 * averages, NPS and per-question distributions. Pure functions over plain values.
 */
import {
  optionValuesOf,
  type QuestionOption,
  scaleOf,
  type SatisfactionLevel,
  type SurveyAnswers,
  type SurveyQuestion,
} from './questions';

export interface ResponseScores {
  /** First CSAT answer (1–5), if the survey asked one. */
  csat: number | null;
  /** First NPS answer (0–10), if asked. */
  nps: number | null;
  /** First SAT-2 satisfaction answer, if asked. */
  satisfaction: SatisfactionLevel | null;
  /** The free-text answers joined, for the comment list. */
  comment: string | null;
  detractor: boolean;
}

/**
 * The detractor rule: a customer who said 不满意, gave CSAT ≤ 2, or NPS ≤ 6 gets a follow-up.
 * Unanswered scores never make a detractor.
 */
export function isDetractor(s: Pick<ResponseScores, 'csat' | 'nps' | 'satisfaction'>): boolean {
  return (
    s.satisfaction === 'dissatisfied' || (s.csat !== null && s.csat <= 2) || (s.nps !== null && s.nps <= 6)
  );
}

/** Headline scores of one (validated) answer sheet. */
export function scoreResponse(questions: readonly SurveyQuestion[], answers: SurveyAnswers): ResponseScores {
  const first = (kind: SurveyQuestion['kind']) => {
    const q = questions.find((x) => x.kind === kind && answers[x.id] !== undefined);
    return q ? answers[q.id] : undefined;
  };
  const csat = first('csat');
  const nps = first('nps');
  const satisfaction = first('satisfaction');
  const texts = questions
    .filter((q) => q.kind === 'text')
    .map((q) => answers[q.id])
    .filter((v): v is string => typeof v === 'string' && v !== '');
  const scores = {
    csat: typeof csat === 'number' ? csat : null,
    nps: typeof nps === 'number' ? nps : null,
    satisfaction: typeof satisfaction === 'string' ? (satisfaction as SatisfactionLevel) : null,
    comment: texts.length > 0 ? texts.join('\n') : null,
  };
  return { ...scores, detractor: isDetractor(scores) };
}

/** Mean CSAT to two decimals, or null with no scores. */
export function csatAverage(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100;
}

/** Share of CSAT scores of 4 or 5 (satisfied), in percent to one decimal. */
export function csatSatisfiedRate(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.filter((s) => s >= 4).length / scores.length) * 1000) / 10;
}

export interface NpsBreakdown {
  promoters: number;
  passives: number;
  detractors: number;
  total: number;
  /** % promoters (9–10) − % detractors (0–6), rounded to a whole number; null with no answers. */
  score: number | null;
}

/** NPS = % promoters − % detractors. */
export function npsOf(scores: readonly number[]): NpsBreakdown {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const total = scores.length;
  return {
    promoters,
    passives: total - promoters - detractors,
    detractors,
    total,
    score: total === 0 ? null : Math.round(((promoters - detractors) / total) * 100),
  };
}

export interface QuestionDistribution {
  questionId: string;
  label: string;
  kind: SurveyQuestion['kind'];
  /** Each possible value with how many answered it (scales from min to max, choices in order). */
  counts: { value: string; count: number }[];
  answered: number;
  /** Choice labels, for single / multiple questions. */
  options?: QuestionOption[];
}

/** How the answers to each non-text question spread over its values. */
export function distributionOf(
  questions: readonly SurveyQuestion[],
  sheets: readonly SurveyAnswers[],
): QuestionDistribution[] {
  return questions
    .filter((q) => q.kind !== 'text')
    .map((q) => {
      const scale = scaleOf(q);
      const values = scale
        ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => String(scale.min + i))
        : optionValuesOf(q);
      const counts = new Map(values.map((v) => [v, 0]));
      let answered = 0;
      for (const sheet of sheets) {
        const a = sheet[q.id];
        if (a === undefined) continue;
        answered += 1;
        for (const v of Array.isArray(a) ? a : [String(a)])
          if (counts.has(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      return {
        questionId: q.id,
        label: q.label,
        kind: q.kind,
        counts: [...counts].map(([value, count]) => ({ value, count })),
        answered,
        ...(q.options ? { options: q.options } : {}),
      };
    });
}

export interface ScoredResponse {
  csat: number | null;
  nps: number | null;
  detractor: boolean;
}

export interface ResponseSummary {
  responses: number;
  csatAverage: number | null;
  csatSatisfiedRate: number | null;
  nps: NpsBreakdown;
  detractors: number;
}

/** SAT-4: the headline figures of a set of responses (a week, a unit, an employee). */
export function summariseResponses(rows: readonly ScoredResponse[]): ResponseSummary {
  const csat = rows.map((r) => r.csat).filter((v): v is number => v !== null);
  const nps = rows.map((r) => r.nps).filter((v): v is number => v !== null);
  return {
    responses: rows.length,
    csatAverage: csatAverage(csat),
    csatSatisfiedRate: csatSatisfiedRate(csat),
    nps: npsOf(nps),
    detractors: rows.filter((r) => r.detractor).length,
  };
}
