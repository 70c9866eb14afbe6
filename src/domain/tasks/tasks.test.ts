import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../calendar/china-official';
import { escalationDue, isOverdue, stateAfter, taskActionAllowed, taskDeadlines } from './tasks';

const cal = defaultChinaCalendar();
const sh = (local: string): number => Date.parse(`${local}:00+08:00`);
const iso = (t: number): string => new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const deadlines = (kind: 'call_back' | 'message', at: string, requested?: string) => {
  const d = taskDeadlines(kind, cal, sh(at), requested ? sh(requested) : null);
  return { due: iso(d.dueAt), escalate: iso(d.escalateAt) };
};

describe('IN-5: call-back deadline', () => {
  it('IN-5: taken during the day, due by close of business the same working day', () => {
    expect(deadlines('call_back', '2025-03-04T10:00').due).toBe('2025-03-04 18:00');
    expect(deadlines('call_back', '2025-03-04T17:50').due).toBe('2025-03-04 18:00');
  });

  it('IN-5: taken after close of business or on a day off, due by the next working day’s close', () => {
    expect(deadlines('call_back', '2025-03-04T19:00').due).toBe('2025-03-05 18:00');
    expect(deadlines('call_back', '2025-03-08T11:00').due).toBe('2025-03-10 18:00'); // Saturday → Monday
  });

  it('IN-5: Friday evening before National Day 2025 runs to the make-up Sunday; 30 Sep evening to 9 Oct', () => {
    expect(deadlines('call_back', '2025-09-26T19:00').due).toBe('2025-09-28 18:00');
    expect(deadlines('call_back', '2025-09-30T19:00').due).toBe('2025-10-09 18:00');
  });

  it('IN-5: a missed call-back escalates one working hour after the deadline (next morning at close of business)', () => {
    expect(deadlines('call_back', '2025-03-04T10:00').escalate).toBe('2025-03-05 10:00');
  });

  it('IN-5: an explicit deadline replaces the default', () => {
    expect(deadlines('call_back', '2025-03-04T10:00', '2025-03-06T15:00')).toEqual({
      due: '2025-03-06 15:00',
      escalate: '2025-03-06 16:00',
    });
  });
});

describe('IN-6: message escalation', () => {
  it('IN-6: escalates after 4 working hours, the lunch break not counted', () => {
    expect(deadlines('message', '2025-03-04T10:00')).toEqual({
      due: '2025-03-04 15:30',
      escalate: '2025-03-04 15:30',
    });
  });

  it('IN-6: working hours carry over the night and the National Day holiday', () => {
    expect(deadlines('message', '2025-03-04T17:00').escalate).toBe('2025-03-05 12:00'); // 1 h today, 3 h tomorrow morning
    expect(deadlines('message', '2025-09-30T16:00').escalate).toBe('2025-10-09 11:00');
  });

  it('IN-6: with an explicit deadline the message escalates at it', () => {
    expect(deadlines('message', '2025-03-04T10:00', '2025-03-05T09:30').escalate).toBe('2025-03-05 09:30');
  });
});

describe('task state changes', () => {
  it('IN-5/IN-6: only an open task can be done, cancelled or reassigned; done and cancelled are final', () => {
    for (const action of ['done', 'cancel', 'reassign'] as const) {
      expect(taskActionAllowed('open', action)).toBe(true);
      expect(taskActionAllowed('done', action)).toBe(false);
      expect(taskActionAllowed('cancelled', action)).toBe(false);
    }
    expect(stateAfter('done')).toBe('done');
    expect(stateAfter('cancel')).toBe('cancelled');
    expect(stateAfter('reassign')).toBe('open');
  });

  it('IN-6: escalation fires once, only for an open task whose time has come', () => {
    const t = { state: 'open' as const, escalatedAt: null, escalateAt: 1000 };
    expect(escalationDue(t, 999)).toBe(false);
    expect(escalationDue(t, 1000)).toBe(true);
    expect(escalationDue({ ...t, escalatedAt: 1000 }, 2000)).toBe(false);
    expect(escalationDue({ ...t, state: 'done' }, 2000)).toBe(false);
  });

  it('IN-5: overdue means open past the deadline', () => {
    expect(isOverdue({ state: 'open', dueAt: 1000 }, 1000)).toBe(true);
    expect(isOverdue({ state: 'open', dueAt: 1000 }, 999)).toBe(false);
    expect(isOverdue({ state: 'done', dueAt: 1000 }, 5000)).toBe(false);
  });
});
