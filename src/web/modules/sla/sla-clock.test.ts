import { describe, expect, it } from 'vitest';
import { countdownParts, targetTone, ticketTone } from './sla-clock';
import type { SlaTarget } from '../../../shared/sla';

const NOW = Date.parse('2026-03-02T10:00:00+08:00');
const at = (iso: string) => new Date(iso).toISOString();

const target = (over: Partial<SlaTarget>): SlaTarget => ({
  id: 't1',
  key: 'first_response',
  state: 'on_track',
  overdue: false,
  allowed: { unit: 'working_hours', amount: 2 },
  stopsOn: 'first_responded',
  startsOn: 'intake',
  pausesWhenPendingCustomer: true,
  intakeAt: at('2026-03-02T09:00:00+08:00'),
  startedAt: at('2026-03-02T09:00:00+08:00'),
  dueAt: at('2026-03-02T11:00:00+08:00'),
  atRiskAt: at('2026-03-02T10:36:00+08:00'),
  metAt: null,
  committedAt: null,
  endedAt: null,
  endReason: null,
  countsIn: null,
  ...over,
});

describe('SLA countdowns on the desk and ticket pages', () => {
  it('SLA-8: splits the remaining time into days, hours and minutes', () => {
    expect(countdownParts(at('2026-03-03T12:35:30+08:00'), NOW)).toEqual({
      overdue: false,
      days: 1,
      hours: 2,
      minutes: 35,
    });
  });

  it('SLA-8: counts past the due time as overdue', () => {
    expect(countdownParts(at('2026-03-02T09:20:00+08:00'), NOW)).toEqual({
      overdue: true,
      days: 0,
      hours: 0,
      minutes: 40,
    });
  });

  it('SLA-8: ticket colours — green on track, orange at risk, red breached or past due', () => {
    const later = at('2026-03-02T12:00:00+08:00');
    const earlier = at('2026-03-02T09:00:00+08:00');
    expect(ticketTone('on_track', later, NOW)).toBe('green');
    expect(ticketTone('at_risk', later, NOW)).toBe('orange');
    expect(ticketTone('breached', later, NOW)).toBe('red');
    expect(ticketTone('on_track', earlier, NOW)).toBe('red');
    expect(ticketTone('paused', null, NOW)).toBe('grey');
    expect(ticketTone('done', null, NOW)).toBe('grey');
  });

  it('SLA-8: a target turns orange at its at-risk time and red past due, before the scheduler moves it', () => {
    expect(targetTone(target({}), NOW)).toBe('green');
    expect(targetTone(target({ atRiskAt: at('2026-03-02T09:50:00+08:00') }), NOW)).toBe('orange');
    expect(targetTone(target({ dueAt: at('2026-03-02T09:59:00+08:00') }), NOW)).toBe('red');
    expect(targetTone(target({ state: 'met', metAt: at('2026-03-02T09:30:00+08:00') }), NOW)).toBe('green');
    expect(targetTone(target({ state: 'met_late' }), NOW)).toBe('red');
    expect(targetTone(target({ state: 'paused' }), NOW)).toBe('grey');
    expect(targetTone(target({ state: 'pending', dueAt: null }), NOW)).toBe('grey');
  });
});
