/**
 * Paid or free (有偿/无偿, PAY-1, PAY-2, PAY-5): who checks, and which service class the order is
 * proposed — with the reason shown, so the person checking sees why. Pure decision table.
 */
import type { WorkOrderType } from './workorders.states';

/** PAY-2: A charged, B contract, C free (warranty), D internal administration. */
export type ServiceClass = 'A' | 'B' | 'C' | 'D';
/** PAY-1: how the customer reached us. */
export type WorkOrderSource = 'after_sales' | 'sales' | 'project';
export type Checker = 'after_sales' | 'sales' | 'engineering';
/** PAY-5: what caused the fault, once known. */
export type FaultCause = 'misuse' | 'defect' | 'unknown';

export type ServiceClassReasonCode =
  | 'internal'
  | 'defect_never_charged'
  | 'misuse_charged'
  | 'contract'
  | 'in_warranty'
  | 'warranty_unknown'
  | 'out_of_warranty';

export interface ServiceClassDecision {
  serviceClass: ServiceClass;
  reason: { code: ServiceClassReasonCode; zh: string; en: string };
  /** PAY-5: a product defect — the customer gets an apology. */
  apology: boolean;
}

export interface ServiceClassFacts {
  type: WorkOrderType;
  faultCause: FaultCause;
  /** Local date 'YYYY-MM-DD' of the visit (or today). */
  onDate: string;
  /** The asset's warranty end date 'YYYY-MM-DD', null when unknown or no asset. */
  warrantyEnd: string | null;
  /** A maintenance contract covers the asset on `onDate`. */
  contractCovers: boolean;
}

/** PAY-1: the customer called after-sales → after-sales checks; the sales owner → sales; project work → engineering. */
export function checkerFor(source: WorkOrderSource): Checker {
  return source === 'sales' ? 'sales' : source === 'project' ? 'engineering' : 'after_sales';
}

const decision = (
  serviceClass: ServiceClass,
  code: ServiceClassReasonCode,
  zh: string,
  en: string,
  apology = false,
): ServiceClassDecision => ({ serviceClass, reason: { code, zh, en }, apology });

/** PAY-2/PAY-5 decision table; the first matching row wins (see docs/api-workorders.md). */
export function proposeServiceClass(f: ServiceClassFacts): ServiceClassDecision {
  if (f.type === 'inspection')
    return decision('D', 'internal', '内部巡检，不收费', 'Internal inspection, not billed');
  if (f.faultCause === 'defect')
    return decision(
      'C',
      'defect_never_charged',
      '产品质量问题，一律免费，并向客户致歉',
      'Product defect: never charged, apologise to the customer',
      true,
    );
  if (f.faultCause === 'misuse')
    return decision(
      'A',
      'misuse_charged',
      '使用或保养不当造成的损坏，按价目表收费（保修期内也收费）',
      'Damage from misuse or poor maintenance: charged per the price list, even in warranty',
    );
  if (f.contractCovers)
    return decision('B', 'contract', '在维保合同范围内，按合同服务', 'Covered by a maintenance contract');
  if (f.warrantyEnd === null)
    return decision(
      'A',
      'warranty_unknown',
      '没有保修日期，暂按收费处理，请核实',
      'No warranty date on record: charged until checked',
    );
  if (f.onDate <= f.warrantyEnd)
    return decision(
      'C',
      'in_warranty',
      `在保修期内（至 ${f.warrantyEnd}），免费`,
      `In warranty until ${f.warrantyEnd}: free`,
    );
  return decision(
    'A',
    'out_of_warranty',
    `已过保修期（${f.warrantyEnd} 到期），收费`,
    `Out of warranty since ${f.warrantyEnd}: charged`,
  );
}
