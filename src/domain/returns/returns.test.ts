import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETURN_POLICY,
  decideReturn,
  policyInForce,
  type OrderLineFacts,
  type ReturnPolicy,
  type ReturnRequest,
} from './index';

const TZ = 'Asia/Shanghai';
/** A Shanghai wall-clock time as an instant. */
const sh = (local: string) => Date.parse(`${local}+08:00`);
const H = 3_600_000;
const M = 60_000;

const line = (over: Partial<OrderLineFacts> = {}): OrderLineFacts => ({
  channel: 'store',
  fulfilment: 'delivery',
  priceFen: 860_000,
  paidFen: 860_000,
  custom: false,
  clearance: false,
  specialOffer: false,
  orderedAt: sh('2026-03-01T10:00'),
  paidAt: sh('2026-03-01T10:00'),
  handedOverAt: null,
  packaging: 'unopened',
  intact: true,
  ...over,
});
const request = (over: Partial<ReturnRequest> = {}): ReturnRequest => ({
  kind: 'cancel',
  reason: 'change_of_mind',
  at: sh('2026-03-02T10:00'),
  inspection: null,
  customerInsists: false,
  ...over,
});
const decide = (l: OrderLineFacts, r: ReturnRequest, p: ReturnPolicy = DEFAULT_RETURN_POLICY) =>
  decideReturn(l, r, p, TZ);

describe('RET-2 cancellation', () => {
  it('RET-2: 47:59 after ordering is free; 48:01 costs 10 % of the sale price; the sentence gives the figures', () => {
    const ordered = sh('2026-03-01T10:00');
    const free = decide(line(), request({ at: ordered + 47 * H + 59 * M }));
    expect(free).toMatchObject({ outcome: 'allowed', rule: 'RET-2', feeFen: 0, refundFen: 860_000 });
    const charged = decide(line(), request({ at: ordered + 48 * H + M }));
    expect(charged).toMatchObject({ outcome: 'allowed', rule: 'RET-2', feeFen: 86_000, refundFen: 774_000 });
    expect(charged.explanation.zh).toBe(
      'RET-2：下单 2026-03-01 10:00，申请取消 2026-03-03 10:01，相隔 48 小时 1 分，超过 48 小时，收取 10% 取消费 ¥860.00，退款 ¥7740.00',
    );
    expect(charged.approvals).toEqual(['general_manager', 'service_centre_notice', 'finance']);
    expect(charged.documents).toEqual(['sales_order', 'receipt_or_invoice', 'customer_signature']);
  });

  it("RET-10: the manual's example reads as the manual writes it (71 h > 48 h → fee 10 % = ¥860)", () => {
    const d = decide(line(), request({ at: sh('2026-03-04T09:00') }));
    expect(d.explanation.en).toBe(
      'RET-2: ordered 2026-03-01 10:00, cancelled 2026-03-04 09:00, 71 h > 48 h → fee 10% = ¥860.00, refund ¥7740.00',
    );
  });

  it('RET-2: special (custom) orders cannot be cancelled; handed-over goods go the return way; the fee percentage is the policy’s', () => {
    expect(decide(line({ custom: true }), request())).toMatchObject({ outcome: 'denied', rule: 'RET-2' });
    expect(decide(line({ handedOverAt: sh('2026-03-02T09:00') }), request())).toMatchObject({
      outcome: 'denied',
      rule: 'RET-2',
    });
    const policy = { ...DEFAULT_RETURN_POLICY, version: 'v2', cancellationFeePercent: 20 };
    expect(decide(line(), request({ at: sh('2026-03-05T10:00') }), policy)).toMatchObject({
      feeFen: 172_000,
      policyVersion: 'v2',
    });
  });
});

describe('RET-3…RET-6 returns and exchanges for a change of mind', () => {
  const delivered = sh('2026-03-01T18:00');
  it('RET-5: day 7 after delivery is still in time, day 8 is not; goods must be intact', () => {
    const base = line({ handedOverAt: delivered });
    expect(decide(base, request({ kind: 'return', at: sh('2026-03-08T21:00') }))).toMatchObject({
      outcome: 'allowed',
      rule: 'RET-5',
      refundFen: 860_000,
      approvals: ['self_operated_head', 'finance'],
    });
    const late = decide(base, request({ kind: 'return', at: sh('2026-03-09T08:00') }));
    expect(late).toMatchObject({ outcome: 'denied', rule: 'RET-5', refundFen: 0 });
    expect(late.explanation.zh).toContain('已过 8 天');
    expect(
      decide(line({ handedOverAt: delivered, intact: false }), request({ kind: 'return' })),
    ).toMatchObject({
      outcome: 'denied',
      rule: 'RET-5',
    });
  });

  it('RET-5: days are the store’s calendar days — delivered 23:30 counts that day as day 0', () => {
    const lateEvening = line({ handedOverAt: sh('2026-03-01T23:30') });
    expect(decide(lateEvening, request({ kind: 'return', at: sh('2026-03-08T23:59') }))).toMatchObject({
      outcome: 'allowed',
    });
    expect(decide(lateEvening, request({ kind: 'return', at: sh('2026-03-09T00:01') }))).toMatchObject({
      outcome: 'denied',
    });
  });

  it('RET-4: self-pickup within 7 days of purchase only with the packaging unopened', () => {
    const pickup = line({ fulfilment: 'self_pickup', handedOverAt: sh('2026-03-03T10:00') });
    expect(decide(pickup, request({ kind: 'return', at: sh('2026-03-08T10:00') }))).toMatchObject({
      outcome: 'allowed',
      rule: 'RET-4',
      documents: ['pickup_slip', 'receipt_or_invoice', 'customer_signature'],
    });
    // Counted from the purchase, not from the pickup.
    expect(decide(pickup, request({ kind: 'return', at: sh('2026-03-09T10:00') }))).toMatchObject({
      outcome: 'denied',
      rule: 'RET-4',
    });
    expect(
      decide({ ...pickup, packaging: 'opened' }, request({ kind: 'exchange', at: sh('2026-03-04T10:00') })),
    ).toMatchObject({ outcome: 'denied', rule: 'RET-4' });
  });

  it('RET-9: online shops give 30 days from the parcel’s arrival; day 31 is refused', () => {
    const online = line({ channel: 'online', handedOverAt: sh('2026-03-01T12:00') });
    expect(decide(online, request({ kind: 'return', at: sh('2026-03-31T12:00') }))).toMatchObject({
      outcome: 'allowed',
      rule: 'RET-9',
      approvals: ['shop_administrator'],
    });
    expect(decide(online, request({ kind: 'return', at: sh('2026-04-01T12:00') }))).toMatchObject({
      outcome: 'denied',
      rule: 'RET-9',
    });
  });

  it('RET-9: day 30 runs to the store’s midnight — 23:59 on day 30 is in time, 00:01 on day 31 is not, for an exchange too; the sentence counts the days', () => {
    const online = line({ channel: 'online', handedOverAt: sh('2026-03-01T21:30') });
    const inTime = decide(online, request({ kind: 'exchange', at: sh('2026-03-31T23:59') }));
    expect(inTime).toMatchObject({ outcome: 'allowed', rule: 'RET-9', refundFen: 0 });
    expect(inTime.explanation.zh).toContain('第 30 天申请，在 30 天内，可以换货');
    const late = decide(online, request({ kind: 'exchange', at: sh('2026-04-01T00:01') }));
    expect(late).toMatchObject({ outcome: 'denied', rule: 'RET-9', refundFen: 0 });
    expect(late.explanation.zh).toContain('已过 31 天，超过 30 天退换期限');
    // The online window is the policy's, not the store's seven days.
    const longer = { ...DEFAULT_RETURN_POLICY, version: 'v9', onlineReturnDays: 45 };
    expect(decide(online, request({ kind: 'return', at: sh('2026-04-15T10:00') }), longer)).toMatchObject({
      outcome: 'allowed',
      rule: 'RET-9',
      policyVersion: 'v9',
    });
    // Not yet received: nothing to send back, the order is cancelled instead.
    expect(decide(line({ channel: 'online' }), request({ kind: 'return' }))).toMatchObject({
      outcome: 'denied',
      rule: 'RET-9',
    });
  });

  it('RET-3 / RET-6: custom goods are not returned for a change of mind; clearance goods never, for any reason', () => {
    const custom = line({ custom: true, handedOverAt: sh('2026-03-02T10:00') });
    expect(decide(custom, request({ kind: 'return' }))).toMatchObject({ outcome: 'denied', rule: 'RET-3' });
    const clearance = line({ clearance: true, handedOverAt: sh('2026-03-02T10:00') });
    for (const kind of ['cancel', 'return', 'exchange'] as const)
      for (const reason of ['quality', 'change_of_mind'] as const)
        expect(
          decide(clearance, request({ kind, reason, inspection: 'defect', customerInsists: true })),
        ).toMatchObject({
          outcome: 'denied',
          rule: 'RET-6',
        });
  });

  it('RET-5: an exchange hands over new goods — nothing is refunded', () => {
    expect(
      decide(line({ handedOverAt: delivered }), request({ kind: 'exchange', at: sh('2026-03-03T10:00') })),
    ).toMatchObject({
      outcome: 'allowed',
      refundFen: 0,
      explanation: { zh: expect.stringContaining('可以换货') },
    });
  });
});

describe('RET-7 quality claims', () => {
  const delivered = line({ handedOverAt: sh('2026-01-01T10:00') });
  const claim = (over: Partial<ReturnRequest>) =>
    request({ kind: 'return', reason: 'quality', at: sh('2026-03-01T10:00'), ...over });
  it('RET-7: a technician inspects first; misuse is a charged repair; a defect is repaired with an apology', () => {
    expect(decide(delivered, claim({}))).toMatchObject({ outcome: 'inspect_first', rule: 'RET-7' });
    expect(decide(delivered, claim({ inspection: 'misuse' }))).toMatchObject({ outcome: 'charged_repair' });
    expect(decide(delivered, claim({ inspection: 'no_fault' }))).toMatchObject({ outcome: 'denied' });
    expect(decide(delivered, claim({ inspection: 'defect' }))).toMatchObject({
      outcome: 'repair_with_apology',
    });
  });

  it('RET-7 / RET-3: a defect the customer insists on is returned — custom goods too — but not special-offer goods', () => {
    expect(decide(delivered, claim({ inspection: 'defect', customerInsists: true }))).toMatchObject({
      outcome: 'allowed',
      refundFen: 860_000,
    });
    expect(
      decide({ ...delivered, custom: true }, claim({ inspection: 'defect', customerInsists: true })),
    ).toMatchObject({
      outcome: 'allowed',
    });
    expect(
      decide({ ...delivered, specialOffer: true }, claim({ inspection: 'defect', customerInsists: true })),
    ).toMatchObject({ outcome: 'denied', rule: 'RET-7' });
  });
});

describe('RET-10 decisions are reproducible from stored facts and the policy version in force', () => {
  const v1: ReturnPolicy = { ...DEFAULT_RETURN_POLICY, version: 'v1', effectiveFrom: sh('2026-01-01T00:00') };
  const v2: ReturnPolicy = {
    ...DEFAULT_RETURN_POLICY,
    version: 'v2',
    effectiveFrom: sh('2026-06-01T00:00'),
    cancellationFeePercent: 15,
    returnDays: 10,
  };
  it('RET-10: the version in force is the latest started by the request’s instant', () => {
    expect(policyInForce([v2, v1], sh('2026-05-31T23:59')).version).toBe('v1');
    expect(policyInForce([v2, v1], sh('2026-06-01T00:00')).version).toBe('v2');
    expect(policyInForce([v2, v1], sh('2025-12-31T00:00')).version).toBe('default');
  });

  const facts = fc.record({
    channel: fc.constantFrom('store' as const, 'online' as const),
    fulfilment: fc.constantFrom('delivery' as const, 'self_pickup' as const),
    priceFen: fc.integer({ min: 0, max: 10_000_000 }),
    paidShare: fc.integer({ min: 0, max: 100 }),
    custom: fc.boolean(),
    clearance: fc.boolean(),
    specialOffer: fc.boolean(),
    orderedAt: fc.integer({ min: sh('2026-01-01T00:00'), max: sh('2026-12-31T00:00') }),
    handedOverAfter: fc.option(fc.integer({ min: 0, max: 20 * 86_400_000 })),
    askedAfter: fc.integer({ min: 0, max: 60 * 86_400_000 }),
    packaging: fc.constantFrom('unopened' as const, 'opened' as const),
    intact: fc.boolean(),
    kind: fc.constantFrom('cancel' as const, 'return' as const, 'exchange' as const),
    reason: fc.constantFrom('quality' as const, 'change_of_mind' as const),
    inspection: fc.constantFrom(null, 'defect' as const, 'misuse' as const, 'no_fault' as const),
    customerInsists: fc.boolean(),
  });
  const build = (f: typeof facts extends fc.Arbitrary<infer T> ? T : never) => {
    const handedOverAt = f.handedOverAfter === null ? null : f.orderedAt + f.handedOverAfter;
    return {
      line: line({
        channel: f.channel,
        fulfilment: f.fulfilment,
        priceFen: f.priceFen,
        paidFen: Math.round((f.priceFen * f.paidShare) / 100),
        custom: f.custom,
        clearance: f.clearance,
        specialOffer: f.specialOffer,
        orderedAt: f.orderedAt,
        paidAt: f.orderedAt,
        handedOverAt,
        packaging: f.packaging,
        intact: f.intact,
      }),
      request: request({
        kind: f.kind,
        reason: f.reason,
        at: (handedOverAt ?? f.orderedAt) + f.askedAfter,
        inspection: f.inspection,
        customerInsists: f.customerInsists,
      }),
    };
  };

  it('RET-2 / RET-10: the fee is never negative nor above the price or what was paid; denied means no refund; refund plus fee never exceed the payment', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom(v1, v2), (f, policy) => {
        const { line: l, request: r } = build(f);
        const d = decideReturn(l, r, policy, TZ);
        return (
          d.feeFen >= 0 &&
          d.feeFen <= l.priceFen &&
          d.feeFen + d.refundFen <= l.paidFen &&
          d.refundFen >= 0 &&
          (d.outcome !== 'denied' || d.refundFen === 0) &&
          d.explanation.zh.startsWith(`${d.rule}：`) &&
          d.policyVersion === policy.version
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('RET-10: the same facts and policy version give the same decision; a newer policy version never changes a past decision', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const { line: l, request: r } = build(f);
        const versions = [v1];
        const before = decideReturn(l, r, policyInForce(versions, r.at), TZ);
        // A policy change made later (effective after the request) leaves the decision as it was.
        const later: ReturnPolicy = { ...v2, version: 'later', effectiveFrom: r.at + 1 };
        const after = decideReturn(l, r, policyInForce([...versions, later], r.at), TZ);
        return JSON.stringify(before) === JSON.stringify(after);
      }),
      { numRuns: 500 },
    );
  });
});
