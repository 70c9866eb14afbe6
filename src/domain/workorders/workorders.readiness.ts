/**
 * REP-1 / REP-4 / PAY-3: a work order is dispatched only with the facts, and a technician leaves only
 * when the order is ready. Each check names what is missing, so the dispatcher knows whom to ask
 * (the salesperson, store manager or superior first, then the customer). Pure.
 */

/** What the order knows when someone tries to dispatch it or send the technician off. */
export interface DispatchFacts {
  readonly address: string | null;
  /** Product and model (型号), or the vehicle/house the service is for. */
  readonly productModel: string | null;
  /** Decides the service class (PAY-2): in warranty or not. Null when unknown. */
  readonly purchaseDate: string | null;
  readonly contactPhone: string | null;
  /** Service class (PAY-2); null while the checking department has not given its opinion. */
  readonly serviceClass: 'A' | 'B' | 'C' | 'D' | null;
  /** PAY-3: the charged-service quote's approval and the customer's signature on it. */
  readonly quoteApproved: boolean;
  readonly quoteSignedByCustomer: boolean;
  /** REP-2: the agreed visit window. */
  readonly appointmentStart: number | null;
}

export type DispatchFact =
  | 'address'
  | 'product_model'
  | 'purchase_date'
  | 'contact_phone'
  | 'service_class'
  | 'quote_approved'
  | 'quote_signed'
  | 'appointment';

export const DISPATCH_FACT_TEXT: Readonly<Record<DispatchFact, { zh: string; en: string }>> = {
  address: { zh: '上门地址', en: 'visit address' },
  product_model: { zh: '产品型号', en: 'product and model' },
  purchase_date: { zh: '购买日期', en: 'purchase date' },
  contact_phone: { zh: '联系电话', en: 'contact phone' },
  service_class: {
    zh: '服务类别（收费/合同/免费/内部）',
    en: 'service class (charged/contract/free/internal)',
  },
  quote_approved: { zh: '收费报价审批', en: 'approved charged-service quote' },
  quote_signed: { zh: '客户签字确认的报价单', en: 'quote signed by the customer' },
  appointment: { zh: '约定上门时间', en: 'agreed visit time' },
};

const blank = (v: string | null) => v === null || v.trim() === '';

/** REP-1: the facts a dispatch needs — address, product/model and purchase date — and a phone to reach the customer. */
export function missingForDispatch(facts: DispatchFacts): DispatchFact[] {
  const missing: DispatchFact[] = [];
  if (blank(facts.address)) missing.push('address');
  if (blank(facts.productModel)) missing.push('product_model');
  if (blank(facts.purchaseDate)) missing.push('purchase_date');
  if (blank(facts.contactPhone)) missing.push('contact_phone');
  return missing;
}

/**
 * REP-4 / PAY-3: before the technician departs, on top of the dispatch facts: an agreed time, a
 * service class, and for charged (class A) service a quote approved and signed by the customer.
 */
export function missingForDeparture(facts: DispatchFacts): DispatchFact[] {
  const missing = missingForDispatch(facts);
  if (facts.appointmentStart === null) missing.push('appointment');
  if (facts.serviceClass === null) missing.push('service_class');
  if (facts.serviceClass === 'A') {
    if (!facts.quoteApproved) missing.push('quote_approved');
    if (!facts.quoteSignedByCustomer) missing.push('quote_signed');
  }
  return missing;
}

/** The missing facts as one sentence for the dispatcher: "还缺：上门地址、购买日期". */
export function describeMissing(missing: readonly DispatchFact[]): { zh: string; en: string } {
  return {
    zh: `还缺：${missing.map((m) => DISPATCH_FACT_TEXT[m].zh).join('、')}`,
    en: `Missing: ${missing.map((m) => DISPATCH_FACT_TEXT[m].en).join(', ')}`,
  };
}
