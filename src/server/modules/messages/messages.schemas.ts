import { z } from 'zod';
import { MESSAGE_CHANNELS, MESSAGE_PURPOSES, MESSAGE_STATES } from '../../../domain/messages';

/** Request and response schemas of the messages module; they also generate the OpenAPI document. */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM / time must be HH:MM');

export const idParams = z.strictObject({ id: z.uuid() });
export const unitParams = z.strictObject({ unitId: z.uuid() });
export const customerParams = z.strictObject({ customerId: z.uuid() });

export const contactHoursBody = z.strictObject({
  /** null: the unit follows its parent again. */
  hours: z.strictObject({ start: hhmm, end: hhmm }).nullable(),
});
export const contactHoursSchema = z.object({
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  fromUnitId: z.string().nullable(),
});

export const optOutBody = z.strictObject({
  optedOut: z.boolean(),
  reason: z.string().trim().max(200).nullable().optional(),
});
export const optOutSchema = z.object({
  customerId: z.string(),
  optedOut: z.boolean(),
  reason: z.string().nullable(),
  recordedAt: z.string().nullable(),
  recordedBy: z.string().nullable(),
});

const variableValues = z.record(
  z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
    .max(40),
  z.string().max(500),
);
const templateText = {
  name: z.string().trim().min(1).max(60),
  subject: z.string().trim().max(200).nullable().optional(),
  body: z.string().trim().min(1).max(2000),
};

export const listTemplatesQuery = z.strictObject({ unitId: z.uuid() });
export const createTemplateBody = z.strictObject({
  unitId: z.uuid(),
  code: z
    .string()
    .trim()
    .regex(
      /^[a-z][a-z0-9_]{1,59}$/,
      '编码只能用小写字母、数字和下划线 / lowercase letters, digits and _ only',
    ),
  channel: z.enum(MESSAGE_CHANNELS),
  ...templateText,
});
export const updateTemplateBody = z.strictObject(templateText);
export const previewBody = z.strictObject({
  channel: z.enum(MESSAGE_CHANNELS),
  subject: z.string().max(200).nullable().optional(),
  body: z.string().max(2000),
  /** Values to use instead of the samples. */
  variables: variableValues.optional(),
});

export const templateSchema = z.object({
  /** null for a shipped default nobody has changed. */
  id: z.string().nullable(),
  code: z.string(),
  channel: z.enum(MESSAGE_CHANNELS),
  name: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  variables: z.array(z.string()),
  shipped: z.boolean(),
  /** Where the text comes from: this unit, an ancestor (its id), or the shipped default (null). */
  unitId: z.string().nullable(),
  inherited: z.boolean(),
  updatedAt: z.string().nullable(),
});
export const templateListSchema = z.object({
  items: z.array(templateSchema),
  variables: z.array(z.object({ name: z.string(), zh: z.string(), en: z.string(), sample: z.string() })),
});
export const previewSchema = z.object({
  subject: z.string().nullable(),
  body: z.string(),
  missing: z.array(z.string()),
  unknown: z.array(z.string()),
  /** SMS length in characters and how many billed parts (70 per part, 67 when split). */
  length: z.number(),
  smsParts: z.number(),
});

const isoInstant = z.iso.datetime({ offset: true });
export const listMessagesQuery = z.strictObject({
  unitId: z.uuid().optional(),
  state: z.enum(MESSAGE_STATES).optional(),
  channel: z.enum(MESSAGE_CHANNELS).optional(),
  purpose: z.enum(MESSAGE_PURPOSES).optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export const cancelBody = z.strictObject({ reason: z.string().trim().max(200).optional() });

export const messageSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  customerId: z.string().nullable(),
  channel: z.enum(MESSAGE_CHANNELS),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  templateCode: z.string().nullable(),
  purpose: z.enum(MESSAGE_PURPOSES),
  state: z.enum(MESSAGE_STATES),
  stateReason: z.string().nullable(),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  provider: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  lastError: z.string().nullable(),
  source: z.object({ type: z.string(), id: z.string() }).nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const messageListSchema = z.object({ items: z.array(messageSchema), total: z.number() });
export const attemptSchema = z.object({
  number: z.number(),
  provider: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  error: z.string().nullable(),
});
export const messageDetailSchema = messageSchema.extend({
  attempts: z.number(),
  attemptLog: z.array(attemptSchema),
});
export const providersSchema = z.object({
  sms: z.object({ provider: z.string(), sendsForReal: z.boolean() }),
  email: z.object({ provider: z.string(), sendsForReal: z.boolean() }),
});

export const receiptBody = z.strictObject({
  idempotencyKey: z.string().max(100),
  status: z.enum(['delivered', 'failed']),
  error: z.string().max(1000).optional(),
});
export const receiptSchema = z.object({ id: z.string(), state: z.string() });
