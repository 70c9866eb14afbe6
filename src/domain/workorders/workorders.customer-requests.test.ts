import { describe, expect, it } from 'vitest';
import { completionGap, liabilityOf } from './workorders.fault';
import { customerRequestProblem, type CustomerRequestFacts } from './workorders.customer-requests';

const now = new Date('2026-03-02T10:00:00+08:00');
const window = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });
const facts = (f: Partial<CustomerRequestFacts>): CustomerRequestFacts => ({
  state: 'appointment_agreed',
  kind: 'reschedule',
  windows: [window('2026-03-04T09:00:00+08:00', '2026-03-04T11:00:00+08:00')],
  pendingKinds: [],
  requestCount: 0,
  now,
  ...f,
});

describe('customer requests on a work order (REP-3, PORTAL-1)', () => {
  it('REP-3: a customer may ask for another time while the visit has not happened', () => {
    expect(customerRequestProblem(facts({}))).toBeNull();
    expect(customerRequestProblem(facts({ state: 'new' }))).toBeNull();
    expect(customerRequestProblem(facts({ state: 'carried_in' }))).toBeNull();
  });
  it('REP-3: nothing can be asked of a completed, closed or cancelled order', () => {
    for (const state of ['on_site', 'completed', 'returned', 'verified', 'closed', 'cancelled'] as const)
      expect(customerRequestProblem(facts({ state }))).toBe('order_not_open');
    // The item is in the workshop: its return can be moved, not cancelled.
    expect(customerRequestProblem(facts({ state: 'carried_in', kind: 'cancel', windows: [] }))).toBe(
      'order_not_open',
    );
  });
  it('REP-3: one pending request of a kind; the other kind may wait beside it', () => {
    expect(customerRequestProblem(facts({ pendingKinds: ['reschedule'] }))).toBe('already_pending');
    expect(
      customerRequestProblem(facts({ kind: 'cancel', windows: [], pendingKinds: ['reschedule'] })),
    ).toBeNull();
  });
  it('REP-3: proposed windows lie ahead, end after they start, at most three', () => {
    expect(
      customerRequestProblem(
        facts({ windows: [window('2026-03-01T09:00:00+08:00', '2026-03-01T10:00:00+08:00')] }),
      ),
    ).toBe('window_in_past');
    expect(
      customerRequestProblem(
        facts({ windows: [window('2026-03-04T11:00:00+08:00', '2026-03-04T09:00:00+08:00')] }),
      ),
    ).toBe('invalid_window');
    expect(customerRequestProblem(facts({ windows: [] }))).toBe('invalid_window');
    const four = Array.from({ length: 4 }, (_, i) =>
      window(`2026-03-0${i + 4}T09:00:00+08:00`, `2026-03-0${i + 4}T10:00:00+08:00`),
    );
    expect(customerRequestProblem(facts({ windows: four }))).toBe('invalid_window');
  });
  it('PORTAL-2: an order takes a bounded number of requests from its link', () => {
    expect(customerRequestProblem(facts({ requestCount: 6 }))).toBe('too_many_requests');
  });
});

describe('before completion (REP-5, PAY-3, PAY-5)', () => {
  it('REP-5: the fault cause is recorded before completion; "other" needs words', () => {
    expect(completionGap({ diagnosis: null, serviceClass: 'C', chargeLines: 0 })).toBe('fault_cause_missing');
    expect(
      completionGap({ diagnosis: { finding: 'other', note: ' ' }, serviceClass: 'C', chargeLines: 0 }),
    ).toBe('fault_cause_note_missing');
    expect(
      completionGap({ diagnosis: { finding: 'wear', note: '' }, serviceClass: 'C', chargeLines: 0 }),
    ).toBeNull();
  });
  it('PAY-3: a charged order (class A) completes only with its charges', () => {
    const diagnosis = { finding: 'misuse' as const, note: '' };
    expect(completionGap({ diagnosis, serviceClass: 'A', chargeLines: 0 })).toBe('charges_missing');
    expect(completionGap({ diagnosis, serviceClass: 'A', chargeLines: 2 })).toBeNull();
    expect(completionGap({ diagnosis, serviceClass: 'B', chargeLines: 0 })).toBeNull();
  });
  it('PAY-5: a found defect or misuse decides liability; other findings leave it', () => {
    expect(liabilityOf('product_defect')).toBe('defect');
    expect(liabilityOf('misuse')).toBe('misuse');
    expect(liabilityOf('wear')).toBeNull();
  });
});
