import { TicketError } from './tickets.errors';
import type { RectificationKind, TicketTypeCode } from './tickets.types';

/** Throws unless a rectification carries its kind (CL-3) and no other type does. */
export function assertRectificationKind(
  type: TicketTypeCode,
  kind: RectificationKind | null | undefined,
): void {
  if (type === 'rectification' && !kind) {
    throw new TicketError(
      'tickets.rectification_kind_required',
      400,
      '整改类工单须选择整改类别（工程/财务/营销/其他）',
      'A rectification needs its kind (engineering, finance, marketing or other)',
    );
  }
  if (type !== 'rectification' && kind) {
    throw new TicketError(
      'tickets.rectification_kind_not_applicable',
      400,
      '只有整改类工单才有整改类别',
      'Only a rectification has a rectification kind',
    );
  }
}

/** The IN-4 facts a service request may lack. */
export type Essential = 'contactPhone' | 'address' | 'assetModel' | 'purchaseDate';

export interface EssentialFacts {
  type: TicketTypeCode;
  contactPhone: string | null;
  address: string | null;
  assetModel: string | null;
  purchaseDate: string | null;
}

/**
 * IN-4: what a technician needs before going out. Repair and installation need a phone to book
 * the visit, the address, the product model and the purchase date (warranty); a return/exchange
 * needs the model and purchase date (the return window, RET-4/5).
 */
const ESSENTIALS: Partial<Record<TicketTypeCode, readonly Essential[]>> = {
  repair: ['contactPhone', 'address', 'assetModel', 'purchaseDate'],
  installation: ['contactPhone', 'address', 'assetModel', 'purchaseDate'],
  return_exchange: ['assetModel', 'purchaseDate'],
};

/** IN-4: essentials this ticket's type needs and it does not have yet (empty = complete). */
export function missingEssentials(ticket: EssentialFacts): Essential[] {
  return (ESSENTIALS[ticket.type] ?? []).filter((field) => !ticket[field]?.trim());
}

/**
 * How a customer-visible reply counts (SLA-3…6, CMP-6): the answer meets the answer targets
 * (customer reply) and, being a response, the reaction targets too; an acknowledgement (受理回应)
 * is the first response and the contact; a progress update (进展通报) is logged and meets nothing.
 */
export const REPLY_KINDS = ['answer', 'acknowledgement', 'progress'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];
export const REPLY_SLA_EVENTS: Readonly<Record<ReplyKind, readonly string[]>> = {
  answer: ['first_responded', 'customer_contacted', 'customer_replied'],
  acknowledgement: ['first_responded', 'customer_contacted'],
  progress: [],
};

/**
 * SLA-3: types whose answer follows the department's findings (the agent replies to the customer
 * after receiving them): rectification and the indirect consultation, which needs a department.
 */
export function answerNeedsDepartmentReply(type: TicketTypeCode): boolean {
  return type === 'rectification' || type === 'consultation_indirect';
}

/**
 * CL-2: a direct consultation is answered from approved material while the customer is on the line,
 * so it alone may be taken in, answered and closed in one step (受理并办结). Every other type needs
 * a department, a visit or a follow-up, and is refused with a stable code.
 */
export function assertAnswerableOnIntake(type: TicketTypeCode): void {
  if (type !== 'consultation_direct')
    throw new TicketError(
      'tickets.answer_on_intake_not_direct',
      422,
      '只有「咨询·直接回复」可以受理并办结；其他类型需要转办或跟进',
      'Only a direct consultation can be answered and closed at intake; other types need handling first',
    );
}

/** Milestones recorded on a ticket (SLA-5, SLA-6) and the SLA event each emits. */
export const TICKET_MILESTONES = {
  solution_offered: 'solution_offered',
  item_returned: 'item_returned',
  satisfaction_call: 'satisfaction_call_made',
} as const;
export type TicketMilestone = keyof typeof TICKET_MILESTONES;
export const TICKET_MILESTONE_KINDS = Object.keys(TICKET_MILESTONES) as TicketMilestone[];

/** SLA event emitted when a ticket is resolved. */
export const RESOLVED_SLA_EVENT = 'resolved';
