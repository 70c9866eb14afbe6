import { z } from 'zod';
import { idParams, pagination } from './common';

/** The customer archive's API (客户档案, CUS-1): request and response schemas shared by server and web. */
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const isoDate = z.iso.date().nullable().optional();

export { idParams };

/** A phone in a body: `id` keeps an existing phone (its number need not be repeated), no `id` adds one. */
const phoneIn = z.strictObject({
  id: z.uuid().optional(),
  number: z.string().max(40).optional(),
  label: optionalText(30),
  isPrimary: z.boolean().optional(),
});
const addressIn = z.strictObject({
  id: z.uuid().optional(),
  label: optionalText(30),
  address: text(300),
  isPrimary: z.boolean().optional(),
});
const assetIn = z.strictObject({
  id: z.uuid().optional(),
  kind: z.enum(['product', 'vehicle', 'house']),
  name: text(100),
  model: optionalText(100),
  number: optionalText(60),
  purchaseDate: isoDate,
  warrantyEnd: isoDate,
  serviceIntervalDays: z.number().int().min(1).max(3650).nullable().optional(),
  note: optionalText(500),
  /** House: the date on the property certificate (the title number is due 14 days after it). */
  titleCertificateOn: isoDate,
  /** House: the property-title number (产权证号). */
  titleNumber: optionalText(100),
});
const specialAttentionIn = z
  .strictObject({ reason: text(200), note: optionalText(1000) })
  .nullable()
  .optional();

const customerFields = {
  name: text(100),
  birthday: isoDate,
  source: optionalText(60),
  identityNumber: optionalText(40),
  note: optionalText(2000),
  draft: z.boolean().optional(),
  specialAttention: specialAttentionIn,
  phones: z.array(phoneIn).max(10).optional(),
  addresses: z.array(addressIn).max(10).optional(),
  assets: z.array(assetIn).max(100).optional(),
};
export const createCustomerBody = z.strictObject({ unitId: z.uuid(), ...customerFields });
export const updateCustomerBody = z.strictObject({ ...customerFields, name: text(100).optional() });
export type CreateCustomerInput = z.infer<typeof createCustomerBody>;
export type UpdateCustomerInput = z.infer<typeof updateCustomerBody>;

export const listCustomersQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  unitId: z.uuid().optional(),
  specialAttention: z.enum(['true', 'false']).optional(),
  draft: z.enum(['true', 'false']).optional(),
  ...pagination,
});
export const unmaskBody = z.strictObject({ reason: text(200) });

const phoneOut = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(['mobile', 'landline', 'service']),
  label: z.string().nullable(),
  isPrimary: z.boolean(),
});
const addressOut = z.object({
  id: z.string(),
  label: z.string().nullable(),
  address: z.string(),
  isPrimary: z.boolean(),
});
export const assetOut = z.object({
  id: z.string(),
  kind: z.enum(['product', 'vehicle', 'house']),
  name: z.string(),
  model: z.string().nullable(),
  number: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  serviceIntervalDays: z.number().nullable(),
  note: z.string().nullable(),
  titleCertificateOn: z.string().nullable(),
  titleNumber: z.string().nullable(),
  /** The last day the title number may be supplied (certificate date + 14 calendar days). */
  titleDueOn: z.string().nullable(),
});
export const specialAttentionOut = z
  .object({
    reason: z.string(),
    note: z.string().nullable(),
    setAt: z.string().nullable(),
    setById: z.string().nullable(),
  })
  .nullable();
export const customerSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  birthday: z.string().nullable(),
  source: z.string().nullable(),
  identityNumber: z.string().nullable(),
  note: z.string().nullable(),
  draft: z.boolean(),
  specialAttention: specialAttentionOut,
  /** True when phone and ID numbers are shown masked (CUS-4). */
  masked: z.boolean(),
  phones: z.array(phoneOut),
  addresses: z.array(addressOut),
  assets: z.array(assetOut),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const customerListSchema = z.object({ items: z.array(customerSchema), total: z.number() });
export const unmaskedSchema = z.object({
  id: z.string(),
  identityNumber: z.string().nullable(),
  phones: z.array(
    z.object({ id: z.string(), number: z.string(), normalized: z.string(), label: z.string().nullable() }),
  ),
});
export const cardSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  draft: z.boolean(),
  specialAttention: specialAttentionOut,
  phones: z.array(phoneOut),
  assets: z.array(assetOut),
  lastContacts: z.array(z.unknown()),
  openTickets: z.array(z.unknown()),
  /** Every section other modules registered, by name (lastContacts and openTickets included). */
  sections: z.record(z.string(), z.unknown()),
});

export type Customer = z.infer<typeof customerSchema>;
export type CustomerCard = z.infer<typeof cardSchema>;

/** CUS-3: what the access log records. */
export const ACCESS_KINDS = ['view', 'card', 'unmask', 'export'] as const;
export const ACCESS_KIND_LABELS: Record<(typeof ACCESS_KINDS)[number], { zh: string; en: string }> = {
  view: { zh: '查看档案', en: 'Record viewed' },
  card: { zh: '来电弹屏', en: 'Caller card shown' },
  unmask: { zh: '查看完整号码', en: 'Full numbers viewed' },
  export: { zh: '导出', en: 'Exported' },
};

export const accessFilter = z.strictObject({
  userId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  kind: z.enum(ACCESS_KINDS).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export const accessQuery = accessFilter.extend(pagination);
export const accessEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** Views by the same person of the same record within a few minutes are one row (`times`). */
  lastAt: z.string(),
  times: z.number(),
  kind: z.enum(ACCESS_KINDS),
  user: z.object({ id: z.string(), displayName: z.string() }),
  customer: z.object({ id: z.string(), name: z.string() }).nullable(),
  unit: z.object({ id: z.string(), name: z.string() }),
  reason: z.string().nullable(),
  rows: z.number().nullable(),
  exportId: z.string().nullable(),
});
export const accessListSchema = z.object({ items: z.array(accessEntrySchema), total: z.number() });
export type AccessEntry = z.infer<typeof accessEntrySchema>;

/** An export above the approval limit is requested with the list's filter and a reason (CUS-3). */
export const exportRequestBody = z.strictObject({
  filter: listCustomersQuery.omit({ page: true, pageSize: true }).default({}),
  reason: text(200),
});
export const exportRequestSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  requestedBy: z.object({ id: z.string(), displayName: z.string() }),
  requestedAt: z.string(),
  filter: z.record(z.string(), z.unknown()),
  reason: z.string(),
  rows: z.number(),
  status: z.enum(['pending', 'approved', 'sent_back']),
  decidedAt: z.string().nullable(),
  downloads: z.number(),
});
export const exportRequestListSchema = z.object({ items: z.array(exportRequestSchema), total: z.number() });
export const exportRequestsQuery = z.strictObject({
  mine: z.enum(['true', 'false']).optional(),
  ...pagination,
});
export type CustomerExportRequest = z.infer<typeof exportRequestSchema>;

/** CUS-2: who may fill in a change form (客户信息变更登记表) and which proofs verify a customer. */
export const CHANGE_SOURCES = [
  'customer_service',
  'property_company',
  'regional_sales',
  'sales_management',
  'other',
] as const;
export const CHANGE_SOURCE_LABELS: Record<(typeof CHANGE_SOURCES)[number], { zh: string; en: string }> = {
  customer_service: { zh: '客服中心', en: 'Customer service' },
  property_company: { zh: '物业公司', en: 'Property company' },
  regional_sales: { zh: '区域销售', en: 'Regional sales' },
  sales_management: { zh: '销售管理部', en: 'Sales management' },
  other: { zh: '其他部门', en: 'Other unit' },
};
export const PROOF_KINDS = ['id_number', 'phone', 'room'] as const;
export const PROOF_KIND_LABELS: Record<(typeof PROOF_KINDS)[number], { zh: string; en: string }> = {
  id_number: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '预留电话', en: 'Phone on file' },
  room: { zh: '房号', en: 'Room number' },
};

/** The identity-bearing fields a change form may change; lists replace the current ones as in PATCH. */
export const identityChanges = z.strictObject({
  name: text(100).optional(),
  identityNumber: optionalText(40),
  phones: z.array(phoneIn).max(10).optional(),
  addresses: z.array(addressIn).max(10).optional(),
  /** New room numbers of the customer's houses. */
  rooms: z
    .array(z.strictObject({ assetId: z.uuid(), number: optionalText(60) }))
    .max(20)
    .optional(),
});
export type IdentityChanges = z.infer<typeof identityChanges>;
export const submitChangeBody = z.strictObject({
  source: z.enum(CHANGE_SOURCES),
  reason: text(500),
  changes: identityChanges,
});
/**
 * CUS-2 change-form states. `stale`: another form changing one of the same fields applied while this
 * one waited; it was written against a record that no longer exists and must be filled in again.
 */
export const CHANGE_STATUSES = ['submitted', 'applied', 'rejected', 'stale'] as const;
export const applyChangeBody = z.strictObject({
  /** What the customer gave for each proof checked; compared with the record, stored as kinds only. */
  proofs: z.array(z.strictObject({ kind: z.enum(PROOF_KINDS), value: z.string().max(60) })).max(3),
  note: optionalText(500),
});
export const rejectChangeBody = z.strictObject({ note: text(500) });
export const changeParams = z.strictObject({ id: z.uuid(), changeId: z.uuid() });
export const changeQueueQuery = z.strictObject({
  status: z.enum(CHANGE_STATUSES).optional(),
  ...pagination,
});

const identityOut = z.object({
  name: z.string(),
  identityNumber: z.string().nullable(),
  phones: z.array(z.object({ number: z.string(), kind: z.string(), label: z.string().nullable() })),
  addresses: z.array(z.object({ label: z.string().nullable(), address: z.string() })),
  rooms: z.array(z.object({ assetId: z.string(), name: z.string(), number: z.string().nullable() })),
});
const personOut = z.object({ id: z.string(), displayName: z.string() }).nullable();
export const changeRequestSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  source: z.enum(CHANGE_SOURCES),
  reason: z.string(),
  status: z.enum(CHANGE_STATUSES),
  submittedBy: personOut,
  submittedAt: z.string(),
  /** The record as it would read once the form applies (numbers masked for roles without the right). */
  proposed: identityOut,
  /** The fields the form changes. */
  fields: z.array(z.enum(['name', 'identityNumber', 'phones', 'addresses', 'rooms'])),
  decidedBy: personOut,
  decidedAt: z.string().nullable(),
  proofs: z.array(z.enum(PROOF_KINDS)).nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().nullable(),
});
export const changeRequestListSchema = z.object({ items: z.array(changeRequestSchema), total: z.number() });
export const customerVersionSchema = z.object({
  version: z.number(),
  at: z.string(),
  by: personOut,
  kind: z.enum(['created', 'change_form', 'draft']),
  reason: z.string().nullable(),
  changeRequestId: z.string().nullable(),
  source: z.enum(CHANGE_SOURCES).nullable(),
  proofs: z.array(z.enum(PROOF_KINDS)).nullable(),
  snapshot: identityOut,
});
export const customerVersionListSchema = z.object({ items: z.array(customerVersionSchema) });
export type ChangeRequest = z.infer<typeof changeRequestSchema>;
export type CustomerVersion = z.infer<typeof customerVersionSchema>;

// ---- CUS-1: the 360° view ---------------------------------------------------------------------

const overviewItem = z.object({
  id: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  state: z.string().nullable(),
  at: z.string().nullable(),
  unitName: z.string().nullable(),
});
const overviewSection = z.object({
  /** False when the caller may not read this kind of record anywhere. */
  allowed: z.boolean(),
  total: z.number(),
  items: z.array(overviewItem),
});
export const overviewSchema = z.object({
  customerId: z.string(),
  member: z
    .object({
      id: z.string(),
      memberNumber: z.string(),
      level: z.string(),
      joinedOn: z.string(),
      balance: z.number(),
      unitName: z.string(),
    })
    .nullable(),
  sections: z.object({
    orders: overviewSection,
    assets: overviewSection,
    tickets: overviewSection,
    workOrders: overviewSection,
    contacts: overviewSection,
    followUps: overviewSection,
    surveys: overviewSection,
    membership: overviewSection,
  }),
});
export type CustomerOverview = z.infer<typeof overviewSchema>;
export type OverviewSectionOut = z.infer<typeof overviewSection>;
export type OverviewItemOut = z.infer<typeof overviewItem>;

// ---- Real estate: property titles (CUS-1) and the sales archive's hand-over check (CUS-5) ------

export const propertyTitlesQuery = z.object({
  state: z.enum(['overdue', 'pending']).default('overdue'),
  ...pagination,
});
export const propertyTitleListSchema = z.object({
  items: z.array(
    z.object({
      assetId: z.string(),
      name: z.string(),
      roomNumber: z.string().nullable(),
      titleCertificateOn: z.string(),
      dueOn: z.string(),
      state: z.enum(['none', 'supplied', 'pending', 'overdue']),
      daysOverdue: z.number(),
      customerId: z.string(),
      customerName: z.string(),
      unitName: z.string(),
    }),
  ),
  total: z.number(),
});
export const handoverReceiveBody = z.strictObject({
  /** The day the house is handed over to the customer. */
  handoverOn: z.iso.date(),
  /** Defaults to today. */
  receivedOn: z.iso.date().optional(),
});
export const handoverCheckBody = z.strictObject({
  roomOk: z.boolean(),
  phoneOk: z.boolean(),
  addressOk: z.boolean(),
  /** Required unless all three are ticked. */
  problem: z.string().trim().max(1000).nullable().optional(),
});
export const handoverCheckSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  unitName: z.string(),
  handoverOn: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  receivedLate: z.boolean(),
  checked: z.boolean(),
  roomOk: z.boolean().nullable(),
  phoneOk: z.boolean().nullable(),
  addressOk: z.boolean().nullable(),
  problem: z.string().nullable(),
  outcome: z.enum(['passed', 'problem']).nullable(),
  checkedBy: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type HandoverCheck = z.infer<typeof handoverCheckSchema>;
export const handoverChecksQuery = z.object({
  state: z.enum(['unchecked', 'checked']).default('unchecked'),
  ...pagination,
});
export const handoverCheckListSchema = z.object({ items: z.array(handoverCheckSchema), total: z.number() });
export const handoverOfCustomerSchema = z.object({ check: handoverCheckSchema.nullable() });

// ---- PIPL: a customer's personal-information requests ------------------------------------------

export const personalDataQuery = z.object({ reason: z.string().trim().min(2).max(500) });
export const erasureBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const erasureSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'erased', 'sent_back']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  erased: z.record(z.string(), z.number()).nullable(),
});
export const erasureListSchema = z.object({ items: z.array(erasureSchema) });
