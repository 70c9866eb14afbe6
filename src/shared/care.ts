import { z } from 'zod';
import {
  ASSET_KINDS,
  BUSINESS_LINES,
  CARE_CHANNELS,
  CARE_DATE_FIELDS,
  CARE_EVENTS,
  CARE_OUTCOMES,
  CARE_PURPOSES,
  CARE_TASK_STATES,
  OFFSET_UNITS,
} from '../domain/care';
import { TICKET_STATES, TICKET_TYPES } from '../domain/tickets';
import { CONTACT_CHANNELS } from '../domain/customers';
import { cardSchema } from './customers';
import type { Labels } from './common';

/** The care API (回访, CARE-1…CARE-6): request and response schemas; they also generate the OpenAPI document. */
const text = (max: number) => z.string().trim().max(max);
export const idParams = z.strictObject({ id: z.uuid() });
export const unitParams = z.strictObject({ unitId: z.uuid() });
export const ruleParams = z.strictObject({
  unitId: z.uuid(),
  code: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/),
});

const trigger = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('event'), event: z.enum(CARE_EVENTS) }),
  z.strictObject({
    kind: z.literal('date'),
    field: z.enum(CARE_DATE_FIELDS),
    assetKinds: z.array(z.enum(ASSET_KINDS)).max(3).optional(),
  }),
  z.strictObject({ kind: z.literal('inactivity'), days: z.number().int().min(1).max(3650) }),
]);

export const ruleBody = z.strictObject({
  nameZh: text(100).min(1),
  nameEn: text(200).min(1),
  businessLine: z.enum(BUSINESS_LINES),
  trigger,
  offset: z.strictObject({ amount: z.number().int().min(-730).max(43_200), unit: z.enum(OFFSET_UNITS) }),
  channel: z.enum(CARE_CHANNELS),
  purpose: z.enum(CARE_PURPOSES),
  script: text(2000).min(1),
  messageTemplateCode: text(60).nullable(),
  surveyTemplateCode: text(60).nullable(),
  enabled: z.boolean(),
});
export const ruleSchema = ruleBody.extend({ code: z.string() });
export const ruleListSchema = z.object({
  items: z.array(
    z.object({
      rule: ruleSchema,
      fromUnitId: z.string().nullable(),
      shipped: z.boolean(),
      ownHere: z.boolean(),
    }),
  ),
});

export const worklistQuery = z.strictObject({
  unitId: z.uuid().optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  due: z.enum(['today', 'all']).default('today'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const taskSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  customerId: z.string(),
  assetId: z.string().nullable(),
  ruleCode: z.string(),
  ruleName: z.string(),
  channel: z.enum(CARE_CHANNELS),
  purpose: z.enum(CARE_PURPOSES),
  surveyTemplateCode: z.string().nullable(),
  surveyInvitationId: z.string().nullable(),
  source: z.object({ type: z.string(), id: z.string() }),
  /** SAT-1: the one person who makes this satisfaction call; null = anyone of the unit. */
  ownerId: z.string().nullable(),
  note: z.string().nullable(),
  dueAt: z.string(),
  dueDate: z.string(),
  mergedInto: z.string().nullable(),
  state: z.enum(CARE_TASK_STATES),
  stateReason: z.string().nullable(),
  attempts: z.number(),
  failedAttempts: z.number(),
  claimedBy: z.string().nullable(),
  claimedUntil: z.string().nullable(),
  claimedByMe: z.boolean(),
  outcome: z.enum(CARE_OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  linkedTicketId: z.string().nullable(),
  messageId: z.string().nullable(),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
});

/** The ticket or work order a follow-up calls about (CARE-5), by its number. */
export const followsUpSchema = z
  .object({ kind: z.enum(['ticket', 'work_order']), id: z.string(), number: z.string() })
  .nullable();
export const revealNumberBody = z.strictObject({ reason: text(200).min(1) });

export const worklistSchema = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      task: taskSchema,
      unitName: z.string(),
      followsUp: followsUpSchema,
      customer: z.object({ id: z.string(), name: z.string(), specialAttention: z.boolean() }).nullable(),
      mergedReasons: z.array(z.string()),
    }),
  ),
});

export const attemptBody = z.strictObject({
  outcome: z.enum(CARE_OUTCOMES),
  note: text(2000).nullable().optional(),
  callBackAt: z.iso.datetime({ offset: true }).nullable().optional(),
  issue: z
    .strictObject({
      subject: text(200).min(1),
      description: text(10_000).optional(),
      type: z.enum(TICKET_TYPES).optional(),
    })
    .nullable()
    .optional(),
});

/** CARE-1: the front-desk advisor records that a finished work order's vehicle/item left the shop (出厂). */
export const departureBody = z.strictObject({
  workOrderNumber: text(40).min(1),
  leftAt: z.iso.datetime({ offset: true }).optional(),
});
export const departureSchema = z.object({
  workOrderId: z.string(),
  workOrderNumber: z.string(),
  advisorId: z.string(),
  leftAt: z.string(),
});
/** CARE-1 retail: a thank-you letter marked sent, with when it actually went out. */
export const letterSentBody = z.strictObject({ sentAt: z.iso.datetime({ offset: true }).optional() });

/** CARE-1 real estate: the estate's (unit's) main move-in date. */
export const estateBody = z.strictObject({ moveInDate: z.iso.date() });
export const estateSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  moveInDate: z.string().nullable(),
});
export const estateFollowUpsSchema = estateSchema.extend({
  summary: z.object({
    houses: z.number(),
    reached: z.number(),
    satisfied: z.number(),
    issues: z.number(),
    open: z.number(),
  }),
  items: z.array(
    z.object({
      taskId: z.string(),
      customerName: z.string(),
      house: z.string(),
      dueDate: z.string(),
      state: z.string(),
      outcome: z.string().nullable(),
      outcomeNote: z.string().nullable(),
      linkedTicketId: z.string().nullable(),
      doneAt: z.string().nullable(),
    }),
  ),
});
export const unitExportQuery = z.strictObject({ unitId: z.uuid() });

export const objectionQuery = z.strictObject({ ruleCode: text(60).optional() });
export const objectionBody = z.strictObject({
  unitId: z.uuid(),
  ruleCode: text(60).nullable(),
  objection: text(300).min(1),
  answer: text(3000).min(1),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});
export const objectionPatch = objectionBody.omit({ unitId: true }).partial();
export const objectionSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  ruleCode: z.string().nullable(),
  objection: z.string(),
  answer: z.string(),
  sortOrder: z.number(),
});

export const runDayBody = z.strictObject({ date: z.iso.date().optional() });

/** A stored objection answer (CARE-6) as the unit's list shows it. */
export const objectionRowSchema = objectionSchema.extend({
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export const objectionListSchema = z.object({ items: z.array(objectionRowSchema) });

/** POST /care/units/:unitId/run: the day run and how many tasks it created. */
export const runDayResultSchema = z.object({ date: z.string(), created: z.number() });

/** CARE-5: one task with why, the customer card, history, the filled-in script, objections, attempts. */
export const taskDetailSchema = z.object({
  task: taskSchema,
  unitName: z.string(),
  followsUp: followsUpSchema,
  members: z.array(taskSchema),
  script: z.string(),
  memberScripts: z.array(z.object({ ruleName: z.string(), script: z.string() })),
  customer: cardSchema.nullable(),
  history: z.object({
    contacts: z.array(
      z.object({
        id: z.string(),
        channel: z.enum(CONTACT_CHANNELS),
        occurredAt: z.string(),
        summary: z.string(),
      }),
    ),
    tickets: z.array(
      z.object({
        id: z.string(),
        number: z.string(),
        subject: z.string(),
        state: z.enum(TICKET_STATES),
        receivedAt: z.string(),
      }),
    ),
    careTasks: z.array(taskSchema),
  }),
  attempts: z.array(
    z.object({
      id: z.string(),
      taskId: z.string(),
      agentId: z.string(),
      outcome: z.enum(CARE_OUTCOMES),
      note: z.string().nullable(),
      callBackAt: z.string().nullable(),
      at: z.string(),
    }),
  ),
  objections: z.array(objectionRowSchema),
});
export type CareTaskDetail = z.infer<typeof taskDetailSchema>;

// ---- Names (the web's care.i18n says the same; the Excel export reads these) ------------------

export const CARE_CHANNEL_LABELS: Labels<(typeof CARE_CHANNELS)[number]> = {
  call: { zh: '电话', en: 'Call' },
  sms: { zh: '短信', en: 'SMS' },
  email: { zh: '邮件', en: 'E-mail' },
  letter: { zh: '信函', en: 'Letter' },
};
export const CARE_TASK_STATE_LABELS: Labels<(typeof CARE_TASK_STATES)[number]> = {
  open: { zh: '待回访', en: 'Open' },
  merged: { zh: '已合并', en: 'Merged' },
  done: { zh: '已完成', en: 'Done' },
  sms_fallback: { zh: '已转短信', en: 'SMS sent instead' },
  sent: { zh: '已发送', en: 'Sent' },
  refused: { zh: '客户拒绝', en: 'Refused' },
  unreachable: { zh: '号码错误', en: 'Wrong number' },
  skipped: { zh: '未联系', en: 'Skipped' },
};
export const CARE_PURPOSE_LABELS: Labels<(typeof CARE_PURPOSES)[number]> = {
  service: { zh: '服务', en: 'Service' },
  marketing: { zh: '营销', en: 'Marketing' },
};
export const CARE_EVENT_LABELS: Labels<(typeof CARE_EVENTS)[number]> = {
  'ticket.closed': { zh: '工单关闭', en: 'Ticket closed' },
  'workorder.completed': { zh: '服务完工', en: 'Service completed' },
  'workorder.closed': { zh: '服务单关闭', en: 'Work order closed' },
  'workorder.appointment_agreed': { zh: '安装/送货预约时间', en: 'Installation/delivery appointment' },
  'workorder.left_shop': { zh: '车辆/物品出厂', en: 'Vehicle/item left the shop' },
  'order.placed': { zh: '零售售出', en: 'Retail sale' },
  'care.letter_sent': { zh: '感谢信寄出', en: 'Thank-you letter sent' },
};
export const CARE_DATE_FIELD_LABELS: Labels<(typeof CARE_DATE_FIELDS)[number]> = {
  birthday: { zh: '客户生日', en: 'Birthday' },
  holiday: { zh: '法定节假日', en: 'Public holiday' },
  purchase: { zh: '购买/交房日期', en: 'Purchase / move-in date' },
  maintenance_due: { zh: '保养到期', en: 'Maintenance due' },
  inspection_due: { zh: '年审到期', en: 'Inspection due' },
  estate_move_in: { zh: '项目集中入住日', en: 'Estate main move-in date' },
};
export const CARE_OFFSET_UNIT_LABELS: Labels<(typeof OFFSET_UNITS)[number]> = {
  minutes: { zh: '分钟', en: 'minutes' },
  hours: { zh: '小时', en: 'hours' },
  days: { zh: '天', en: 'days' },
  working_days: { zh: '个工作日', en: 'working days' },
  months: { zh: '个月', en: 'months' },
};
export const BUSINESS_LINE_LABELS: Labels<(typeof BUSINESS_LINES)[number]> = {
  all: { zh: '通用', en: 'All' },
  automotive: { zh: '汽车', en: 'Automotive' },
  retail: { zh: '零售', en: 'Retail' },
  real_estate: { zh: '地产物业', en: 'Real estate' },
  appliance: { zh: '家电', en: 'Appliances' },
};

/** GET /care/rules/export.xlsx and /care/objections/export.xlsx: the unit whose list is exported. */
export const ruleExportQuery = unitParams;
export const objectionExportQuery = objectionQuery.extend({ unitId: z.uuid() });
