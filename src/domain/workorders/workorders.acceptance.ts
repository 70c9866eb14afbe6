/**
 * The customer's acceptance on the feedback form (安装维修反馈单, REP-5, SAT-1): which aspects are
 * rated depends on the business and the kind of work — the delivery & installation manual rates
 * sales service, workmanship and installation service; repair rates service, workmanship,
 * punctuality and attitude — and the customer accepts the work item by item against the order
 * (验收合格 or 有问题 with a note). An item with a problem becomes a leftover issue (遗留问题, JRN-1).
 * Aspects are data: a stored acceptance keeps the template it was rated on.
 */
import type { BusinessType } from '../org/business-types';
import type { WorkOrderType } from './workorders.states';

export const RATING_TEMPLATES = ['repair', 'installation'] as const;
export type RatingTemplate = (typeof RATING_TEMPLATES)[number];

export const RATING_ASPECT_LABELS = {
  service: { zh: '服务质量', en: 'Service' },
  workmanship: { zh: '施工/安装质量', en: 'Workmanship' },
  punctuality: { zh: '准时到达', en: 'Punctuality' },
  attitude: { zh: '服务态度', en: 'Attitude' },
  sales_service: { zh: '销售服务', en: 'Sales service' },
  installation_service: { zh: '安装服务', en: 'Installation service' },
} as const;
export type RatingAspect = keyof typeof RATING_ASPECT_LABELS;

export const TEMPLATE_ASPECTS: Record<RatingTemplate, readonly RatingAspect[]> = {
  repair: ['service', 'workmanship', 'punctuality', 'attitude'],
  installation: ['sales_service', 'workmanship', 'installation_service'],
};

/** Businesses whose field work is delivery and installation (the delivery & installation manual). */
const INSTALLATION_BUSINESSES: readonly BusinessType[] = ['furniture', 'installer', 'home_decoration'];

/**
 * SAT-1: the template of an order's feedback form. An installation or a delivery is rated on the
 * delivery & installation manual's form (sales service, workmanship, installation service)
 * everywhere; any other work is rated that way in furniture, installer and home-decoration
 * businesses (their manual's form) and as repair elsewhere.
 */
export function ratingTemplateFor(type: WorkOrderType, business: BusinessType): RatingTemplate {
  if (type === 'install' || type === 'delivery') return 'installation';
  return INSTALLATION_BUSINESSES.includes(business) ? 'installation' : 'repair';
}

export function aspectsOf(template: RatingTemplate): readonly RatingAspect[] {
  return TEMPLATE_ASPECTS[template];
}

export const ITEM_RESULTS = ['accepted', 'problem'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

/** A thing to accept: an order line, or the work order's product and the parts it needed. */
export interface AcceptanceItem {
  /** Stable within the order: `line:<lineNo>`, `product`, `part:<position>`. */
  key: string;
  name: string;
  quantity: number;
}

export interface ItemAnswer {
  key: string;
  result: ItemResult;
  note?: string | undefined;
}

/** An item as accepted, kept on the acceptance row. */
export interface AcceptedItem extends AcceptanceItem {
  result: ItemResult;
  note: string;
}

/**
 * The items of the form: the lines of the linked order when there is one, otherwise the product
 * (model) of the work order and the parts it needed.
 */
export function acceptanceItems(source: {
  orderLines: readonly { lineNo: number; product: string; model: string | null; quantity: number }[];
  productModel: string | null;
  partsNeeded: readonly { name: string; quantity: number }[];
}): AcceptanceItem[] {
  if (source.orderLines.length > 0)
    return [...source.orderLines]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((l) => ({
        key: `line:${l.lineNo}`,
        name: l.model ? `${l.product} ${l.model}` : l.product,
        quantity: l.quantity,
      }));
  const items: AcceptanceItem[] = [];
  if (source.productModel?.trim())
    items.push({ key: 'product', name: source.productModel.trim(), quantity: 1 });
  source.partsNeeded.forEach((p, i) => items.push({ key: `part:${i}`, name: p.name, quantity: p.quantity }));
  return items;
}

export type AcceptanceProblem =
  | { code: 'aspect_missing'; aspect: RatingAspect }
  | { code: 'aspect_unknown'; aspect: string }
  | { code: 'item_unanswered'; item: string }
  | { code: 'item_unknown'; key: string }
  | { code: 'item_note_missing'; item: string };

/**
 * SAT-1: what stops the signature — every aspect of the template rated (1–5, nothing else), every
 * item answered once, and a problem described. Null when the form is complete.
 */
export function acceptanceProblem(input: {
  template: RatingTemplate;
  ratings: Readonly<Record<string, number>>;
  items: readonly AcceptanceItem[];
  answers: readonly ItemAnswer[];
}): AcceptanceProblem | null {
  const aspects = aspectsOf(input.template);
  for (const key of Object.keys(input.ratings))
    if (!(aspects as readonly string[]).includes(key)) return { code: 'aspect_unknown', aspect: key };
  for (const aspect of aspects) {
    const score = input.ratings[aspect];
    if (score === undefined || !Number.isInteger(score) || score < 1 || score > 5)
      return { code: 'aspect_missing', aspect };
  }
  const known = new Set(input.items.map((i) => i.key));
  for (const a of input.answers) if (!known.has(a.key)) return { code: 'item_unknown', key: a.key };
  for (const item of input.items) {
    const answer = input.answers.find((a) => a.key === item.key);
    if (!answer) return { code: 'item_unanswered', item: item.name };
    if (answer.result === 'problem' && !answer.note?.trim())
      return { code: 'item_note_missing', item: item.name };
  }
  return null;
}

/** The items as accepted, in the form's order. */
export function acceptedItems(
  items: readonly AcceptanceItem[],
  answers: readonly ItemAnswer[],
): AcceptedItem[] {
  return items.map((item) => {
    const answer = answers.find((a) => a.key === item.key)!;
    return { ...item, result: answer.result, note: answer.note?.trim() ?? '' };
  });
}

/** The items the customer did not accept: each is a leftover issue (遗留问题). */
export function leftoverItems(accepted: readonly AcceptedItem[]): AcceptedItem[] {
  return accepted.filter((i) => i.result === 'problem');
}
