/**
 * The orders API (订单): orders and their lines as the counter enters them or the shop's ERP /
 * e-commerce platform pushes them (idempotent by external reference). Amounts are in fen. The line
 * flags and instants are the facts the return policy (RET-2…9) decides on.
 */
import { z } from 'zod';
import { instantString, pagination, type Labels } from './common';

export const ORDER_CHANNELS = ['store', 'online'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];
export const ORDER_FULFILMENTS = ['delivery', 'self_pickup'] as const;
export type OrderFulfilment = (typeof ORDER_FULFILMENTS)[number];
export const PACKAGING_STATES = ['unopened', 'opened'] as const;
export type PackagingState = (typeof PACKAGING_STATES)[number];
export const ORDER_SOURCES = ['counter', 'api', 'import'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

export const ORDER_CHANNEL_LABELS: Labels<OrderChannel> = {
  store: { zh: '门店', en: 'Store' },
  online: { zh: '网店', en: 'Online shop' },
};
export const ORDER_FULFILMENT_LABELS: Labels<OrderFulfilment> = {
  delivery: { zh: '送货', en: 'Delivery' },
  self_pickup: { zh: '自提', en: 'Self-pickup' },
};
export const PACKAGING_LABELS: Labels<PackagingState> = {
  unopened: { zh: '原包装未拆封', en: 'Unopened' },
  opened: { zh: '已拆封', en: 'Opened' },
};

/** Up to 10 000 000 yuan, in fen. */
const fen = z.number().int().min(0).max(1_000_000_000);
const instant = z.iso.datetime({ offset: true });
const optionalInstant = instant.nullable().optional();

export const orderLineInput = z
  .strictObject({
    product: z.string().trim().min(1).max(200),
    model: z.string().trim().max(100).nullable().optional(),
    quantity: z.number().int().min(1).max(10_000).default(1),
    priceFen: fen,
    paidFen: fen,
    custom: z.boolean().default(false),
    clearance: z.boolean().default(false),
    specialOffer: z.boolean().default(false),
    packaging: z.enum(PACKAGING_STATES).default('unopened'),
  })
  .refine((l) => l.paidFen <= l.priceFen, {
    path: ['paidFen'],
    message: '实付金额不能大于售价 / paid above the price',
  });

const orderFields = {
  unitId: z.uuid(),
  customerId: z.uuid().nullable().optional(),
  orderNo: z.string().trim().min(1).max(60),
  channel: z.enum(ORDER_CHANNELS).default('store'),
  fulfilment: z.enum(ORDER_FULFILMENTS).default('delivery'),
  customerName: z.string().trim().max(100).nullable().optional(),
  customerPhone: z.string().trim().max(30).nullable().optional(),
  orderedAt: instant,
  paidAt: optionalInstant,
  deliveredAt: optionalInstant,
  pickedUpAt: optionalInstant,
  lines: z.array(orderLineInput).min(1).max(200),
};

/** An order entered at the counter. */
export const createOrderBody = z.strictObject(orderFields);
/** An order pushed by the shop's ERP or e-commerce platform: the same reference again updates it. */
export const upsertOrderBody = z.strictObject({
  ...orderFields,
  externalRef: z.string().trim().min(1).max(120),
});
/** The instants that move after the order: paid, delivered, picked up; and the packaging of a line. */
export const updateOrderBody = z.strictObject({
  paidAt: optionalInstant,
  deliveredAt: optionalInstant,
  pickedUpAt: optionalInstant,
});

export const listOrdersQuery = z.strictObject({
  unitId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  ...pagination,
});

export const orderLineSchema = z.object({
  id: z.string(),
  lineNo: z.number(),
  product: z.string(),
  model: z.string().nullable(),
  quantity: z.number(),
  priceFen: z.number(),
  paidFen: z.number(),
  custom: z.boolean(),
  clearance: z.boolean(),
  specialOffer: z.boolean(),
  packaging: z.enum(PACKAGING_STATES),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const orderSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  customerPhone: z.string().nullable(),
  orderNo: z.string(),
  source: z.enum(ORDER_SOURCES),
  externalRef: z.string().nullable(),
  channel: z.enum(ORDER_CHANNELS),
  fulfilment: z.enum(ORDER_FULFILMENTS),
  orderedAt: instantString,
  paidAt: instantString.nullable(),
  deliveredAt: instantString.nullable(),
  pickedUpAt: instantString.nullable(),
  totalFen: z.number(),
  paidFen: z.number(),
  lines: z.array(orderLineSchema),
  createdAt: instantString,
  updatedAt: instantString,
});
export type Order = z.infer<typeof orderSchema>;
/** An Excel sheet filled from the import template, base64-encoded, into one unit (at most 2 MB). */
export const importOrdersBody = z.strictObject({
  unitId: z.uuid(),
  file: z
    .string()
    .min(1)
    .max(2_800_000)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件应为 base64 编码 / base64 expected'),
});
export const importOrdersResponse = z.object({
  imported: z.number(),
  lines: z.number(),
  orderIds: z.array(z.string()),
});
/** The 422 orders.import_invalid details: every problem, by sheet row (the header is row 1). */
export const importProblemSchema = z.object({
  row: z.number(),
  column: z.string().nullable(),
  zh: z.string(),
  en: z.string(),
});
export type ImportProblemView = z.infer<typeof importProblemSchema>;
export const orderListResponse = z.object({ items: z.array(orderSchema), total: z.number() });
export const upsertOrderResponse = z.object({ order: orderSchema, created: z.boolean() });
