/**
 * Ticket vocabulary (工单): types (CL-1), intake channels (IN-1), priorities and stages.
 * Stable English codes; the web app shows the Chinese names.
 */
import type { TicketType } from '../sla';

/** CL-1 built-in ticket types; their names in Chinese and English: src/shared/glossary.ts TICKET_TYPE_LABELS. */
export const TICKET_TYPES = [
  'consultation_direct',
  'consultation_indirect',
  'soft_complaint',
  'hard_complaint',
  'rectification',
  'repair',
  'installation',
  'return_exchange',
  'order_cancellation',
  'praise',
  'suggestion',
  'other',
] as const;
export type TicketTypeCode = (typeof TICKET_TYPES)[number];

/** CL-3 rectification kinds (工程 / 财务 / 营销 / 其他); each routes to a department. */
export const RECTIFICATION_KINDS = ['engineering', 'finance', 'marketing', 'other'] as const;
export type RectificationKind = (typeof RECTIFICATION_KINDS)[number];

/** IN-1 intake channels. */
export const TICKET_CHANNELS = [
  'phone', // 电话
  'hotline_400', // 400 热线
  'walk_in', // 来访
  'letter', // 来函
  'web_form', // 网站表单
  'im_wechat', // 微信
  'im_qq', // QQ
  'im_wangwang', // 旺旺
  'forum_post', // 论坛/网络帖子 (IN-9: keep the link)
  'sms', // 短信
  'ecommerce_dispute', // 电商平台纠纷
  'on_site', // 现场（工地、门店）
  'email', // 电子邮件
] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/**
 * Who brought the case in: a member of staff (the intake agent, 接诉人), or the customer through a
 * satisfaction survey answer (the detractor follow-up, SAT-2) — then no member of staff is the
 * intake agent, and the timeline and audit trail name the customer (客户（满意度调查）).
 */
export const TICKET_ORIGINS = ['staff', 'customer_survey', 'customer_portal'] as const;
export type TicketOrigin = (typeof TICKET_ORIGINS)[number];

/** Stages of a ticket; see tickets.states.ts for the moves between them and the sets they form. */
export const TICKET_STATES = [
  'new', // 新建
  'assigned', // 已分派
  'in_progress', // 处理中
  'waiting_department', // 待部门回复 (SLA keeps running, SLA-7)
  'pending_customer', // 待客户 (SLA paused, SLA-7)
  'resolved', // 已解决
  'closed', // 已关闭
  'cancelled', // 已取消
  'merged', // 已合并（重复工单）
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

// The SLA core keys its policies by the same codes; this fails to compile if the two lists drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const TICKET_TYPES_MATCH_SLA_POLICIES: Same<TicketTypeCode, TicketType> = true;

/** What a ticket's timeline entry records (its `type`): one per kind of change or message. */
export const TICKET_EVENT_TYPES = [
  'created',
  'assigned',
  'routed',
  'reclassified',
  'note',
  'reply',
  'state_changed',
  'updated',
  'merged_into',
  'merge_received',
  // Department handling and complaints (CMP-*, SAT-2): the complaints module.
  'department_replied',
  'complaint_recorded',
  'commitment',
  'progress',
  'cause_analysis',
  'close_out_requested',
  'close_out_step',
  'close_out_sent_back',
  'close_out_approved',
  'close_out_rejected', // single-step close-out before the CMP-5 chain; kept for old timelines
  'evaluated',
  'praise_registered',
  // SLA-5/SLA-6 milestones recorded on the ticket: the tickets module's milestones.
  'milestone',
  // PORTAL-1: the customer's own message on their request, written through the self-service portal.
  'customer_reply',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];
