/**
 * The channels API (IN-1): SMS gateways (Aliyun, Tencent Cloud), WeChat customer service
 * (微信客服) and e-mail mailboxes (IMAP in, SMTP out) configured per unit, their templates and conversations. Secrets are write-only: the
 * API says which are set, never what they are.
 */
import { z } from 'zod';
import { TICKET_TYPES } from '../domain/tickets/tickets.types';

export const CHANNEL_KINDS = [
  'sms_aliyun',
  'sms_tencent',
  'wechat_kf',
  'email',
  'wecom_app',
  'dingtalk_app',
  'wechat_oa',
] as const;
/** Staff notices (SLA, approvals) go out as app messages through these: WeCom and DingTalk apps. */
export const STAFF_KINDS: readonly ChannelKind[] = ['wecom_app', 'dingtalk_app'];
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const SMS_KINDS: readonly ChannelKind[] = ['sms_aliyun', 'sms_tencent'];

const str = (max: number) => z.string().trim().min(1).max(max);
/** An API address for a private deployment or a test server; unset: the vendor's own. */
const endpoint = z
  .url({ protocol: /^https?$/ })
  .max(300)
  .nullable()
  .optional();
/** A secret left empty on update keeps the stored one. */
const secret = (max: number) => z.string().trim().max(max).optional();

export const SECRET_FIELDS: Record<ChannelKind, readonly string[]> = {
  sms_aliyun: ['accessKeySecret'],
  sms_tencent: ['secretKey'],
  wechat_kf: ['corpSecret', 'token', 'encodingAesKey'],
  email: ['password'],
  wecom_app: ['corpSecret'],
  dingtalk_app: ['appSecret'],
  wechat_oa: ['appSecret'],
};
/** The pages an official-account menu link may open (snsapi_base, issue 22). */
export const OA_TARGETS = ['portal', 'survey', 'workorder'] as const;
export type OaTarget = (typeof OA_TARGETS)[number];
const agentId = z
  .string()
  .trim()
  .regex(/^\d{1,12}$/, '应用 AgentId 为数字 / AgentId is digits');

/** How a mail connection is protected: TLS from the start, STARTTLS after the greeting, or none. */
export const MAIL_SECURITY = ['tls', 'starttls', 'none'] as const;
const hostName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.-]{1,253}$/, '主机名只能含字母、数字、点和横线 / letters, digits, dots and dashes');
const portNumber = z.number().int().min(1).max(65535);

const common = {
  unitId: z.uuid(),
  name: str(100),
  enabled: z.boolean().default(true),
  intakeUserId: z.uuid().nullable().optional(),
};

export const channelAccountBody = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('sms_aliyun'),
    settings: z.strictObject({
      accessKeyId: str(100),
      signName: str(30),
      regionId: str(40).default('cn-hangzhou'),
      endpoint,
    }),
    secrets: z.strictObject({ accessKeySecret: secret(200) }),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('sms_tencent'),
    settings: z.strictObject({
      secretId: str(100),
      sdkAppId: z
        .string()
        .trim()
        .regex(/^\d{6,20}$/, '短信应用 ID 为数字 / SdkAppId is digits'),
      signName: str(30),
      region: str(40).default('ap-guangzhou'),
      endpoint,
    }),
    secrets: z.strictObject({ secretKey: secret(200) }),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('wechat_kf'),
    settings: z.strictObject({
      corpId: str(64),
      openKfId: str(64),
      apiBase: endpoint,
      /** A new conversation (or one whose ticket ended) opens a ticket. */
      autoTicket: z.boolean().default(true),
      ticketType: z.enum(TICKET_TYPES).default('consultation_direct'),
    }),
    secrets: z.strictObject({
      corpSecret: secret(200),
      token: secret(32),
      encodingAesKey: z
        .string()
        .trim()
        .regex(/^([A-Za-z0-9]{43})?$/, 'EncodingAESKey 为 43 位字母数字 / 43 letters or digits')
        .optional(),
    }),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('email'),
    settings: z.strictObject({
      /** The service mailbox's address: customers write to it, replies leave from it. */
      address: z.email().max(200),
      displayName: z.string().trim().max(100).nullable().optional(),
      username: str(200),
      imapHost: hostName,
      imapPort: portNumber.default(993),
      imapSecurity: z.enum(MAIL_SECURITY).default('tls'),
      mailbox: str(100).default('INBOX'),
      smtpHost: hostName,
      smtpPort: portNumber.default(465),
      smtpSecurity: z.enum(MAIL_SECURITY).default('tls'),
      /** How often the mailbox is looked at when IDLE is not kept open. */
      pollSeconds: z.number().int().min(15).max(3600).default(60),
      autoTicket: z.boolean().default(true),
      ticketType: z.enum(TICKET_TYPES).default('consultation_direct'),
    }),
    secrets: z.strictObject({ password: secret(200) }),
  }),
  // Staff notices as WeCom app messages (text cards) to the users' WeCom userids.
  z.strictObject({
    ...common,
    kind: z.literal('wecom_app'),
    settings: z.strictObject({
      corpId: str(64),
      agentId,
      apiBase: endpoint,
      /** Staff may sign in with WeCom (QR in a browser, silent inside the WeCom app). */
      login: z.boolean().default(false),
      /** The sign-in pages (open.weixin.qq.com, login.work.weixin.qq.com); unset: WeCom's own. */
      loginBase: endpoint,
    }),
    secrets: z.strictObject({ corpSecret: secret(200) }),
  }),
  // Staff notices as DingTalk work notices (action cards) to the users' DingTalk userids.
  z.strictObject({
    ...common,
    kind: z.literal('dingtalk_app'),
    settings: z.strictObject({
      appKey: str(100),
      agentId,
      apiBase: endpoint,
      /** Staff may sign in with DingTalk (its OAuth 2 page, QR or account). */
      login: z.boolean().default(false),
      /** login.dingtalk.com and api.dingtalk.com; unset: DingTalk's own. */
      loginBase: endpoint,
      openApiBase: endpoint,
      /** The organisation's CorpId: with it, sign-in inside the DingTalk app is silent (JSAPI 免登). */
      corpId: str(64).optional(),
      /** Where the page loads DingTalk's JSAPI script from, inside DingTalk only; unset: DingTalk's CDN. */
      jsapiUrl: endpoint,
    }),
    secrets: z.strictObject({ appSecret: secret(200) }),
  }),
  // A WeChat official account (公众号): its menu links open customer pages through snsapi_base OAuth.
  z.strictObject({
    ...common,
    kind: z.literal('wechat_oa'),
    settings: z.strictObject({
      appId: z
        .string()
        .trim()
        .regex(/^wx[0-9a-f]{16}$/, 'AppID 为 wx 加 16 位十六进制 / wx and 16 hex digits'),
      /** open.weixin.qq.com and api.weixin.qq.com; unset: WeChat's own. */
      loginBase: endpoint,
      apiBase: endpoint,
    }),
    secrets: z.strictObject({ appSecret: secret(200) }),
  }),
]);
export type ChannelAccountInput = z.infer<typeof channelAccountBody>;

export const channelAccountSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  enabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  /** Names of the secrets that are set (never their values). */
  secretsSet: z.array(z.string()),
  intakeUserId: z.string().nullable(),
  /** Paths (under /api/v1) the vendor calls: receipts, the WeChat callback. */
  hooks: z.record(z.string(), z.string()),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  refusedCallbacks: z.number().int(),
  updatedAt: z.string(),
});
export type ChannelAccount = z.infer<typeof channelAccountSchema>;

export const TEMPLATE_APPROVALS = ['pending', 'approved', 'rejected'] as const;
export const channelTemplateBody = z.strictObject({
  templateCode: str(60),
  providerTemplateCode: str(60),
  /** Variable names in the vendor template's order (Tencent {1},{2}…); default: the Kefu template's. */
  params: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z][A-Za-z0-9_]*$/),
    )
    .max(20)
    .optional(),
});
export const channelTemplateSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  templateCode: z.string(),
  providerTemplateCode: z.string(),
  params: z.array(z.string()),
  approval: z.enum(TEMPLATE_APPROVALS),
  approvalNote: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type ChannelTemplate = z.infer<typeof channelTemplateSchema>;

export const conversationSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  externalId: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  /** IN-3: the customer is a draft made from an unknown sender (to complete, or bind to the real one). */
  customerDraft: z.boolean(),
  ticketId: z.string().nullable(),
  lastInboundAt: z.string().nullable(),
  messages: z.array(
    z.object({
      id: z.string(),
      direction: z.enum(['inbound', 'outbound']),
      kind: z.string(),
      body: z.string().nullable(),
      occurredAt: z.string(),
    }),
  ),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** One follower of an official account bound to a customer, as GET /channels/oa-bindings lists it. */
export const followerBindingSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  boundAt: z.string(),
});
export type FollowerBinding = z.infer<typeof followerBindingSchema>;

export const replyBody = z.strictObject({ text: z.string().trim().min(1).max(2000) });
export const bindCustomerBody = z.strictObject({ customerId: z.uuid() });
export const listConversationsQuery = z.strictObject({
  customerId: z.uuid().optional(),
  accountId: z.uuid().optional(),
});
