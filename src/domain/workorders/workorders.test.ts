import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../calendar/china-official';
import {
  actionsAvailable,
  appointmentWarnings,
  checkerFor,
  conflictingVisits,
  dayLoad,
  formatWorkOrderNumber,
  isLate,
  proposeServiceClass,
  quoteStatus,
  quoteSignable,
  quoteStepAllowed,
  quoteTotals,
  receiptNumberOf,
  reminderAt,
  transition,
  verificationDue,
  windowProblem,
  type ServiceClassFacts,
} from './index';

const cal = defaultChinaCalendar();
const sh = (local: string) => new Date(`${local}:00+08:00`);
const w = (start: string, end: string) => ({ start: sh(start), end: sh(end) });

describe('REP-1…REP-7: work-order state machine', () => {
  it('REP-1: the field path new → assigned → appointment agreed → en route → on site → completed → verified → closed', () => {
    const path = [
      ['new', 'assign', 'dispatcher', 'assigned'],
      ['assigned', 'appointment', 'dispatcher', 'appointment_agreed'],
      ['appointment_agreed', 'depart', 'technician', 'en_route'],
      ['en_route', 'arrive', 'technician', 'on_site'],
      ['on_site', 'finish', 'technician', 'completed'],
      ['completed', 'verify', 'verifier', 'verified'],
      ['verified', 'close', 'dispatcher', 'closed'],
    ] as const;
    for (const [from, action, role, to] of path)
      expect(transition(from, action, role)).toEqual({ ok: true, to });
  });

  it('REP-6: carry-in path on site → carried in → returned → verified', () => {
    expect(transition('on_site', 'carry_in', 'technician')).toEqual({ ok: true, to: 'carried_in' });
    expect(transition('carried_in', 'return_appointment', 'dispatcher')).toEqual({
      ok: true,
      to: 'carried_in',
    });
    expect(transition('carried_in', 'deliver', 'customer')).toEqual({ ok: true, to: 'returned' });
    expect(transition('returned', 'verify', 'verifier')).toEqual({ ok: true, to: 'verified' });
  });

  it('REP-1: reassigning keeps an agreed appointment; roles and states outside the table are refused', () => {
    expect(transition('appointment_agreed', 'assign', 'dispatcher')).toEqual({
      ok: true,
      to: 'appointment_agreed',
    });
    expect(transition('new', 'assign', 'technician')).toEqual({ ok: false, reason: 'role' });
    expect(transition('completed', 'finish', 'technician')).toEqual({ ok: false, reason: 'state' });
    expect(transition('new', 'depart', 'technician')).toEqual({ ok: false, reason: 'state' });
    expect(transition('completed', 'cancel', 'dispatcher')).toEqual({ ok: false, reason: 'state' });
    expect(transition('on_site', 'cancel', 'dispatcher')).toEqual({ ok: true, to: 'cancelled' });
    expect(transition('completed', 'verify', 'technician')).toEqual({ ok: false, reason: 'role' });
  });

  it('REP-5: a second completion (another phone) is not allowed: completed cannot finish again', () => {
    expect(transition('completed', 'finish', 'customer').ok).toBe(false);
    expect(transition('returned', 'deliver', 'technician').ok).toBe(false);
  });

  it('REP-1: the technician’s buttons on an order on site', () => {
    expect(actionsAvailable('on_site', ['technician']).sort()).toEqual([
      'carry_in',
      'finish',
      'parts',
      'visit',
    ]);
    expect(actionsAvailable('closed', ['dispatcher', 'technician', 'verifier'])).toEqual([]);
  });

  it('REP-1: work-order and receipt numbers follow the ticket pattern per unit and day', () => {
    expect(formatWorkOrderNumber('2026-11-25', 12)).toBe('W2026112500012');
    expect(receiptNumberOf('W2026112500012')).toBe('R2026112500012');
    expect(() => formatWorkOrderNumber('2026-11-25', 0)).toThrow(RangeError);
  });
});

describe('REP-2, REP-3: appointments', () => {
  const now = sh('2025-03-03T10:00'); // Monday

  it('REP-2: a window is to the hour, in the future, inside working time', () => {
    expect(windowProblem(w('2025-03-04T09:00', '2025-03-04T11:00'), now, cal)).toBeNull();
    expect(windowProblem(w('2025-03-04T09:30', '2025-03-04T11:00'), now, cal)).toBe('not_on_hour');
    expect(windowProblem(w('2025-03-03T08:00', '2025-03-03T09:00'), now, cal)).toBe('in_past');
    expect(windowProblem(w('2025-03-04T11:00', '2025-03-04T09:00'), now, cal)).toBe('invalid_window');
    expect(windowProblem(w('2025-03-08T09:00', '2025-03-08T11:00'), now, cal)).toBe('outside_working_time'); // Saturday
    expect(windowProblem(w('2025-03-04T19:00', '2025-03-04T21:00'), now, cal)).toBe('outside_working_time');
  });

  it('REP-2: installations less than 5 working days ahead are warned about, not refused', () => {
    // Mon 3 Mar: the 5th working day after is Mon 10 Mar.
    const soon = appointmentWarnings('install', w('2025-03-07T09:00', '2025-03-07T11:00'), now, cal);
    expect(soon.map((x) => x.code)).toEqual(['install_less_than_5_working_days']);
    expect(appointmentWarnings('install', w('2025-03-10T09:00', '2025-03-10T11:00'), now, cal)).toEqual([]);
    // A repair may be booked for tomorrow without a warning.
    expect(appointmentWarnings('repair', w('2025-03-04T09:00', '2025-03-04T11:00'), now, cal)).toEqual([]);
  });

  it('REP-2: working days skip the May Day holiday when counting the 5 days', () => {
    // Mon 28 Apr 2025; 1–5 May are holidays, Sun 27 Apr and Sat 10 May make-up days.
    const at = sh('2025-04-28T10:00');
    // 29, 30 Apr, 6, 7 May = 4 working days → 7 May is too soon, 8 May is fine.
    expect(appointmentWarnings('install', w('2025-05-07T09:00', '2025-05-07T10:00'), at, cal)).toHaveLength(
      1,
    );
    expect(appointmentWarnings('install', w('2025-05-08T09:00', '2025-05-08T10:00'), at, cal)).toEqual([]);
  });

  it('REP-2: reminder one hour before the window', () => {
    expect(reminderAt(w('2025-03-04T09:00', '2025-03-04T11:00'))).toEqual(sh('2025-03-04T08:00'));
  });

  it('REP-3: late arrival after the window has started', () => {
    const win = w('2025-03-04T09:00', '2025-03-04T11:00');
    expect(isLate(win, null, sh('2025-03-04T08:55'))).toBe(false);
    expect(isLate(win, sh('2025-03-04T09:20'), sh('2025-03-04T12:00'))).toBe(true);
  });

  it('REP-3: overlapping windows of a technician are conflicts; back-to-back is not', () => {
    const visits = [
      { id: 'a', ...w('2025-03-04T09:00', '2025-03-04T11:00') },
      { id: 'b', ...w('2025-03-04T10:00', '2025-03-04T12:00') },
      { id: 'c', ...w('2025-03-04T12:00', '2025-03-04T14:00') },
    ];
    expect(conflictingVisits(visits)).toEqual([['a', 'b']]);
    expect(dayLoad(visits)).toEqual({ visits: 3, minutesBooked: 360 });
  });

  it('REP-7: verification is due by close of business of the next working day', () => {
    expect(verificationDue(cal, sh('2025-03-07T16:00'))).toEqual(sh('2025-03-10T18:00')); // Fri → Mon
  });
});

describe('PAY-1, PAY-2, PAY-5: paid or free decision table', () => {
  const base: ServiceClassFacts = {
    type: 'repair',
    faultCause: 'unknown',
    onDate: '2026-06-01',
    warrantyEnd: '2026-12-31',
    contractCovers: false,
  };
  const cls = (f: Partial<ServiceClassFacts>) => proposeServiceClass({ ...base, ...f });

  it('PAY-1: the source decides who checks', () => {
    expect(checkerFor('after_sales')).toBe('after_sales');
    expect(checkerFor('sales')).toBe('sales');
    expect(checkerFor('project')).toBe('engineering');
  });

  const table: [string, Partial<ServiceClassFacts>, string, string][] = [
    ['in warranty, no contract', {}, 'C', 'in_warranty'],
    ['warranty ends today', { warrantyEnd: '2026-06-01' }, 'C', 'in_warranty'],
    ['out of warranty, no contract', { warrantyEnd: '2026-05-31' }, 'A', 'out_of_warranty'],
    ['out of warranty, contract', { warrantyEnd: '2026-05-31', contractCovers: true }, 'B', 'contract'],
    ['in warranty, contract', { contractCovers: true }, 'B', 'contract'],
    ['no warranty date', { warrantyEnd: null }, 'A', 'warranty_unknown'],
    ['misuse in warranty', { faultCause: 'misuse' }, 'A', 'misuse_charged'],
    ['misuse under contract', { faultCause: 'misuse', contractCovers: true }, 'A', 'misuse_charged'],
    [
      'defect out of warranty',
      { faultCause: 'defect', warrantyEnd: '2020-01-01' },
      'C',
      'defect_never_charged',
    ],
    ['internal inspection', { type: 'inspection', faultCause: 'misuse' }, 'D', 'internal'],
  ];
  for (const [name, facts, serviceClass, code] of table) {
    it(`PAY-2/PAY-5: ${name} → ${serviceClass}`, () => {
      const d = cls(facts);
      expect(d.serviceClass).toBe(serviceClass);
      expect(d.reason.code).toBe(code);
      expect(d.reason.zh.length).toBeGreaterThan(0);
    });
  }

  it('PAY-5: a defect is never charged and the customer gets an apology; misuse gets none', () => {
    expect(cls({ faultCause: 'defect' }).apology).toBe(true);
    expect(cls({ faultCause: 'misuse' }).apology).toBe(false);
  });
});

describe('PAY-3: quotes', () => {
  it('PAY-3: totals in integer fen per kind', () => {
    expect(
      quoteTotals([
        { kind: 'service', quantity: 1, unitPriceFen: 8000 },
        { kind: 'part', quantity: 3, unitPriceFen: 1250 },
      ]),
    ).toEqual({ serviceFen: 8000, partsFen: 3750, totalFen: 11750 });
    expect(() => quoteTotals([{ kind: 'part', quantity: 1, unitPriceFen: 12.5 }])).toThrow(RangeError);
    expect(() => quoteTotals([{ kind: 'part', quantity: -1, unitPriceFen: 100 }])).toThrow(RangeError);
  });

  it('PAY-3: finance and warehouse confirm prices, then the customer, then the approvals, then the customer signs', () => {
    const p = {
      serviceConfirmed: false,
      partsConfirmed: false,
      customerConfirmed: false,
      approved: false,
      hasServiceLines: true,
      hasPartLines: true,
    };
    expect(quoteStepAllowed('customer-confirm', p)).toBe(false);
    expect(quoteStepAllowed('approve', p)).toBe(false);
    expect(quoteStepAllowed('confirm-parts', p)).toBe(true);
    const priced = { ...p, serviceConfirmed: true, partsConfirmed: true };
    expect(quoteStatus(priced)).toBe('prices_confirmed');
    expect(quoteStepAllowed('customer-confirm', priced)).toBe(true);
    // The approval is the engine's: a stage may be taken only while the request is pending.
    expect(quoteStepAllowed('approve', { ...priced, customerConfirmed: true })).toBe(false);
    const pending = { ...priced, customerConfirmed: true, approvalPending: true };
    expect(quoteStatus(pending)).toBe('awaiting_approval');
    expect(quoteStepAllowed('approve', pending)).toBe(true);
    expect(quoteSignable(pending)).toBe(false);
    // Sent back: the customer agrees to the corrected quote and it goes up again.
    const back = { ...priced, customerConfirmed: true, sentBack: true };
    expect(quoteStatus(back)).toBe('sent_back');
    expect(quoteStepAllowed('customer-confirm', back)).toBe(true);
    const approved = { ...priced, customerConfirmed: true, approved: true };
    expect(quoteSignable(approved)).toBe(true);
    expect(quoteStatus({ ...approved, customerSigned: true })).toBe('signed');
    expect(quoteSignable({ ...approved, customerSigned: true })).toBe(false);
    // A quote without parts needs no warehouse confirmation.
    expect(quoteStepAllowed('customer-confirm', { ...p, hasPartLines: false, serviceConfirmed: true })).toBe(
      true,
    );
    expect(quoteStepAllowed('confirm-parts', { ...p, hasPartLines: false })).toBe(false);
  });
});
