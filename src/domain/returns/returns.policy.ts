/**
 * Returns, exchanges and cancellations (退换货 · 取消订单, RET-1…10) as a pure decision: the facts of
 * an order line, the customer's request and reason, the instant and the policy version in force →
 * allowed or denied, the fee and refund in fen, the documents and approvals the request needs, and
 * the rule that decided it with a sentence a customer understands (RET-10). The same facts and the
 * same policy version always give the same decision, so a stored decision can be re-derived.
 */
import { DAY_MS, getZone, isoDateFromDay, localDayOf, offsetAt } from '../calendar/time-zone';

/** A unit's return policy, one version of it; a change is a new version with a later start. */
export interface ReturnPolicy {
  readonly version: string;
  /** Instant (ms) from which this version applies. */
  readonly effectiveFrom: number;
  /** RET-2: free cancellation within this many hours of ordering. */
  readonly freeCancellationHours: number;
  /** RET-2: fee after that, percent of the line's sale price. */
  readonly cancellationFeePercent: number;
  /** RET-4 / RET-5: calendar days after purchase (self-pickup) or delivery for a return. */
  readonly returnDays: number;
  /** RET-9: online shops' days after the parcel arrives. */
  readonly onlineReturnDays: number;
}

export const DEFAULT_RETURN_POLICY: ReturnPolicy = {
  version: 'default',
  effectiveFrom: 0,
  freeCancellationHours: 48,
  cancellationFeePercent: 10,
  returnDays: 7,
  onlineReturnDays: 30,
};

/** The version in force at an instant: the latest that had started by then (the shipped one before any). */
export function policyInForce(versions: readonly ReturnPolicy[], at: number): ReturnPolicy {
  let best: ReturnPolicy | null = null;
  for (const v of versions)
    if (v.effectiveFrom <= at && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best ?? DEFAULT_RETURN_POLICY;
}

/** One order line as the counter, an import or the shop's ERP recorded it. */
export interface OrderLineFacts {
  readonly channel: 'store' | 'online';
  readonly fulfilment: 'delivery' | 'self_pickup';
  readonly priceFen: number;
  readonly paidFen: number;
  /** Made to the customer's order (定制): paid in full before production (RET-3). */
  readonly custom: boolean;
  /** Clearance (处理品): final sale (RET-6). */
  readonly clearance: boolean;
  /** Special offer (特卖品): no return or exchange for a quality claim either (RET-7). */
  readonly specialOffer: boolean;
  readonly orderedAt: number;
  /** Paid at the counter: the day a self-pickup purchase counts from (RET-4). */
  readonly paidAt: number | null;
  /** Delivered, picked up, or (online) the parcel received. Null: not handed over yet. */
  readonly handedOverAt: number | null;
  readonly packaging: 'unopened' | 'opened';
  /** Goods intact: no damage, nothing missing (RET-5). */
  readonly intact: boolean;
}

export type RequestKind = 'cancel' | 'return' | 'exchange';
export type RequestReason = 'quality' | 'change_of_mind';
/** RET-7: what the technician found on inspection (null: not inspected yet). */
export type InspectionFinding = 'defect' | 'misuse' | 'no_fault';

export interface ReturnRequest {
  readonly kind: RequestKind;
  readonly reason: RequestReason;
  readonly at: number;
  readonly inspection: InspectionFinding | null;
  /** RET-7: after a defect is found the customer still wants the return or exchange rather than a repair. */
  readonly customerInsists: boolean;
}

export type ReturnDocument =
  | 'sales_order'
  | 'receipt_or_invoice'
  | 'pickup_slip'
  | 'delivery_note'
  | 'customer_signature'
  | 'inspection_report';

export type ReturnApprover =
  'general_manager' | 'self_operated_head' | 'shop_administrator' | 'finance' | 'service_centre_notice';

/** The rule that decided it. */
export type ReturnRule = 'RET-2' | 'RET-3' | 'RET-4' | 'RET-5' | 'RET-6' | 'RET-7' | 'RET-9';

export type ReturnOutcome =
  | 'allowed'
  | 'denied'
  /** RET-7: a technician inspects or repairs first (a work order through field service). */
  | 'inspect_first'
  /** RET-7: a defect is repaired with an apology unless the customer insists on a return. */
  | 'repair_with_apology'
  /** RET-7: misuse — repaired and charged per the fee schedule. */
  | 'charged_repair';

export interface ReturnDecision {
  readonly outcome: ReturnOutcome;
  readonly rule: ReturnRule;
  readonly feeFen: number;
  readonly refundFen: number;
  readonly documents: readonly ReturnDocument[];
  readonly approvals: readonly ReturnApprover[];
  /** RET-10: the rule and its reasoning, with the figures, in words a customer understands. */
  readonly explanation: { readonly zh: string; readonly en: string };
  readonly policyVersion: string;
}

const HOUR_MS = 3_600_000;

/** A fen amount as the customer reads it: ¥860.00. */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** An instant as local 'YYYY-MM-DD HH:mm' in the store's time zone. */
export function localStamp(at: number, timeZone: string): string {
  const zone = getZone(timeZone);
  const wall = at + offsetAt(zone, at);
  const minuteOfDay = Math.floor((wall - localDayOf(zone, at) * DAY_MS) / 60_000);
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${isoDateFromDay(localDayOf(zone, at))} ${hh}:${mm}`;
}

/** Calendar days from one instant's local date to another's: the day of delivery is day 0. */
export function calendarDaysBetween(from: number, to: number, timeZone: string): number {
  const zone = getZone(timeZone);
  return localDayOf(zone, to) - localDayOf(zone, from);
}

/**
 * RET-2…RET-9: the decision for one line. `timeZone` is the store's, for the calendar days of
 * RET-4/5/9 and the times quoted in the explanation.
 */
export function decideReturn(
  line: OrderLineFacts,
  request: ReturnRequest,
  policy: ReturnPolicy,
  timeZone: string,
): ReturnDecision {
  const base = { policyVersion: policy.version };
  const deny = (rule: ReturnRule, zh: string, en: string): ReturnDecision => ({
    ...base,
    outcome: 'denied',
    rule,
    feeFen: 0,
    refundFen: 0,
    documents: [],
    approvals: [],
    explanation: { zh: `${rule}：${zh}`, en: `${rule}: ${en}` },
  });

  // RET-6: clearance goods are final sale, whatever the request or reason.
  if (line.clearance)
    return deny(
      'RET-6',
      '处理品一经售出，不退不换、不可取消，也不在质量保证范围内',
      'clearance goods are final sale: no cancellation, return, exchange or credit, and no quality guarantee',
    );

  if (request.kind === 'cancel') return decideCancellation(line, request, policy, timeZone, deny);

  if (request.reason === 'quality') return decideQualityClaim(line, request, policy, deny);

  // Change of mind.
  if (line.custom)
    return deny(
      'RET-3',
      '定制商品按您的要求生产，除质量问题外不能退换',
      'custom-made goods are made to your order and cannot be returned or exchanged unless defective',
    );
  if (line.handedOverAt === null)
    return deny(
      line.channel === 'online' ? 'RET-9' : 'RET-5',
      '商品尚未交付，请办理取消订单',
      'the goods have not been handed over yet; cancel the order instead',
    );
  const days = calendarDaysBetween(line.handedOverAt, request.at, timeZone);
  const since = localStamp(line.handedOverAt, timeZone);

  if (line.channel === 'online') {
    if (days > policy.onlineReturnDays)
      return deny(
        'RET-9',
        `网店商品签收于 ${since}，已过 ${days} 天，超过 ${policy.onlineReturnDays} 天退换期限`,
        `the parcel arrived on ${since}, ${days} days ago, past the ${policy.onlineReturnDays}-day limit`,
      );
    return allow(line, request.kind, 'RET-9', base, {
      documents: ['sales_order', 'receipt_or_invoice'],
      approvals: ['shop_administrator'],
      zh: `网店商品签收于 ${since}，第 ${days} 天申请，在 ${policy.onlineReturnDays} 天内，${settleZh(request.kind, line.paidFen)}`,
      en: `the parcel arrived on ${since}; day ${days} is within ${policy.onlineReturnDays} days, ${settleEn(request.kind, line.paidFen)}`,
    });
  }

  if (line.fulfilment === 'self_pickup') {
    const paid = line.paidAt ?? line.orderedAt;
    const fromPurchase = calendarDaysBetween(paid, request.at, timeZone);
    const bought = localStamp(paid, timeZone);
    if (fromPurchase > policy.returnDays)
      return deny(
        'RET-4',
        `自提商品购买于 ${bought}，已过 ${fromPurchase} 天，超过 ${policy.returnDays} 天退换期限`,
        `self-pickup goods bought on ${bought}, ${fromPurchase} days ago, past the ${policy.returnDays}-day limit`,
      );
    if (line.packaging !== 'unopened')
      return deny(
        'RET-4',
        '自提商品须原包装未拆封才能退换，此商品包装已拆开',
        'self-pickup goods are returnable only in their unopened original packaging; this one has been opened',
      );
    return allow(line, request.kind, 'RET-4', base, {
      documents: ['pickup_slip', 'receipt_or_invoice', 'customer_signature'],
      approvals: ['self_operated_head', 'finance'],
      zh: `自提商品购买于 ${bought}，第 ${fromPurchase} 天申请，包装未拆封，在 ${policy.returnDays} 天内，${settleZh(request.kind, line.paidFen)}`,
      en: `self-pickup goods bought on ${bought}; day ${fromPurchase}, packaging unopened, within ${policy.returnDays} days: ${settleEn(request.kind, line.paidFen)}`,
    });
  }

  if (days > policy.returnDays)
    return deny(
      'RET-5',
      `商品交付于 ${since}，已过 ${days} 天，超过 ${policy.returnDays} 天退换期限`,
      `delivered on ${since}, ${days} days ago, past the ${policy.returnDays}-day limit`,
    );
  if (!line.intact)
    return deny(
      'RET-5',
      '退换的商品须完好无损、配件齐全',
      'goods must be intact with nothing missing to be returned or exchanged',
    );
  return allow(line, request.kind, 'RET-5', base, {
    documents: ['sales_order', 'receipt_or_invoice', 'delivery_note', 'customer_signature'],
    approvals: ['self_operated_head', 'finance'],
    zh: `商品交付于 ${since}，第 ${days} 天申请，商品完好、单据齐全，在 ${policy.returnDays} 天内，${settleZh(request.kind, line.paidFen)}`,
    en: `delivered on ${since}; day ${days}, goods intact with all documents, within ${policy.returnDays} days: ${settleEn(request.kind, line.paidFen)}`,
  });
}

/** What an allowed return or exchange settles to, in the customer's words. */
const settleZh = (kind: RequestKind, paidFen: number) =>
  kind === 'exchange' ? '可以换货' : `可以退货，退款 ${yuan(paidFen)}`;
const settleEn = (kind: RequestKind, paidFen: number) =>
  kind === 'exchange' ? 'it can be exchanged' : `it can be returned, refund ${yuan(paidFen)}`;

function allow(
  line: OrderLineFacts,
  kind: RequestKind,
  rule: ReturnRule,
  base: { policyVersion: string },
  d: { documents: ReturnDocument[]; approvals: ReturnApprover[]; zh: string; en: string },
): ReturnDecision {
  return {
    ...base,
    outcome: 'allowed',
    rule,
    feeFen: 0,
    // An exchange hands over new goods instead of money.
    refundFen: kind === 'return' ? line.paidFen : 0,
    documents: d.documents,
    approvals: d.approvals,
    explanation: { zh: `${rule}：${d.zh}`, en: `${rule}: ${d.en}` },
  };
}

type Deny = (rule: ReturnRule, zh: string, en: string) => ReturnDecision;

/** RET-2: free within the hours after ordering, a percentage fee after; custom orders cannot be cancelled. */
function decideCancellation(
  line: OrderLineFacts,
  request: ReturnRequest,
  policy: ReturnPolicy,
  timeZone: string,
  deny: Deny,
): ReturnDecision {
  if (line.custom)
    return deny('RET-2', '定制（特殊）订单不能取消', 'special (custom-made) orders cannot be cancelled');
  if (line.handedOverAt !== null)
    return deny(
      'RET-2',
      '商品已交付，不能再取消订单，请按退换货办理',
      'the goods have been handed over: ask for a return instead',
    );
  const elapsedMs = Math.max(0, request.at - line.orderedAt);
  const hours = Math.floor(elapsedMs / HOUR_MS);
  const minutes = Math.floor((elapsedMs % HOUR_MS) / 60_000);
  const elapsed = minutes ? `${hours} 小时 ${minutes} 分` : `${hours} 小时`;
  const elapsedEn = minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  const ordered = localStamp(line.orderedAt, timeZone);
  const asked = localStamp(request.at, timeZone);
  const free = elapsedMs <= policy.freeCancellationHours * HOUR_MS;
  // The fee is a share of the sale price, never more than was paid.
  const feeFen = free
    ? 0
    : Math.min(line.paidFen, Math.round((line.priceFen * policy.cancellationFeePercent) / 100));
  const refundFen = line.paidFen - feeFen;
  const limit = policy.freeCancellationHours;
  const zh = free
    ? `下单 ${ordered}，申请取消 ${asked}，相隔 ${elapsed}，未超过 ${limit} 小时，免费取消，退款 ${yuan(refundFen)}`
    : `下单 ${ordered}，申请取消 ${asked}，相隔 ${elapsed}，超过 ${limit} 小时，收取 ${policy.cancellationFeePercent}% 取消费 ${yuan(feeFen)}，退款 ${yuan(refundFen)}`;
  const en = free
    ? `ordered ${ordered}, cancelled ${asked}, ${elapsedEn} ≤ ${limit} h → free, refund ${yuan(refundFen)}`
    : `ordered ${ordered}, cancelled ${asked}, ${elapsedEn} > ${limit} h → fee ${policy.cancellationFeePercent}% = ${yuan(feeFen)}, refund ${yuan(refundFen)}`;
  return {
    policyVersion: policy.version,
    outcome: 'allowed',
    rule: 'RET-2',
    feeFen,
    refundFen,
    documents: ['sales_order', 'receipt_or_invoice', 'customer_signature'],
    approvals: ['general_manager', 'service_centre_notice', 'finance'],
    explanation: { zh: `RET-2：${zh}`, en: `RET-2: ${en}` },
  };
}

/**
 * RET-7: a quality claim goes to a technician first. A defect is repaired with an apology, or — when
 * the customer insists — returned or exchanged (custom goods too: RET-3 "unless defective"), except
 * special-offer goods; misuse is a charged repair; no fault found is no return.
 */
function decideQualityClaim(
  line: OrderLineFacts,
  request: ReturnRequest,
  policy: ReturnPolicy,
  deny: Deny,
): ReturnDecision {
  const base = { policyVersion: policy.version, feeFen: 0, refundFen: 0, rule: 'RET-7' as const };
  if (request.inspection === null)
    return {
      ...base,
      outcome: 'inspect_first',
      documents: ['sales_order'],
      approvals: [],
      explanation: {
        zh: 'RET-7：质量问题先由技师上门检测或维修，检测后再确定处理方式',
        en: 'RET-7: a quality problem is inspected or repaired by a technician first; the outcome follows the inspection',
      },
    };
  if (request.inspection === 'misuse')
    return {
      ...base,
      outcome: 'charged_repair',
      documents: ['inspection_report'],
      approvals: [],
      explanation: {
        zh: 'RET-7：经技师检测属使用不当造成，按收费标准维修，不予退换',
        en: 'RET-7: the inspection found misuse; it is repaired at the scheduled charges and not returned',
      },
    };
  if (request.inspection === 'no_fault')
    return deny(
      'RET-7',
      '经技师检测商品无质量问题，不按质量问题退换',
      'the inspection found no defect, so it is not returned as a quality claim',
    );
  if (!request.customerInsists)
    return {
      ...base,
      outcome: 'repair_with_apology',
      documents: ['inspection_report'],
      approvals: [],
      explanation: {
        zh: 'RET-7：经检测确属质量问题，向您致歉并免费维修；如您坚持，可以办理退换',
        en: 'RET-7: the inspection found a defect; we apologise and repair it free — if you insist, it can be returned or exchanged',
      },
    };
  if (line.specialOffer)
    return deny(
      'RET-7',
      '特卖品确有质量问题的予以维修，但不办理退换',
      'special-offer goods with a defect are repaired, not returned or exchanged',
    );
  return {
    ...base,
    outcome: 'allowed',
    refundFen: request.kind === 'return' ? line.paidFen : 0,
    documents: ['sales_order', 'receipt_or_invoice', 'inspection_report', 'customer_signature'],
    approvals: line.channel === 'online' ? ['shop_administrator'] : ['self_operated_head', 'finance'],
    explanation: {
      zh: `RET-7：经检测确属质量问题，您坚持退换，${settleZh(request.kind, line.paidFen)}`,
      en: `RET-7: the inspection found a defect and you insist, so ${settleEn(request.kind, line.paidFen)}`,
    },
  };
}
