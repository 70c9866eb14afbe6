/**
 * IN-8 coordination sheet (协调单): the paper a letter's responsible department works from. A
 * service-report letter (报事) issues one at once; for a complaint letter (投诉) the customer-centre
 * assistant decides whether to open one; praise (CMP-9) and other business letters never get one.
 */
import type { LetterCategory } from './letter-routing';

/** When a letter of this category gets a coordination sheet. */
export type CoordinationSheetRule = 'at_once' | 'assistant_decides' | 'never';

const RULES: Record<LetterCategory, CoordinationSheetRule> = {
  service_report: 'at_once',
  complaint: 'assistant_decides',
  praise: 'never',
  other_business: 'never',
};

/** IN-8: whether a letter of this category gets its sheet at registration, by the assistant's decision, or never. */
export function coordinationSheetRule(category: LetterCategory): CoordinationSheetRule {
  return RULES[category];
}

/**
 * The department's default time to handle a sheet: like a department's first reply to a
 * rectification (SLA-3), close of business on the 2nd working day after it is issued.
 */
export const COORDINATION_SHEET_DEFAULT_WORKING_DAYS = 2;

/** What the department is asked to do when the assistant writes nothing else. */
export const COORDINATION_SHEET_DEFAULT_REQUEST =
  '请核实来函所述情况，安排处理，并在处理期限前将处理结果书面反馈客户服务中心。';

/** Sheet number 'XT' + the local date + the unit's daily sequence (4 digits), e.g. XT202612060001. */
export function formatCoordinationSheetNumber(localDate: string, sequence: number): string {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(localDate) ||
    !Number.isInteger(sequence) ||
    sequence < 1 ||
    sequence > 9999
  )
    throw new RangeError(`cannot number a coordination sheet with ${localDate} / ${sequence}`);
  return `XT${localDate.replaceAll('-', '')}${String(sequence).padStart(4, '0')}`;
}
