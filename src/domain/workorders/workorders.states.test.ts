import { describe, expect, it } from 'vitest';
import {
  actionsAvailable,
  FINAL_WORK_ORDER_STATES,
  isFinal,
  isSettled,
  SETTLED_WORK_ORDER_STATES,
  WORK_ORDER_STATES,
} from './workorders.states';

describe('REP-1…REP-7: where a work order ends', () => {
  it('REP-7 / SLA-10: closed and cancelled are final — no action of any role leads anywhere from them', () => {
    expect(WORK_ORDER_STATES.filter(isFinal)).toEqual(['closed', 'cancelled']);
    expect(WORK_ORDER_STATES.filter(isFinal)).toEqual([...FINAL_WORK_ORDER_STATES]);
    for (const s of FINAL_WORK_ORDER_STATES)
      expect(actionsAvailable(s, ['dispatcher', 'technician', 'verifier', 'customer'])).toEqual([]);
  });

  it('REP-7: a verified order is not final — the dispatcher still closes it', () => {
    expect(isFinal('verified')).toBe(false);
    expect(actionsAvailable('verified', ['dispatcher'])).toContain('close');
  });

  it('REP-7 / PAY-2: once verified, the service class and quote are settled', () => {
    expect(WORK_ORDER_STATES.filter(isSettled)).toEqual(['verified', 'closed', 'cancelled']);
    expect(WORK_ORDER_STATES.filter(isSettled)).toEqual([...SETTLED_WORK_ORDER_STATES]);
    for (const s of WORK_ORDER_STATES) if (isFinal(s)) expect(isSettled(s)).toBe(true);
  });
});
