import { describe, expect, it } from 'vitest';
import {
  isAtRiskAt,
  isBreachedAt,
  isLiveTarget,
  isOpenTarget,
  isOverdue,
  isRunningTarget,
  LIVE_TARGET_STATES,
  SLA_TARGET_STATES,
} from './sla.target-states';

const NOW = Date.parse('2026-03-02T10:00:00+08:00');
const before = new Date(NOW - 60_000);
const after = new Date(NOW + 60_000);

describe('SLA-10 / SLA-7 / SLA-8: what a target run state means', () => {
  it('SLA-10: a live target is pending, running or paused; met, met late and ended are not', () => {
    const live = SLA_TARGET_STATES.filter(isLiveTarget);
    expect(live).toEqual(['pending', 'on_track', 'at_risk', 'breached', 'escalated', 'paused']);
    expect(live).toEqual([...LIVE_TARGET_STATES]);
    for (const ended of ['met', 'met_late', 'ended']) expect(isLiveTarget(ended)).toBe(false);
  });

  it('SLA-7: a paused target is open but its clock does not run; a pending one has not started', () => {
    expect(isOpenTarget('paused')).toBe(true);
    expect(isRunningTarget('paused')).toBe(false);
    expect(isOpenTarget('pending')).toBe(false);
    expect(SLA_TARGET_STATES.filter(isRunningTarget)).toEqual([
      'on_track',
      'at_risk',
      'breached',
      'escalated',
    ]);
  });

  it('SLA-8: overdue the moment a running target passes its due time, before the scheduler marks it', () => {
    expect(isOverdue({ state: 'on_track', dueAt: before }, NOW)).toBe(true);
    expect(isOverdue({ state: 'at_risk', dueAt: before.getTime() }, new Date(NOW))).toBe(true);
    expect(isOverdue({ state: 'on_track', dueAt: after }, NOW)).toBe(false);
    expect(isOverdue({ state: 'on_track', dueAt: new Date(NOW) }, NOW)).toBe(false);
    expect(isOverdue({ state: 'on_track', dueAt: null }, NOW)).toBe(false);
    // A paused, pending, met or ended target is never overdue, whatever its old due time says.
    for (const state of ['paused', 'pending', 'met', 'met_late', 'ended'])
      expect(isOverdue({ state, dueAt: before }, NOW)).toBe(false);
  });

  it('SLA-8: breached when the scheduler marked it (breached, escalated) or when running past due', () => {
    expect(isBreachedAt({ state: 'breached', dueAt: after }, NOW)).toBe(true);
    expect(isBreachedAt({ state: 'escalated', dueAt: null }, NOW)).toBe(true);
    expect(isBreachedAt({ state: 'at_risk', dueAt: before }, NOW)).toBe(true);
    expect(isBreachedAt({ state: 'at_risk', dueAt: after }, NOW)).toBe(false);
    expect(isBreachedAt({ state: 'met_late', dueAt: before }, NOW)).toBe(false);
  });

  it('SLA-8: at risk when the scheduler marked it or when running past its at-risk instant', () => {
    expect(isAtRiskAt({ state: 'at_risk', dueAt: after, atRiskAt: after }, NOW)).toBe(true);
    expect(isAtRiskAt({ state: 'on_track', dueAt: after, atRiskAt: new Date(NOW) }, NOW)).toBe(true);
    expect(isAtRiskAt({ state: 'on_track', dueAt: after, atRiskAt: after }, NOW)).toBe(false);
    expect(isAtRiskAt({ state: 'on_track', dueAt: after }, NOW)).toBe(false);
    expect(isAtRiskAt({ state: 'paused', dueAt: after, atRiskAt: before }, NOW)).toBe(false);
  });
});
