import type { Dayjs } from 'dayjs';
import type { RectificationKind, TicketChannel, TicketPriority, TicketType } from '../../../shared/tickets';

/** What the intake panel holds while the agent types. */
export interface IntakeValues {
  phone?: string;
  customerId?: string | null;
  type?: TicketType;
  rectificationKind?: RectificationKind;
  channel: TicketChannel;
  priority: TicketPriority;
  subject?: string;
  description?: string;
  /** Empty = "now" (the server's clock); set only when back-dating a letter or a message. */
  receivedAt?: Dayjs | null;
  address?: string;
  assetModel?: string;
  purchaseDate?: Dayjs | null;
  requestedTime?: string;
}

const text = (s: string | undefined | null) => {
  const v = s?.trim();
  return v ? v : undefined;
};

/** The call the form was filled from (IN-3): its id, and the number as the pop-up showed it. */
export interface IntakeCall {
  callId: string;
  shownNumber: string;
}

/**
 * True while the phone field still holds the number as a call showed it masked (138****8000): that
 * text is no number to send or look up; the server takes the number on file from the call.
 */
export function isMaskedCallNumber(phone: string | undefined, call: IntakeCall | null): boolean {
  return !!call && !!phone && phone === call.shownNumber && phone.includes('*');
}

/**
 * The POST /tickets body for the panel's values. Empty fields are left out, so a retry of the same
 * form sends the same body (IN-10 compares bodies) and the server fills in its defaults. A form
 * taken from a call sends the call id; a masked number stays on screen and out of the body.
 */
export function intakeBody(
  unitId: string,
  v: IntakeValues,
  call: IntakeCall | null = null,
  answerOnIntake?: string,
  answerArticleId?: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    unitId,
    type: v.type,
    channel: v.channel,
    subject: text(v.subject),
  };
  if (v.type === 'rectification') body.rectificationKind = v.rectificationKind;
  if (v.priority !== 'normal') body.priority = v.priority;
  const optional: Record<string, unknown> = {
    description: text(v.description),
    customerId: v.customerId ?? undefined,
    contactPhone: isMaskedCallNumber(v.phone, call) ? undefined : text(v.phone),
    callId: call?.callId,
    answerOnIntake: text(answerOnIntake),
    // CL-2: the approved answer (KB-1) the reply comes from; the server refuses a close without it.
    answerArticleId: answerOnIntake === undefined ? undefined : answerArticleId,
    receivedAt: v.receivedAt ? v.receivedAt.format() : undefined,
    address: text(v.address),
    assetModel: text(v.assetModel),
    purchaseDate: v.purchaseDate ? v.purchaseDate.format('YYYY-MM-DD') : undefined,
    requestedTime: text(v.requestedTime),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) body[key] = value;
  return body;
}

/** Digits typed so far; a phone lookup needs at least four (the server refuses shorter). */
export function phoneDigits(phone: string | undefined): string {
  return (phone ?? '').replace(/\D/g, '');
}

/** Required fields in the order the cursor visits them; the first empty one gets the cursor after 受理. */
export function firstEmptyRequired(
  v: Partial<IntakeValues>,
): 'type' | 'rectificationKind' | 'subject' | 'description' {
  if (!v.type) return 'type';
  if (v.type === 'rectification' && !v.rectificationKind) return 'rectificationKind';
  if (!text(v.subject)) return 'subject';
  return 'description';
}
