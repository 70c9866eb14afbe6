/**
 * The SLA events Kefu's subjects emit (SLA-10): every target a policy can start must have an event
 * that can meet it on its subject type, and every event-started target an event that starts it.
 * Policies naming any other event are refused, so no target can wait for something that never comes.
 */

export type SlaSubjectType = 'ticket' | 'work_order' | 'approval_request' | 'journey';

export interface SlaEventInfo {
  readonly zh: string;
  readonly en: string;
  /** Subject types with an action that emits the event. */
  readonly emittedBy: readonly SlaSubjectType[];
}

/** Every SLA event with what emits it; tickets also receive the events of their work orders. */
export const SLA_EVENTS = {
  first_responded: { zh: '首次响应客户', en: 'first response to the customer', emittedBy: ['ticket'] },
  customer_contacted: {
    zh: '已联系客户',
    en: 'customer contacted',
    emittedBy: ['ticket', 'work_order'],
  },
  customer_replied: { zh: '正式答复客户', en: 'answer given to the customer', emittedBy: ['ticket'] },
  department_replied: { zh: '责任部门回复', en: "department's reply filed", emittedBy: ['ticket'] },
  verified: { zh: '事实已核实', en: 'facts verified', emittedBy: ['ticket'] },
  second_responded: { zh: '二次响应', en: 'second response', emittedBy: ['ticket'] },
  result_replied: { zh: '回复处理结果', en: 'result reported to the customer', emittedBy: ['ticket'] },
  resolved: { zh: '已解决', en: 'resolved', emittedBy: ['ticket'] },
  solution_offered: {
    zh: '给出解决方案',
    en: 'solution offered',
    emittedBy: ['ticket', 'work_order'],
  },
  item_returned: {
    zh: '修好的物品已送回',
    en: 'repaired item returned',
    emittedBy: ['ticket', 'work_order'],
  },
  satisfaction_call_made: {
    zh: '满意度回访已完成',
    en: 'satisfaction call made',
    emittedBy: ['ticket', 'work_order'],
  },
  // Issue 17: an approval stage's time limit (from its chain) is met when the stage is decided.
  approval_stage_decided: {
    zh: '审批环节已处理',
    en: 'approval step decided',
    emittedBy: ['approval_request'],
  },
  // JRN-1…8: a journey stage's limit is met when the stage is left; a payment's when it is received.
  journey_stage_left: { zh: '流程阶段已完成', en: 'journey stage left', emittedBy: ['journey'] },
  journey_payment_received: { zh: '流程款项已收', en: 'journey payment received', emittedBy: ['journey'] },
} as const satisfies Record<string, SlaEventInfo>;

export type SlaEventName = keyof typeof SLA_EVENTS;

/** True when `event` is one Kefu emits on `subjectType`. */
export function isEmittedOn(event: string, subjectType: SlaSubjectType): event is SlaEventName {
  const info = (SLA_EVENTS as Record<string, SlaEventInfo>)[event];
  return !!info && info.emittedBy.includes(subjectType);
}
