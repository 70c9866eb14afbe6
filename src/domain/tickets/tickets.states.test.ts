import { describe, expect, it } from 'vitest';
import {
  ENDED_TICKET_STATES,
  isEndedState,
  isFinishedState,
  isOpenState,
  isReopen,
  OPEN_TICKET_STATES,
  ticketEnd,
} from './tickets.states';
import { mayEvaluate } from './complaints';
import { TICKET_STATES } from './tickets.types';

describe('ticket states: the sets the rules read', () => {
  it('SLA-7: a ticket needs work until it is resolved: new, assigned, in progress, waiting on a department or the customer', () => {
    expect(TICKET_STATES.filter(isOpenState)).toEqual([
      'new',
      'assigned',
      'in_progress',
      'waiting_department',
      'pending_customer',
    ]);
    expect([...OPEN_TICKET_STATES]).toEqual(TICKET_STATES.filter(isOpenState));
  });

  it('SLA-10: closed, cancelled and merged end the ticket, and only those end its targets', () => {
    expect(TICKET_STATES.filter(isEndedState)).toEqual(['closed', 'cancelled', 'merged']);
    for (const s of TICKET_STATES) expect(ticketEnd(s) !== null).toBe(ENDED_TICKET_STATES.includes(s));
  });

  it('SAT-2: a resolved or closed ticket is finished: the customer evaluates it, and reopening starts from there', () => {
    expect(TICKET_STATES.filter(isFinishedState)).toEqual(['resolved', 'closed']);
    for (const s of TICKET_STATES) {
      expect(mayEvaluate(s)).toBe(isFinishedState(s));
      expect(isReopen(s, 'in_progress')).toBe(isFinishedState(s));
    }
  });
});
