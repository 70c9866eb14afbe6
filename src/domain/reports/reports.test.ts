import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLA_TARGET_STATES } from '../sla/sla.target-states';
import {
  ANSWER_TARGET_SECONDS,
  DEFAULT_QUALITY_FORM,
  agentQualityFigures,
  assessTimeliness,
  checkDateRange,
  checkQualityForm,
  drawSample,
  addTotals,
  hotlineFigures,
  hotlineFiguresOfCalls,
  NO_CALLS,
  totalsOfCall,
  periodNamed,
  periodOf,
  periodsEndingWith,
  reviewAction,
  scoreReview,
  timelinessOutcome,
  type AssessedTarget,
  type ReviewCandidate,
} from './index';

const at = (iso: string) => Date.parse(iso);

describe('RPT-2 monthly complaint periods cut on the 25th', () => {
  it('RPT-2: 26 November – 25 December is the December period; the 26th starts the next one', () => {
    expect(periodOf('2026-12-25')).toEqual({
      ok: true,
      period: { label: '2026-12', from: '2026-11-26', to: '2026-12-25' },
    });
    expect(periodOf('2026-12-26')).toEqual({
      ok: true,
      period: { label: '2027-01', from: '2026-12-26', to: '2027-01-25' },
    });
    expect(periodOf('2026-01-10')).toEqual({
      ok: true,
      period: { label: '2026-01', from: '2025-12-26', to: '2026-01-25' },
    });
  });

  it('RPT-2: the cut-off day is configurable per company; 31 means calendar months; 29 and 30 are refused', () => {
    expect(periodNamed('2026-03', 20)).toEqual({
      ok: true,
      period: { label: '2026-03', from: '2026-02-21', to: '2026-03-20' },
    });
    expect(periodNamed('2028-02', 31)).toEqual({
      ok: true,
      period: { label: '2028-02', from: '2028-02-01', to: '2028-02-29' },
    });
    expect(periodOf('2026-02-28', 31)).toMatchObject({ ok: true, period: { label: '2026-02' } });
    expect(periodNamed('2026-03', 30)).toEqual({
      ok: false,
      error: { code: 'reports.cut_off_day_invalid', cutOffDay: 30 },
    });
    expect(periodOf('2026-02-30')).toEqual({
      ok: false,
      error: { code: 'reports.date_invalid', value: '2026-02-30' },
    });
    expect(periodNamed('2026-13')).toMatchObject({
      ok: false,
      error: { code: 'reports.period_label_invalid' },
    });
  });

  it('RPT-2: the trend runs over the previous months, oldest first, across the year end', () => {
    expect(periodsEndingWith('2027-02', 3).map((p) => p.label)).toEqual(['2026-12', '2027-01', '2027-02']);
  });

  it('RPT-2: consecutive periods tile the calendar — every date falls in exactly one, its own', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2150, 11, 31) }),
        fc.constantFrom(1, 10, 25, 28, 31),
        (ms, cutOff) => {
          const date = new Date(ms).toISOString().slice(0, 10);
          const found = periodOf(date, cutOff);
          if (!found.ok) return false;
          const { period } = found;
          const [previous, same] = periodsEndingWith(period.label, 2, cutOff);
          const dayAfter = (iso: string) => new Date(Date.parse(iso) + 86_400_000).toISOString().slice(0, 10);
          return (
            period.from <= date &&
            date <= period.to &&
            same!.label === period.label &&
            dayAfter(previous!.to) === period.from
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('RPT-2: a range that ends before it starts is refused by name', () => {
    expect(checkDateRange('2026-12-01', '2026-11-30')).toEqual({
      code: 'reports.range_reversed',
      from: '2026-12-01',
      to: '2026-11-30',
    });
    expect(checkDateRange('2026-11-01', '2026-11-31')).toEqual({
      code: 'reports.date_invalid',
      value: '2026-11-31',
    });
    expect(checkDateRange('2026-11-01', '2026-11-01')).toBeNull();
  });
});

const target = (over: Partial<AssessedTarget>): AssessedTarget => ({
  id: 't',
  subjectId: 'ticket-1',
  departmentId: 'dept-a',
  step: 'department_reply',
  state: 'met',
  dueAt: at('2026-12-10T10:00:00Z'),
  endedAt: null,
  ...over,
});

describe('RPT-3 department timeliness assessment', () => {
  const asOf = at('2026-12-20T00:00:00Z');
  it('RPT-3 / SLA-10: met counts on time; met late, breached and closed-while-overdue count late; ended before due is excused', () => {
    expect(timelinessOutcome(target({ state: 'met' }), asOf)).toBe('on_time');
    expect(timelinessOutcome(target({ state: 'met_late' }), asOf)).toBe('late');
    expect(timelinessOutcome(target({ state: 'escalated' }), asOf)).toBe('late');
    expect(timelinessOutcome(target({ state: 'ended', endedAt: at('2026-12-11T00:00:00Z') }), asOf)).toBe(
      'late',
    );
    expect(timelinessOutcome(target({ state: 'ended', endedAt: at('2026-12-09T00:00:00Z') }), asOf)).toBe(
      'excused',
    );
    // The scan has not marked it yet: the report still counts an overdue run as late.
    expect(timelinessOutcome(target({ state: 'on_track' }), asOf)).toBe('late');
    expect(timelinessOutcome(target({ state: 'on_track', dueAt: at('2026-12-21T00:00:00Z') }), asOf)).toBe(
      'not_due',
    );
    expect(timelinessOutcome(target({ state: 'pending', dueAt: null }), asOf)).toBe('not_due');
  });

  it('RPT-3: on-time rate per department and step over the runs due in the period, late ones linked to their tickets', () => {
    const rows = assessTimeliness(
      [
        target({ id: '1', subjectId: 'T1', state: 'met' }),
        target({ id: '2', subjectId: 'T2', state: 'met' }),
        target({ id: '3', subjectId: 'T3', state: 'met_late' }),
        target({ id: '4', subjectId: 'T4', state: 'breached', departmentId: 'dept-b' }),
        target({ id: '5', subjectId: 'T5', state: 'met', step: 'first_response', departmentId: 'cs' }),
        // Due outside the period: not counted.
        target({ id: '6', subjectId: 'T6', state: 'met_late', dueAt: at('2026-11-10T00:00:00Z') }),
        // Excused: ended before it fell due.
        target({ id: '7', subjectId: 'T7', state: 'ended', endedAt: at('2026-12-01T00:00:00Z') }),
      ],
      { from: at('2026-11-25T16:00:00Z'), to: at('2026-12-25T16:00:00Z') },
      asOf,
    );
    expect(rows).toEqual([
      {
        departmentId: 'cs',
        step: 'first_response',
        accountable: 'customer_service',
        onTime: 1,
        late: 0,
        onTimeRate: 1,
        lateSubjectIds: [],
      },
      {
        departmentId: 'dept-a',
        step: 'department_reply',
        accountable: 'business_department',
        onTime: 2,
        late: 1,
        onTimeRate: 0.6667,
        lateSubjectIds: ['T3'],
      },
      {
        departmentId: 'dept-b',
        step: 'department_reply',
        accountable: 'business_department',
        onTime: 0,
        late: 1,
        onTimeRate: 0,
        lateSubjectIds: ['T4'],
      },
    ]);
  });

  it('RPT-3: every run due in the period is counted once — on time plus late plus left out equals the runs', () => {
    const states = SLA_TARGET_STATES;
    const run = fc.record({
      state: fc.constantFrom(...states),
      due: fc.integer({ min: 0, max: 100 }),
      ended: fc.integer({ min: 0, max: 100 }),
      dept: fc.constantFrom('a', 'b'),
      step: fc.constantFrom('first_response', 'department_reply'),
    });
    fc.assert(
      fc.property(fc.array(run, { maxLength: 60 }), fc.integer({ min: 0, max: 100 }), (runs, asOf) => {
        const targets = runs.map((r, i) =>
          target({
            id: String(i),
            subjectId: `T${i}`,
            state: r.state,
            dueAt: r.due,
            endedAt: r.state === 'ended' ? r.ended : null,
            departmentId: r.dept,
            step: r.step,
          }),
        );
        const rows = assessTimeliness(targets, { from: 0, to: 101 }, asOf);
        const counted = rows.reduce((n, row) => n + row.onTime + row.late, 0);
        const leftOut = targets.filter((t) =>
          ['not_due', 'excused'].includes(timelinessOutcome(t, asOf)),
        ).length;
        return counted + leftOut === targets.length;
      }),
      { numRuns: 300 },
    );
  });
});

describe('RPT-7 quality review', () => {
  const full = Object.fromEntries(DEFAULT_QUALITY_FORM.map((i) => [i.key, i.maxPoints]));

  it('RPT-7: the shipped form is valid and a review scores as points and a percentage', () => {
    expect(checkQualityForm(DEFAULT_QUALITY_FORM)).toBeNull();
    expect(scoreReview(DEFAULT_QUALITY_FORM, full)).toEqual({
      ok: true,
      points: 100,
      maxPoints: 100,
      percent: 100,
    });
    expect(scoreReview(DEFAULT_QUALITY_FORM, { ...full, accuracy: 12, record: 20 })).toMatchObject({
      ok: true,
      points: 82,
      percent: 82,
    });
  });

  it('RPT-7: a score missing an item, above its maximum or for an unknown item is refused by name', () => {
    const { record: _omitted, ...missing } = full;
    expect(scoreReview(DEFAULT_QUALITY_FORM, missing)).toEqual({
      ok: false,
      error: { code: 'reports.quality_score_missing', key: 'record' },
    });
    expect(scoreReview(DEFAULT_QUALITY_FORM, { ...full, greeting: 11 })).toEqual({
      ok: false,
      error: { code: 'reports.quality_score_out_of_range', key: 'greeting', maxPoints: 10 },
    });
    expect(scoreReview(DEFAULT_QUALITY_FORM, { ...full, mood: 1 })).toMatchObject({
      ok: false,
      error: { code: 'reports.quality_score_unknown_item' },
    });
    expect(checkQualityForm([])).toEqual({ code: 'reports.quality_form_empty' });
    expect(
      checkQualityForm([
        { key: 'a', labelZh: 'a', labelEn: 'a', maxPoints: 5 },
        { key: 'a', labelZh: 'b', labelEn: 'b', maxPoints: 5 },
      ]),
    ).toEqual({ code: 'reports.quality_item_duplicate', key: 'a' });
  });

  it('RPT-7: every complaint and every dissatisfied answer is sampled; the random share is stable for a seed', () => {
    const candidates: ReviewCandidate[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `c${i}`,
      kind: i % 2 ? 'ticket' : 'follow_up',
      agentId: `agent${i % 7}`,
      isComplaint: i % 50 === 0,
      dissatisfied: i % 97 === 0,
    }));
    const rule = { everyComplaint: true, everyDissatisfied: true, randomPercent: 10 };
    const sample = drawSample(candidates, rule, '2026-12');
    const ids = new Set(sample.map((s) => s.candidate.id));
    for (const c of candidates) if (c.isComplaint || c.dissatisfied) expect(ids.has(c.id)).toBe(true);
    const random = sample.filter((s) => s.reason === 'random').length;
    expect(random).toBeGreaterThan(120);
    expect(random).toBeLessThan(280);
    // Drawn again, or with the batch in another order, the same candidates are picked.
    expect(
      drawSample([...candidates].reverse(), rule, '2026-12')
        .map((s) => s.candidate.id)
        .sort(),
    ).toEqual(sample.map((s) => s.candidate.id).sort());
    expect(
      drawSample(candidates, { ...rule, randomPercent: 0 }, 'x').every((s) => s.reason !== 'random'),
    ).toBe(true);
  });

  it('RPT-7: the agent appeals once; another supervisor decides; the reviewer cannot decide their own', () => {
    const review = { state: 'scored' as const, agentId: 'agent', reviewerId: 'sup1' };
    expect(reviewAction(review, 'appeal', 'someone')).toEqual({
      ok: false,
      error: { code: 'reports.quality_appeal_not_yours' },
    });
    expect(reviewAction(review, 'appeal', 'agent')).toEqual({ ok: true, to: 'appealed' });
    const appealed = { ...review, state: 'appealed' as const };
    expect(reviewAction(appealed, 'appeal', 'agent')).toMatchObject({
      ok: false,
      error: { code: 'reports.quality_already_appealed' },
    });
    expect(reviewAction(appealed, 'revise', 'sup1')).toMatchObject({
      ok: false,
      error: { code: 'reports.quality_reviewer_decides_own_appeal' },
    });
    expect(reviewAction(appealed, 'revise', 'sup2')).toEqual({ ok: true, to: 'revised' });
    expect(reviewAction({ ...review, state: 'upheld' }, 'appeal', 'agent')).toMatchObject({ ok: false });
    expect(reviewAction(review, 'uphold', 'sup2')).toMatchObject({
      ok: false,
      error: { code: 'reports.quality_no_appeal_pending' },
    });
  });

  it("RPT-7: final scores feed the agent's monthly figures", () => {
    const figures = agentQualityFigures([
      { agentId: 'a', state: 'scored', finalPercent: 90 },
      { agentId: 'a', state: 'revised', finalPercent: 85 },
      { agentId: 'b', state: 'upheld', finalPercent: 60 },
    ]);
    expect(figures.get('a')).toEqual({ reviews: 2, averagePercent: 87.5, appeals: 1, appealsRevised: 1 });
    expect(figures.get('b')).toEqual({ reviews: 1, averagePercent: 60, appeals: 1, appealsRevised: 0 });
  });
});

describe('SLA-9 hotline answer times', () => {
  it('SLA-9: answered within three rings (15 s) counts in target; abandoned calls are counted; averages come from sums alone', () => {
    const ring = at('2026-12-07T01:00:00Z');
    const calls = [
      { ringingAt: ring, answeredAt: ring + 5_000, agentId: 'a', talkSeconds: 60 },
      { ringingAt: ring, answeredAt: ring + ANSWER_TARGET_SECONDS * 1000, agentId: 'a', talkSeconds: null },
      { ringingAt: ring, answeredAt: ring + 16_000, agentId: 'b', talkSeconds: 91 },
      { ringingAt: ring + 3_600_000, answeredAt: null, agentId: null, talkSeconds: null },
    ];
    const figures = hotlineFiguresOfCalls(calls);
    expect(figures).toEqual({
      calls: 4,
      answered: 3,
      answeredInTarget: 2,
      abandoned: 1,
      answerMs: 36_000,
      talked: 2,
      talkSeconds: 151,
      answeredInTargetRate: 0.5,
      averageAnswerSeconds: 12,
      averageTalkSeconds: 75.5,
    });
    // Summed in any grouping (hour, agent, day), the same sums give the same figures.
    const sum = (list: typeof calls) => list.map(totalsOfCall).reduce(addTotals, NO_CALLS);
    const agentA = sum(calls.filter((c) => c.agentId === 'a'));
    expect(hotlineFigures(addTotals(agentA, sum(calls.filter((c) => c.agentId !== 'a'))))).toEqual(figures);
    expect(hotlineFigures(agentA)).toMatchObject({
      answered: 2,
      averageAnswerSeconds: 10,
      averageTalkSeconds: 60,
    });
    expect(hotlineFiguresOfCalls([])).toMatchObject({
      calls: 0,
      answeredInTargetRate: null,
      averageAnswerSeconds: null,
      averageTalkSeconds: null,
    });
  });
});
