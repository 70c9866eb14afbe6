import { describe, expect, it } from 'vitest';
import { replyTone } from './department-types';

const due = (over: Partial<Parameters<typeof replyTone>[0] & object> = {}) => ({
  state: 'on_track',
  dueAt: '2026-03-04T10:00:00.000Z',
  atRiskAt: '2026-03-04T04:00:00.000Z',
  overdue: false,
  ...over,
});

describe('department reply countdown colour (SLA-3, SLA-8)', () => {
  it('green while on track, orange from the at-risk instant, red once past due or breached', () => {
    expect(replyTone(due(), Date.parse('2026-03-03T02:00:00Z'))).toBe('green');
    expect(replyTone(due(), Date.parse('2026-03-04T05:00:00Z'))).toBe('orange');
    expect(replyTone(due(), Date.parse('2026-03-04T10:01:00Z'))).toBe('red');
    expect(replyTone(due({ state: 'breached' }), Date.parse('2026-03-03T02:00:00Z'))).toBe('red');
  });

  it('grey when the ticket has no running department_reply target', () => {
    expect(replyTone(null, 0)).toBe('grey');
    expect(replyTone(due({ state: 'met' }), 0)).toBe('grey');
  });
});
