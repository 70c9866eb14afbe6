import { describe, expect, it } from 'vitest';
import { localDateOf } from '../calendar/time-zone';
import { DEFAULT_SLA_POLICIES, validateSlaPolicy } from '../sla';
import {
  allowedTransitions,
  assertAnswerableOnIntake,
  assertRectificationKind,
  assertTransition,
  formatTicketNumber,
  missingEssentials,
  slaClockChange,
  TICKET_STATES,
  TICKET_TYPES,
  TicketError,
  type EssentialFacts,
} from '.';

const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof TicketError ? err.code : 'not a TicketError';
  }
};

describe('ticket state machine', () => {
  it('walks the normal path new → assigned → in_progress → waiting_department → resolved → closed', () => {
    const path = ['new', 'assigned', 'in_progress', 'waiting_department', 'resolved', 'closed'] as const;
    for (let i = 1; i < path.length; i++)
      expect(codeOf(() => assertTransition(path[i - 1]!, path[i]!))).toBeNull();
  });

  it('refuses moves not in the table with tickets.transition_not_allowed (409) and lists what is allowed', () => {
    try {
      assertTransition('closed', 'resolved');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TicketError);
      expect((err as TicketError).status).toBe(409);
      expect((err as TicketError).details).toMatchObject({
        from: 'closed',
        to: 'resolved',
        allowed: ['in_progress'],
      });
    }
    expect(codeOf(() => assertTransition('new', 'closed'))).toBe('tickets.transition_not_allowed');
    expect(codeOf(() => assertTransition('in_progress', 'assigned'))).toBe('tickets.transition_not_allowed');
  });

  it('cancelled and merged are final; every state may only reach known states', () => {
    expect(allowedTransitions('cancelled')).toEqual([]);
    expect(allowedTransitions('merged')).toEqual([]);
    for (const s of TICKET_STATES)
      for (const to of allowedTransitions(s)) expect(TICKET_STATES).toContain(to);
  });

  it('reopening a resolved or closed ticket and cancelling need a reason', () => {
    expect(codeOf(() => assertTransition('resolved', 'in_progress'))).toBe('tickets.reason_required');
    expect(codeOf(() => assertTransition('closed', 'in_progress', '  '))).toBe('tickets.reason_required');
    expect(codeOf(() => assertTransition('closed', 'in_progress', '客户反映问题复发'))).toBeNull();
    expect(codeOf(() => assertTransition('new', 'cancelled'))).toBe('tickets.reason_required');
    expect(codeOf(() => assertTransition('new', 'cancelled', '重复来电'))).toBeNull();
  });

  it('SLA-7: entering pending customer pauses the clock, leaving it resumes; waiting on a department does neither', () => {
    expect(slaClockChange('in_progress', 'pending_customer')).toBe('pause');
    expect(slaClockChange('pending_customer', 'in_progress')).toBe('resume');
    expect(slaClockChange('pending_customer', 'resolved')).toBe('resume');
    expect(slaClockChange('in_progress', 'waiting_department')).toBeNull();
    expect(slaClockChange('waiting_department', 'in_progress')).toBeNull();
  });
});

describe('classification', () => {
  it('CL-1: every built-in type has a shipped SLA policy that validates', () => {
    for (const type of TICKET_TYPES) {
      const policy = DEFAULT_SLA_POLICIES[type];
      expect(policy, type).toBeDefined();
      expect(() => validateSlaPolicy(policy)).not.toThrow();
    }
  });

  it('CL-3: a rectification needs its kind and no other type takes one', () => {
    expect(codeOf(() => assertRectificationKind('rectification', null))).toBe(
      'tickets.rectification_kind_required',
    );
    expect(codeOf(() => assertRectificationKind('rectification', 'finance'))).toBeNull();
    expect(codeOf(() => assertRectificationKind('repair', 'engineering'))).toBe(
      'tickets.rectification_kind_not_applicable',
    );
    expect(codeOf(() => assertRectificationKind('praise', undefined))).toBeNull();
  });
});

describe('IN-4: missing essentials', () => {
  const blank: EssentialFacts = {
    type: 'repair',
    contactPhone: null,
    address: null,
    assetModel: null,
    purchaseDate: null,
  };

  it('IN-4: a repair without phone, address, model and purchase date lacks all four', () => {
    expect(missingEssentials(blank)).toEqual(['contactPhone', 'address', 'assetModel', 'purchaseDate']);
  });

  it('IN-4: an installation lacking only the purchase date is flagged for that; blanks count as missing', () => {
    expect(
      missingEssentials({
        type: 'installation',
        contactPhone: '13800000000',
        address: '徐汇区漕溪北路 1 号',
        assetModel: ' ',
        purchaseDate: null,
      }),
    ).toEqual(['assetModel', 'purchaseDate']);
  });

  it('IN-4: consultations and complaints have no dispatch essentials', () => {
    expect(missingEssentials({ ...blank, type: 'consultation_direct' })).toEqual([]);
    expect(missingEssentials({ ...blank, type: 'hard_complaint' })).toEqual([]);
    expect(missingEssentials({ ...blank, type: 'return_exchange' })).toEqual(['assetModel', 'purchaseDate']);
  });
});

describe('ticket numbers', () => {
  it('T + local date + 5-digit daily sequence', () => {
    expect(formatTicketNumber('2026-03-01', 12)).toBe('T2026030100012');
    expect(formatTicketNumber('2026-12-31', 99_999)).toBe('T2026123199999');
    expect(formatTicketNumber('2026-12-31', 100_000)).toBe('T20261231100000');
    expect(codeOf(() => formatTicketNumber('2026-3-1', 1))).toBe('tickets.invalid_number_input');
    expect(codeOf(() => formatTicketNumber('2026-03-01', 0))).toBe('tickets.invalid_number_input');
  });

  it('the date is the unit’s local date: 23:30 UTC on 28 Feb is already 1 Mar in Shanghai', () => {
    const at = new Date('2026-02-28T23:30:00Z');
    expect(localDateOf(at, 'Asia/Shanghai')).toBe('2026-03-01');
    expect(localDateOf(at, 'UTC')).toBe('2026-02-28');
  });
});

describe('受理并办结', () => {
  it('CL-2: only a direct consultation may be answered and closed at intake', () => {
    for (const type of TICKET_TYPES)
      expect(codeOf(() => assertAnswerableOnIntake(type))).toBe(
        type === 'consultation_direct' ? null : 'tickets.answer_on_intake_not_direct',
      );
  });
});
