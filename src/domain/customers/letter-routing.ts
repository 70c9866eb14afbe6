/**
 * IN-8 letter register: where each category of letter goes by default. Service reports go to the
 * unit's engineering / after-sales department, complaints and praise letters to its customer-service
 * department, other business letters to administration; a unit without such a department keeps
 * the letter itself.
 */

export const LETTER_CATEGORIES = ['service_report', 'complaint', 'praise', 'other_business'] as const;
export type LetterCategory = (typeof LETTER_CATEGORIES)[number];

export interface DepartmentRef {
  id: string;
  name: string;
  code: string | null;
}

const DEPARTMENT_PATTERNS: Record<LetterCategory, { name: RegExp; code: RegExp }> = {
  service_report: { name: /工程|售后|售服|维修|服务部/, code: /engineer|after.?sales|service|repair/i },
  complaint: { name: /客服|客户服务|客户中心|客户部/, code: /^cs$|^cs[-_]|customer/i },
  praise: { name: /客服|客户服务|客户中心|客户部/, code: /^cs$|^cs[-_]|customer/i },
  other_business: { name: /行政|办公室|综合管理|综合部/, code: /admin|office/i },
};

/** The department (id) of the unit that receives a letter of this category, or the unit's own id. */
export function routeLetter(
  category: LetterCategory,
  unitId: string,
  departments: readonly DepartmentRef[],
): string {
  const pattern = DEPARTMENT_PATTERNS[category];
  const byName = departments.find((d) => pattern.name.test(d.name));
  const byCode = departments.find((d) => d.code !== null && pattern.code.test(d.code));
  return (byName ?? byCode)?.id ?? unitId;
}
