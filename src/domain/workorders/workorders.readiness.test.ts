import { describe, expect, it } from 'vitest';
import {
  describeMissing,
  missingForDeparture,
  missingForDispatch,
  type DispatchFacts,
} from './workorders.readiness';

const complete: DispatchFacts = {
  address: '上海市徐汇区漕溪北路 1 号',
  productModel: 'KF-35GW',
  purchaseDate: '2025-06-01',
  contactPhone: '13912345678',
  serviceClass: 'C',
  quoteApproved: false,
  quoteSignedByCustomer: false,
  appointmentStart: Date.parse('2026-12-08T01:00:00Z'),
};

describe('REP-1 dispatch only with the facts', () => {
  it('REP-1: a complete order may be dispatched; a blank address, model or purchase date is named', () => {
    expect(missingForDispatch(complete)).toEqual([]);
    expect(missingForDispatch({ ...complete, address: ' ', productModel: null, purchaseDate: null })).toEqual(
      ['address', 'product_model', 'purchase_date'],
    );
    expect(describeMissing(['address', 'purchase_date'])).toEqual({
      zh: '还缺：上门地址、购买日期',
      en: 'Missing: visit address, purchase date',
    });
  });
});

describe('REP-4 / PAY-3 the technician leaves only when the order is ready', () => {
  it('REP-4: an agreed time and a service class are needed before departure', () => {
    expect(missingForDeparture(complete)).toEqual([]);
    expect(missingForDeparture({ ...complete, appointmentStart: null, serviceClass: null })).toEqual([
      'appointment',
      'service_class',
    ]);
  });

  it('PAY-3: charged (class A) service departs only with the quote approved and signed by the customer', () => {
    const charged = { ...complete, serviceClass: 'A' as const };
    expect(missingForDeparture(charged)).toEqual(['quote_approved', 'quote_signed']);
    expect(missingForDeparture({ ...charged, quoteApproved: true })).toEqual(['quote_signed']);
    expect(missingForDeparture({ ...charged, quoteApproved: true, quoteSignedByCustomer: true })).toEqual([]);
    // Contract and free service need no quote.
    expect(missingForDeparture({ ...complete, serviceClass: 'B' })).toEqual([]);
  });
});
