import { describe, expect, it } from 'vitest';
import {
  csatAverage,
  distributionOf,
  isDetractor,
  npsOf,
  previousWeek,
  scoreResponse,
  SHIPPED_SURVEY_TEMPLATES,
  SurveyRuleError,
  validateAnswers,
  validateQuestions,
  weekContaining,
  type SurveyQuestion,
} from './index';

const csatSurvey = SHIPPED_SURVEY_TEMPLATES.find((t) => t.code === 'csat_after_service')!.questions;
const ruleOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SurveyRuleError);
    return { code: (err as SurveyRuleError).code, questionId: (err as SurveyRuleError).questionId };
  }
  throw new Error('expected a SurveyRuleError');
};

describe('survey answers (SAT-3)', () => {
  it('SAT-3: CSAT is 1–5, NPS 0–10; required answers, choices and unknown questions are checked', () => {
    expect(validateAnswers(csatSurvey, { csat: 5, aspects: ['attitude'], comment: '  很好 ' })).toEqual({
      csat: 5,
      aspects: ['attitude'],
      comment: '很好',
    });
    expect(validateAnswers(csatSurvey, { csat: 3, comment: '' })).toEqual({ csat: 3 });
    expect(ruleOf(() => validateAnswers(csatSurvey, {}))).toEqual({
      code: 'answer_missing',
      questionId: 'csat',
    });
    expect(ruleOf(() => validateAnswers(csatSurvey, { csat: 6 })).code).toBe('answer_invalid');
    expect(ruleOf(() => validateAnswers(csatSurvey, { csat: 0 })).code).toBe('answer_invalid');
    expect(ruleOf(() => validateAnswers(csatSurvey, { csat: 4.5 })).code).toBe('answer_invalid');
    expect(ruleOf(() => validateAnswers(csatSurvey, { csat: 4, aspects: ['bogus'] })).code).toBe(
      'answer_invalid',
    );
    expect(ruleOf(() => validateAnswers(csatSurvey, { csat: 4, extra: 1 }))).toEqual({
      code: 'unknown_question',
      questionId: 'extra',
    });
    const nps: SurveyQuestion[] = [{ id: 'n', kind: 'nps', label: 'n', required: true }];
    expect(validateAnswers(nps, { n: 0 })).toEqual({ n: 0 });
    expect(validateAnswers(nps, { n: 10 })).toEqual({ n: 10 });
    expect(ruleOf(() => validateAnswers(nps, { n: 11 })).code).toBe('answer_invalid');
  });

  it('SAT-3: a custom template needs options on choice questions and unique ids', () => {
    expect(ruleOf(() => validateQuestions([]))).toEqual({ code: 'template_empty', questionId: null });
    expect(
      ruleOf(() => validateQuestions([{ id: 'a', kind: 'single', label: 'a', required: true, options: [] }])),
    ).toEqual({ code: 'question_invalid', questionId: 'a' });
    const q: SurveyQuestion = { id: 'a', kind: 'text', label: 'a', required: false };
    expect(ruleOf(() => validateQuestions([q, q])).code).toBe('question_invalid');
    for (const t of SHIPPED_SURVEY_TEMPLATES) expect(() => validateQuestions(t.questions)).not.toThrow();
  });
});

describe('satisfaction scores (SAT-3, SAT-4)', () => {
  it('SAT-3: a detractor is dissatisfied, CSAT ≤ 2 or NPS ≤ 6 — nothing else', () => {
    const none = { csat: null, nps: null, satisfaction: null };
    expect(isDetractor({ ...none, csat: 2 })).toBe(true);
    expect(isDetractor({ ...none, csat: 3 })).toBe(false);
    expect(isDetractor({ ...none, nps: 6 })).toBe(true);
    expect(isDetractor({ ...none, nps: 7 })).toBe(false);
    expect(isDetractor({ ...none, satisfaction: 'dissatisfied' })).toBe(true);
    expect(isDetractor({ ...none, satisfaction: 'basically_satisfied' })).toBe(false);
    expect(isDetractor(none)).toBe(false);
  });

  it('SAT-3: a response carries its CSAT, NPS, SAT-2 level and comment', () => {
    expect(scoreResponse(csatSurvey, { csat: 1, comment: '师傅迟到' })).toEqual({
      csat: 1,
      nps: null,
      satisfaction: null,
      comment: '师傅迟到',
      detractor: true,
    });
    const sat2 = SHIPPED_SURVEY_TEMPLATES.find((t) => t.code === 'complaint_result')!.questions;
    expect(scoreResponse(sat2, { result: 'satisfied' }).detractor).toBe(false);
    expect(scoreResponse(sat2, { result: 'dissatisfied' }).detractor).toBe(true);
  });

  it('SAT-4: CSAT average and NPS = % promoters − % detractors', () => {
    expect(csatAverage([])).toBeNull();
    expect(csatAverage([5, 4, 4])).toBe(4.33);
    // 3 promoters (9, 10, 9), 2 passives (7, 8), 5 detractors (0–6) of 10 → 30% − 50% = −20.
    expect(npsOf([9, 10, 9, 7, 8, 0, 3, 6, 5, 1])).toEqual({
      promoters: 3,
      passives: 2,
      detractors: 5,
      total: 10,
      score: -20,
    });
    expect(npsOf([]).score).toBeNull();
    expect(npsOf([10, 10]).score).toBe(100);
  });

  it('SAT-4: the distribution counts every value of each question, zeros included', () => {
    const [csatDist, aspects] = distributionOf(csatSurvey, [
      { csat: 5, aspects: ['attitude', 'speed'] },
      { csat: 5 },
      { csat: 2, aspects: ['speed'] },
    ]);
    expect(csatDist!.counts).toEqual([
      { value: '1', count: 0 },
      { value: '2', count: 1 },
      { value: '3', count: 0 },
      { value: '4', count: 0 },
      { value: '5', count: 2 },
    ]);
    expect(aspects!.answered).toBe(2);
    expect(aspects!.counts.find((c) => c.value === 'speed')!.count).toBe(2);
  });

  it('SAT-4: the Monday summary reports the previous Mon–Sun week in Asia/Shanghai', () => {
    // Monday 2026-11-23 00:30 in Shanghai is Sunday 16:30 UTC.
    const mondayMorning = new Date('2026-11-22T16:30:00Z');
    const week = previousWeek(mondayMorning, 'Asia/Shanghai');
    expect(week).toEqual({
      week: '2026-W47',
      monday: '2026-11-16',
      sunday: '2026-11-22',
      start: new Date('2026-11-15T16:00:00Z'),
      end: new Date('2026-11-22T16:00:00Z'),
    });
    // Sunday 23:59 Shanghai still belongs to that week.
    expect(weekContaining(new Date('2026-11-22T15:59:00Z'), 'Asia/Shanghai').week).toBe('2026-W47');
    // ISO years: 2026-01-01 (Thursday) is in 2026-W01; 2027-01-01 (Friday) is in 2026-W53.
    expect(weekContaining(new Date('2026-01-01T04:00:00Z'), 'Asia/Shanghai').week).toBe('2026-W01');
    expect(weekContaining(new Date('2027-01-01T04:00:00Z'), 'Asia/Shanghai').week).toBe('2026-W53');
  });
});
