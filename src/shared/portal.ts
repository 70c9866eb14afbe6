/**
 * The customer portal's API (PORTAL-1): sign in by mobile number and a one-time code, submit a
 * request, see my requests with their state and the replies and progress updates meant for me.
 */
import { z } from 'zod';
import { instantString, itemsOf } from './common';

export const PORTAL_REQUEST_KINDS = ['repair', 'complaint', 'consultation', 'suggestion'] as const;
export type PortalRequestKind = (typeof PORTAL_REQUEST_KINDS)[number];

const mobile = z.string().trim().min(5).max(30);
export const codeRequestBody = z.strictObject({ phone: mobile });
export const codeSentSchema = z.object({ expiresInSeconds: z.number() });
export const signInBody = z.strictObject({
  phone: mobile,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '验证码为 6 位数字 / the code has 6 digits'),
});
export const portalSessionSchema = z.object({ token: z.string(), expiresAt: instantString });

export const portalMeSchema = z.object({
  phone: z.string(),
  customers: z.array(z.object({ id: z.string(), name: z.string() })),
  members: z.array(
    z.object({ customerId: z.string(), memberNumber: z.string(), level: z.string(), balance: z.number() }),
  ),
});

export const portalRequestBody = z.strictObject({
  /** Which of my records the request is about, when my number belongs to several. */
  customerId: z.uuid().optional(),
  kind: z.enum(PORTAL_REQUEST_KINDS),
  description: z.string().trim().min(2).max(2000),
});

export const portalRequestSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  subject: z.string(),
  state: z.string(),
  receivedAt: instantString,
});
export const portalRequestListSchema = itemsOf(portalRequestSummarySchema);
export const portalPhotoSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
});
export const portalRequestDetailSchema = portalRequestSummarySchema.extend({
  description: z.string().nullable(),
  /** The photos I added (the staff's own files of the ticket are not shown). */
  photos: z.array(portalPhotoSchema),
  updates: z.array(
    z.object({ type: z.string(), kind: z.string().nullable(), text: z.string(), at: instantString }),
  ),
});

/** PORTAL-1 常见问题: public approved answers, question and text only. */
export const portalAnswersSchema = z.object({
  items: z.array(z.object({ id: z.string(), question: z.string(), answer: z.string() })),
});

/** My message on my request (PORTAL-1 reply). */
export const portalReplyBody = z.strictObject({ text: z.string().trim().min(1).max(2000) });

/** My work orders: the state and the booked visit. */
export const portalWorkOrderListSchema = itemsOf(
  z.object({
    id: z.string(),
    number: z.string(),
    type: z.string(),
    state: z.string(),
    appointment: z.object({ start: instantString, end: instantString }).nullable(),
    createdAt: instantString,
  }),
);

/** My surveys waiting for an answer. */
export const portalSurveyListSchema = itemsOf(
  z.object({ id: z.string(), title: z.string(), createdAt: instantString, expiresAt: instantString }),
);

/** The customer page that opens one of my work orders or surveys, for this session. */
export const portalRecordLinkSchema = z.object({ path: z.string(), expiresAt: instantString });
