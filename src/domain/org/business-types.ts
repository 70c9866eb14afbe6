/**
 * What a unit's business is (SAT-1: rating templates per business type). A unit without one of its
 * own takes the nearest one above it; a tree with none at all counts as `other`.
 */
export const BUSINESS_TYPES = [
  'auto_repair',
  'furniture',
  'home_decoration',
  'real_estate',
  'property',
  'installer',
  'retail',
  'ecommerce',
  'other',
] as const;
export type BusinessType = (typeof BUSINESS_TYPES)[number];

export const BUSINESS_TYPE_LABELS: Record<BusinessType, { zh: string; en: string }> = {
  auto_repair: { zh: '汽车维修', en: 'Auto repair' },
  furniture: { zh: '家具', en: 'Furniture' },
  home_decoration: { zh: '家装', en: 'Home decoration' },
  real_estate: { zh: '房地产', en: 'Real estate' },
  property: { zh: '物业', en: 'Property management' },
  installer: { zh: '安装', en: 'Installation' },
  retail: { zh: '零售', en: 'Retail' },
  ecommerce: { zh: '电商', en: 'E-commerce' },
  other: { zh: '其他', en: 'Other' },
};

/** The nearest business type on the line from the unit up to the root (nearest first); `other` when none. */
export function effectiveBusinessType(
  upward: readonly { businessType: BusinessType | null }[],
): BusinessType {
  return upward.find((u) => u.businessType !== null)?.businessType ?? 'other';
}
