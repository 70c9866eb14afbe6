import { z } from 'zod';
import { CONTACT_CHANNELS, LETTER_CATEGORIES } from '../domain/customers';
import { pagination } from './common';

/** Request and response schemas of the contact log (IN-2) and letter register (IN-8). */
export const idParams = z.strictObject({ id: z.uuid() });

export const logContactBody = z.strictObject({
  unitId: z.uuid().optional(),
  customerId: z.uuid().nullable().optional(),
  channel: z.enum(CONTACT_CHANNELS),
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  durationSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .nullable()
    .optional(),
  summary: z.string().trim().min(1).max(2000),
  phoneNumber: z.string().max(40).nullable().optional(),
  ticketId: z.uuid().nullable().optional(),
  letterCategory: z.enum(LETTER_CATEGORIES).optional(),
  /** Overrides the default routing of this one letter (IN-8). */
  letterRoutedToUnitId: z.uuid().optional(),
  sender: z.string().trim().max(200).nullable().optional(),
  receivedOn: z.iso.date().optional(),
});
export type LogContactInput = z.infer<typeof logContactBody>;

export const listContactsQuery = z.strictObject({
  channel: z.enum(CONTACT_CHANNELS).optional(),
  letterCategory: z.enum(LETTER_CATEGORIES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  agentId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  ticketId: z.uuid().optional(),
  q: z.string().trim().min(1).max(100).optional(),
  ...pagination,
});
export type ListContactsQuery = z.infer<typeof listContactsQuery>;

const ref = z.object({ id: z.string(), name: z.string() }).nullable();
export const contactSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  customer: ref,
  channel: z.enum(CONTACT_CHANNELS),
  direction: z.enum(['inbound', 'outbound']),
  occurredAt: z.string(),
  durationSeconds: z.number().nullable(),
  summary: z.string(),
  agent: ref,
  /** Masked (138****5678) unless the caller may see full numbers at the contact's unit (CUS-4). */
  phoneNumber: z.string().nullable(),
  ticketId: z.string().nullable(),
  /** The number of the ticket the contact led to, shown and linked in the call log. */
  ticketNumber: z.string().nullable(),
  callId: z.string().nullable(),
  letter: z
    .object({
      category: z.enum(LETTER_CATEGORIES),
      routedTo: ref,
      sender: z.string().nullable(),
      receivedOn: z.string().nullable(),
      /** IN-8: 'at_once' (service report), 'assistant_decides' (complaint) or 'never'. */
      sheetRule: z.enum(['at_once', 'assistant_decides', 'never']),
      coordinationSheet: z
        .object({ id: z.string(), number: z.string(), issuedAt: z.string(), dueAt: z.string() })
        .nullable(),
    })
    .nullable(),
  createdAt: z.string(),
});
export const contactListSchema = z.object({ items: z.array(contactSchema), total: z.number() });

/** The assistant's choices when opening a complaint letter's sheet; all optional (IN-8). */
export const issueSheetBody = z.strictObject({
  responsibleUnitId: z.uuid().optional(),
  requestedHandling: z.string().trim().max(2000).optional(),
  dueAt: z.iso.datetime({ offset: true }).optional(),
});

const named = z.object({ id: z.string(), name: z.string() });
export const coordinationSheetSchema = z.object({
  id: z.string(),
  number: z.string(),
  contactId: z.string(),
  issuedAt: z.string(),
  issuedBy: named.nullable(),
  dueAt: z.string(),
  requestedHandling: z.string(),
  unit: named,
  responsibleUnit: named,
  letter: z.object({
    category: z.enum(['service_report', 'complaint']),
    sender: z.string().nullable(),
    receivedOn: z.string().nullable(),
    content: z.string(),
  }),
  customer: z.object({
    name: z.string().nullable(),
    /** Masked unless the reader may see full numbers at the letter's unit (CUS-4). */
    phone: z.string().nullable(),
    address: z.string().nullable(),
  }),
  generatedAt: z.string(),
  shortUrl: z.string(),
});

export type Contact = z.infer<typeof contactSchema>;
export type CoordinationSheet = z.infer<typeof coordinationSheetSchema>;
