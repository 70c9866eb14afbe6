import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workingMinutesBetween } from '../calendar/calendar';
import { CHINA_OFFICIAL_YEARS, defaultChinaCalendar } from '../calendar/china-official';
import { SlaError } from './sla.errors';
import { escalationStepsDue } from './sla.escalation';
import { DEFAULT_SLA_POLICIES, defaultSlaPolicy, validateSlaPolicy } from './sla.policies';
import { computeDue, computeTimeline, targetState } from './sla.targets';
import type { SlaTarget } from './sla.types';

const cal = defaultChinaCalendar();
const sh = (local: string): number => Date.parse(`${local}:00+08:00`);
const iso = (t: number): string => new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const target = (type: keyof typeof DEFAULT_SLA_POLICIES, key: string): SlaTarget => {
  const found = defaultSlaPolicy(type).targets.find((x) => x.key === key);
  if (!found) throw new Error(`no ${type}.${key}`);
  return found;
};
const due = (type: keyof typeof DEFAULT_SLA_POLICIES, key: string, start: string, opts = {}) =>
  iso(computeDue(target(type, key), sh(start), cal, [], opts));

describe('SLA-3…SLA-6: shipped default policies', () => {
  it('SLA-3: consultation answered within 1 (direct) or 2 (indirect) working days', () => {
    expect(due('consultation_direct', 'customer_reply', '2025-03-03T10:00')).toBe('2025-03-04 18:00');
    expect(due('consultation_indirect', 'customer_reply', '2025-03-03T10:00')).toBe('2025-03-05 18:00');
  });

  it('SLA-3: rectification — department 2, customer 3 working days, result at the committed date', () => {
    expect(due('rectification', 'department_reply', '2025-09-26T11:00')).toBe('2025-09-29 18:00'); // Sun 28 Sep is a make-up day
    expect(due('rectification', 'customer_reply', '2025-09-26T11:00')).toBe('2025-09-30 18:00');
    // A committed date is kept exactly, even outside business hours.
    expect(
      due('rectification', 'result_reply', '2025-09-29T15:00', { committedAt: sh('2025-10-04T12:00') }),
    ).toBe('2025-10-04 12:00');
    expect(() => computeDue(target('rectification', 'result_reply'), sh('2025-09-29T15:00'), cal)).toThrow(
      SlaError,
    );
  });

  it('SLA-4: soft complaint — response 15 and verification 30 working minutes, lunch excluded', () => {
    expect(due('soft_complaint', 'first_response', '2025-03-03T10:00')).toBe('2025-03-03 10:15');
    expect(due('soft_complaint', 'first_response', '2025-03-03T11:50')).toBe('2025-03-03 13:35');
    expect(due('soft_complaint', 'verification', '2025-03-03T11:50')).toBe('2025-03-03 13:50');
  });

  it('SLA-5: hard complaint — 1 working hour, 3 more after the first response, call 24 calendar hours after resolution', () => {
    expect(due('hard_complaint', 'first_response', '2025-03-03T17:30')).toBe('2025-03-04 09:30');
    expect(due('hard_complaint', 'second_response', '2025-03-04T09:30')).toBe('2025-03-04 14:00');
    expect(due('hard_complaint', 'follow_up', '2025-03-07T16:00')).toBe('2025-03-08 16:00');
    expect(target('hard_complaint', 'second_response').startsOn).toBe('previous_met');
  });

  it('SLA-6: repair — contact in 1 working day, solution in 72 hours, call 24 hours after the item returns', () => {
    expect(due('repair', 'contact', '2025-03-07T10:00')).toBe('2025-03-10 18:00');
    expect(due('repair', 'solution', '2025-03-07T10:00')).toBe('2025-03-10 10:00');
    expect(target('repair', 'follow_up').startsOn).toEqual({ event: 'item_returned' });
  });

  it('SLA-3…SLA-6: every shipped policy is valid; broken policies are refused', () => {
    for (const p of Object.values(DEFAULT_SLA_POLICIES)) expect(() => validateSlaPolicy(p)).not.toThrow();
    const first = target('soft_complaint', 'first_response');
    expect(() => validateSlaPolicy({ key: 'x', targets: [first, first] })).toThrow(/twice/);
    expect(() => validateSlaPolicy({ key: 'x', targets: [{ ...first, startsOn: 'previous_met' }] })).toThrow(
      /previous_met/,
    );
    expect(() =>
      validateSlaPolicy({
        key: 'x',
        targets: [{ ...first, allowed: { unit: 'working_days', amount: 1.5 } }],
      }),
    ).toThrow(/amount/);
  });
});

describe('SLA-7: pending customer pauses the clock', () => {
  const reply = target('consultation_direct', 'customer_reply');

  it('SLA-7: a pause across National Day 2025 extends the due by the working time it covers (2 h)', () => {
    const start = sh('2025-09-30T10:00');
    expect(iso(computeDue(reply, start, cal))).toBe('2025-10-09 18:00');
    const pauses = [{ from: sh('2025-09-30T17:00'), to: sh('2025-10-09T10:00') }];
    expect(iso(computeDue(reply, start, cal, pauses))).toBe('2025-10-10 11:00');
  });

  it('SLA-7: overlapping and open pauses; pauses before the start are clipped', () => {
    const start = sh('2025-03-03T10:00');
    const pauses = [
      { from: sh('2025-03-03T08:00'), to: sh('2025-03-03T10:30') },
      { from: sh('2025-03-04T10:00'), to: sh('2025-03-04T11:00') },
      { from: sh('2025-03-04T10:30'), to: sh('2025-03-04T11:30') },
    ];
    expect(iso(computeDue(reply, start, cal, pauses))).toBe('2025-03-05 11:00'); // 30 + 90 min
    const open = [{ from: sh('2025-03-04T17:00') }];
    expect(iso(computeDue(reply, start, cal, open, { now: sh('2025-03-05T09:30') }))).toBe(
      '2025-03-05 10:30',
    ); // 17:00–18:00 + 09:00–09:30 paused
    expect(() => computeDue(reply, start, cal, open)).toThrow(SlaError);
  });

  it('SLA-7: targets that do not pause (satisfaction call, committed date) ignore pauses', () => {
    const call = target('hard_complaint', 'follow_up');
    const pauses = [{ from: sh('2025-03-07T17:00'), to: sh('2025-03-08T10:00') }];
    expect(iso(computeDue(call, sh('2025-03-07T16:00'), cal, pauses))).toBe('2025-03-08 16:00');
  });

  it('SLA-7: property — un-paused working time from start to due equals the allowed time', () => {
    const mins = (m: number): SlaTarget => ({
      key: 'x',
      startsOn: 'intake',
      stopsOn: 'y',
      allowed: { unit: 'working_minutes', amount: m },
      pausesWhenPendingCustomer: true,
    });
    const base = sh('2025-09-20T00:00');
    const minute = fc.integer({ min: 0, max: 30 * 1440 }).map((m) => base + m * 60_000);
    const pause = fc
      .tuple(minute, fc.integer({ min: 0, max: 5 * 1440 }))
      .map(([from, len]) => ({ from, to: from + len * 60_000 }));
    fc.assert(
      fc.property(
        minute,
        fc.integer({ min: 1, max: 3000 }),
        fc.array(pause, { maxLength: 4 }),
        (start, amount, pauses) => {
          const d = computeDue(mins(amount), start, cal, pauses);
          // Paused working time inside [start, due), counted once per minute even where pauses overlap.
          let paused = 0;
          for (let m = start; m < d; m += 60_000) {
            if (pauses.some((p) => p.from <= m && m < p.to))
              paused += workingMinutesBetween(cal, m, m + 60_000);
          }
          expect(workingMinutesBetween(cal, start, d) - paused).toBe(amount);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('SLA-8: target state and escalation', () => {
  const first = target('soft_complaint', 'first_response');
  const start = sh('2025-03-03T10:00');
  const d = computeDue(first, start, cal);
  const state = (now: string, metAt?: string) =>
    targetState({
      target: first,
      calendar: cal,
      startedAt: start,
      due: d,
      now: sh(now),
      ...(metAt ? { metAt: sh(metAt) } : {}),
    });

  it('SLA-8: on track, at risk at 80 %, breached, met, met late', () => {
    expect(state('2025-03-03T10:11')).toEqual({ state: 'on_track', percentUsed: 73.3 });
    expect(state('2025-03-03T10:12')).toEqual({ state: 'at_risk', percentUsed: 80 });
    expect(state('2025-03-03T10:15').state).toBe('at_risk'); // due means "by", so 10:15 itself is still in time
    expect(state('2025-03-03T10:16')).toEqual({ state: 'breached', percentUsed: 106.7 });
    expect(state('2025-03-03T11:00', '2025-03-03T10:14')).toEqual({ state: 'met', percentUsed: 93.3 });
    expect(state('2025-03-03T11:00', '2025-03-03T10:20').state).toBe('met_late');
  });

  it('SLA-8: percent used counts working time only (lunch break) and honours pauses', () => {
    const s = sh('2025-03-03T11:50');
    const due2 = computeDue(first, s, cal);
    expect(
      targetState({ target: first, calendar: cal, startedAt: s, due: due2, now: sh('2025-03-03T13:30') }),
    ).toEqual({ state: 'on_track', percentUsed: 66.7 });
    // Still pending customer since 10:05: 5 of 15 minutes used, and the due moved to 10:24.
    const paused = [{ from: sh('2025-03-03T10:05') }];
    const now = sh('2025-03-03T10:14');
    const movedDue = computeDue(first, start, cal, paused, { now });
    expect(iso(movedDue)).toBe('2025-03-03 10:24');
    expect(
      targetState({ target: first, calendar: cal, startedAt: start, due: movedDue, now, pauses: paused }),
    ).toEqual({ state: 'on_track', percentUsed: 33.3 });
  });

  it('SLA-8: timeline — at risk at 80 %, second period = the allowed time again', () => {
    const tl = computeTimeline(first, start, cal);
    expect([iso(tl.atRiskAt), iso(tl.due), iso(tl.secondBreachAt)]).toEqual([
      '2025-03-03 10:12',
      '2025-03-03 10:15',
      '2025-03-03 10:30',
    ]);
    const days = computeTimeline(target('rectification', 'department_reply'), sh('2025-03-03T10:00'), cal);
    expect([iso(days.due), iso(days.secondBreachAt)]).toEqual(['2025-03-05 18:00', '2025-03-07 18:00']);
    expect(days.missingYears).toEqual([]);
  });

  it('SLA-8: escalation ladder with deterministic step ids', () => {
    const tl = computeTimeline(first, start, cal);
    const snap = { targetId: 't1:first_response', ...tl };
    const ids = (now: string) => escalationStepsDue(snap, sh(now)).map((s) => s.id);
    expect(ids('2025-03-03T10:05')).toEqual([]);
    expect(ids('2025-03-03T10:13')).toEqual(['t1:first_response:at_risk']);
    expect(escalationStepsDue(snap, sh('2025-03-03T10:20'))).toEqual([
      {
        id: 't1:first_response:breached',
        trigger: 'breached',
        at: tl.due,
        actions: ['notify_owner', 'escalate_supervisor'],
      },
    ]);
    expect(ids('2025-03-03T10:31')).toEqual([
      't1:first_response:breached',
      't1:first_response:breached_second_period',
    ]);
    expect(escalationStepsDue({ ...snap, metAt: sh('2025-03-03T10:20') }, sh('2025-03-03T10:31'))).toEqual(
      [],
    );
  });

  it('SLA-1/SLA-8: a due date in a year without official data is flagged', () => {
    const last = CHINA_OFFICIAL_YEARS[CHINA_OFFICIAL_YEARS.length - 1]!;
    const tl = computeTimeline(
      target('consultation_indirect', 'customer_reply'),
      sh(`${last}-12-30T10:00`),
      cal,
    );
    expect(tl.missingYears).toEqual([last + 1]);
  });
});
