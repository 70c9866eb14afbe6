/**
 * REP-1: dispatch only with the facts. A visit to the customer's product (installation, repair,
 * carry-in) is assigned, and the technician leaves, only when the order knows the address, the
 * product/model and the purchase date (and a phone to reach the customer). Model and purchase date
 * come from the asset in the customer's archive when the order names one, otherwise from the order.
 */
import {
  describeMissing,
  DISPATCH_FACT_TEXT,
  missingForDispatch,
  type DispatchFact,
} from '../../../domain/workorders/workorders.readiness';
import type { WorkOrderType } from '../../../domain/workorders';
import type { Db } from '../../app/db';
import { AppError } from '../../app/errors';
import { loadChildren } from '../customers/customers.service';
import type { WorkOrderRow } from './workorders.repository';

/**
 * The order types that visit a customer's product (a delivery brings it: JRN-3 checks the order's
 * address first). A quality inspection of returned goods (RET-7) takes its facts from the sales
 * order, and a return delivery brings back an item already booked in.
 */
export const FACT_CHECKED_TYPES: readonly WorkOrderType[] = ['install', 'delivery', 'repair', 'carry_in'];

type FactsOrder = Pick<
  WorkOrderRow,
  'type' | 'customerId' | 'assetId' | 'address' | 'contactPhone' | 'productModel' | 'purchaseDate'
>;

/** The missing dispatch facts of an order (empty when complete or when its type is not checked). */
export async function missingDispatchFacts(db: Db, o: FactsOrder): Promise<DispatchFact[]> {
  if (!FACT_CHECKED_TYPES.includes(o.type)) return [];
  const asset =
    o.customerId && o.assetId
      ? (await loadChildren(db, [o.customerId])).assets.find((a) => a.id === o.assetId)
      : undefined;
  return missingForDispatch({
    address: o.address,
    productModel: asset?.model || o.productModel,
    purchaseDate: asset?.purchaseDate || o.purchaseDate,
    contactPhone: o.contactPhone,
    // Departure's own checks (class, quote, time) are not part of REP-1's facts.
    serviceClass: null,
    quoteApproved: false,
    quoteSignedByCustomer: false,
    appointmentStart: null,
  });
}

/** The missing facts, each named, for clients and the error's details. */
export const namedFacts = (missing: readonly DispatchFact[]) =>
  missing.map((fact) => ({ fact, ...DISPATCH_FACT_TEXT[fact] }));

/** 422 workorders.dispatch_facts_missing naming every missing fact in Chinese and English. */
export function dispatchFactsMissing(missing: readonly DispatchFact[]) {
  const text = describeMissing(missing);
  return new AppError(
    'workorders.dispatch_facts_missing',
    422,
    `派工资料不全，请先向业务员、店长或上级核实，再向客户确认。${text.zh}`,
    `The order lacks facts needed to dispatch; check with the salesperson, store manager or superior, then the customer. ${text.en}`,
    { missing: namedFacts(missing) },
  );
}

/** Throws when the order cannot be dispatched yet (assignment and departure, REP-1). */
export async function requireDispatchFacts(db: Db, o: FactsOrder): Promise<void> {
  const missing = await missingDispatchFacts(db, o);
  if (missing.length) throw dispatchFactsMissing(missing);
}
