/**
 * What the technician records before completion (完工, REP-5, PAY-3/4): the fault cause found on
 * site — one of a short list, with free text — and, on a charged order (class A), the charges
 * (the items of the order's quote, in fen). The liability that decides paid or free (PAY-5,
 * `FaultCause`) is a separate, earlier judgement; a found product defect or misuse updates it.
 */
import type { FaultCause } from './workorders.service-class';
import type { ServiceClass } from './workorders.service-class';

/** 故障原因: the short list the technician picks from on the phone. */
export const FAULT_FINDINGS = [
  'wear',
  'component_failure',
  'product_defect',
  'misuse',
  'installation',
  'external',
  'other',
] as const;
export type FaultFinding = (typeof FAULT_FINDINGS)[number];

/** PAY-5: what a finding says about liability; null leaves the earlier judgement as it was. */
export function liabilityOf(finding: FaultFinding): FaultCause | null {
  if (finding === 'product_defect') return 'defect';
  if (finding === 'misuse') return 'misuse';
  return null;
}

export type CompletionGap = 'fault_cause_missing' | 'fault_cause_note_missing' | 'charges_missing';

export interface CompletionFacts {
  diagnosis: { finding: FaultFinding; note: string } | null;
  serviceClass: ServiceClass;
  /** Item lines of the order's quote (PAY-3), 0 when none was drafted. */
  chargeLines: number;
}

/**
 * What is still missing before the order can be completed, first gap first: the fault cause (with
 * a note when the finding is "other"), then, on a charged order, at least one charge line.
 */
export function completionGap(f: CompletionFacts): CompletionGap | null {
  if (!f.diagnosis) return 'fault_cause_missing';
  if (f.diagnosis.finding === 'other' && !f.diagnosis.note.trim()) return 'fault_cause_note_missing';
  if (f.serviceClass === 'A' && f.chargeLines === 0) return 'charges_missing';
  return null;
}
