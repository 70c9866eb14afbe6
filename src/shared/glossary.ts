/**
 * One name for each thing (issue 16): the names of Kefu's domain terms in Simplified Chinese and
 * English, written once and read by every page, Excel export and print. The Chinese terms are the
 * manuals' own (WORKFLOWS.md CL-1, SLA-3…SLA-6): 软性/硬性投诉, 咨询·直接/间接回复, and the
 * hard-complaint clock's 首次响应 → 二次响应.
 *
 * RETIRED_TERMS lists names that were once written beside these for the same thing;
 * glossary.test.ts fails if one of them appears anywhere in src/ again.
 */
import { SLA_EVENTS, type SlaEventName } from '../domain/sla';
import type { TICKET_TYPES } from '../domain/tickets';
import type { Label, Labels } from './common';

type TicketType = (typeof TICKET_TYPES)[number];

/** CL-1 ticket types by name: the one place their Chinese and English names are written. */
export const TICKET_TYPE_LABELS: Labels<TicketType> = {
  consultation_direct: { zh: '咨询·直接回复', en: 'Consultation (direct)' },
  consultation_indirect: { zh: '咨询·间接回复', en: 'Consultation (indirect)' },
  soft_complaint: { zh: '软性投诉', en: 'Soft complaint' },
  hard_complaint: { zh: '硬性投诉', en: 'Hard complaint' },
  rectification: { zh: '整改', en: 'Rectification' },
  repair: { zh: '报修', en: 'Repair' },
  installation: { zh: '安装/遗留问题', en: 'Installation / leftover' },
  return_exchange: { zh: '退换货', en: 'Return / exchange' },
  order_cancellation: { zh: '取消订单', en: 'Order cancellation' },
  praise: { zh: '表扬', en: 'Praise' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  other: { zh: '其他', en: 'Other' },
};

/** The SLA targets (时限目标) the shipped policies run, as the policy pages, tickets and reports name them. */
export const SLA_TARGET_KEYS = [
  'first_response',
  'verification',
  'second_response',
  'department_reply',
  'customer_reply',
  'result_reply',
  'resolution',
  'contact',
  'solution',
  'follow_up',
] as const;
export type SlaTargetKey = (typeof SLA_TARGET_KEYS)[number];

export const SLA_TARGET_LABELS: Labels<SlaTargetKey> = {
  first_response: { zh: '首次响应', en: 'First response' },
  verification: { zh: '核实情况', en: 'Verification' },
  second_response: { zh: '二次响应', en: 'Second response' },
  department_reply: { zh: '部门回复', en: 'Department reply' },
  customer_reply: { zh: '答复客户', en: 'Reply to customer' },
  result_reply: { zh: '结果回复', en: 'Result reply' },
  resolution: { zh: '解决', en: 'Resolution' },
  contact: { zh: '联系客户', en: 'Contact customer' },
  solution: { zh: '给出方案', en: 'Solution offered' },
  follow_up: { zh: '满意度回访', en: 'Satisfaction call' },
};

/** A target's name in one language; a custom policy's own key is shown as it was typed. */
export function slaTargetLabel(key: string, language: keyof Label): string {
  return (SLA_TARGET_LABELS as Record<string, Label | undefined>)[key]?.[language] ?? key;
}

/** The events that start or meet a target (SLA-10), named as the domain names them. */
export const SLA_EVENT_LABELS: Labels<SlaEventName> = Object.fromEntries(
  Object.entries(SLA_EVENTS).map(([key, info]) => [key, { zh: info.zh, en: info.en }]),
) as Labels<SlaEventName>;

/** An event's name in one language; an event Kefu does not know is shown as it was stored. */
export function slaEventLabel(event: string, language: keyof Label): string {
  return (SLA_EVENT_LABELS as Record<string, Label | undefined>)[event]?.[language] ?? event;
}

/** A term of the glossary and the names it replaced; none of these may be written again. */
export interface RetiredTerm {
  term: Label;
  retired: readonly string[];
}

export const RETIRED_TERMS: readonly RetiredTerm[] = [
  { term: TICKET_TYPE_LABELS.soft_complaint, retired: ['一般投诉'] },
  { term: TICKET_TYPE_LABELS.hard_complaint, retired: ['严重投诉'] },
  {
    term: TICKET_TYPE_LABELS.consultation_direct,
    retired: ['咨询（直接答复）', '咨询(直接答复)', '咨询（直接回复）', '咨询·直接答复'],
  },
  {
    term: TICKET_TYPE_LABELS.consultation_indirect,
    retired: ['咨询（需转部门）', '咨询（间接答复）', '咨询·间接答复', 'Consultation (via department)'],
  },
  {
    term: SLA_TARGET_LABELS.second_response,
    retired: ['二次回复', '二次答复', '第二次回应', 'Second reply'],
  },
  { term: SLA_TARGET_LABELS.first_response, retired: ['首次回应'] },
  { term: SLA_TARGET_LABELS.resolution, retired: ['整改解决'] },
];
