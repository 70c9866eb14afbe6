// Shapes of the tickets API (docs/api-tickets.md). Kept by hand like src/web/api/types.ts.
import type { CountsIn } from '../sla/counts-in';

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
export type TicketType = (typeof TICKET_TYPES)[number];

export const RECTIFICATION_KINDS = ['engineering', 'finance', 'marketing', 'other'] as const;
export type RectificationKind = (typeof RECTIFICATION_KINDS)[number];

export const TICKET_CHANNELS = [
  'phone',
  'hotline_400',
  'walk_in',
  'letter',
  'web_form',
  'im_wechat',
  'im_qq',
  'im_wangwang',
  'forum_post',
  'sms',
  'ecommerce_dispute',
  'on_site',
] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_STATES = [
  'new',
  'assigned',
  'in_progress',
  'waiting_department',
  'pending_customer',
  'resolved',
  'closed',
  'cancelled',
  'merged',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const OPEN_STATES: readonly TicketState[] = [
  'new',
  'assigned',
  'in_progress',
  'waiting_department',
  'pending_customer',
];

/** The saved views of the queue (GET /tickets?view=). */
export const TICKET_VIEWS = ['my_queue', 'due_today', 'breached', 'waiting_department'] as const;
export type TicketView = (typeof TICKET_VIEWS)[number];

export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'paused' | 'done' | 'none';
export type SlaTargetState =
  'pending' | 'on_track' | 'at_risk' | 'breached' | 'escalated' | 'paused' | 'met' | 'met_late' | 'ended';

/** Types whose intake needs address, model and purchase date before dispatch (IN-4). */
export const TYPES_WITH_ESSENTIALS: readonly TicketType[] = ['repair', 'installation', 'return_exchange'];

/**
 * Keys an agent types into the type and channel pickers: pinyin initials (yxts = 硬性投诉) and the
 * English code, so the pickers work from the keyboard without switching the input method.
 */
export const TYPE_KEYS: Record<TicketType, string> = {
  consultation_direct: 'zxzj zx consultation direct',
  consultation_indirect: 'zxjj zx consultation indirect',
  soft_complaint: 'rxts ts soft complaint',
  hard_complaint: 'yxts ts hard complaint',
  rectification: 'zg zgl rectification',
  repair: 'bx repair',
  installation: 'az ylwt installation',
  return_exchange: 'thh th hh return exchange',
  order_cancellation: 'qxdd cancellation',
  praise: 'by praise',
  suggestion: 'jy suggestion',
  other: 'qt other',
};

export const CHANNEL_KEYS: Record<TicketChannel, string> = {
  phone: 'dh phone',
  hotline_400: '400 rx hotline',
  walk_in: 'lf walk visit',
  letter: 'lh letter',
  web_form: 'wz bd web form',
  im_wechat: 'wx wechat',
  im_qq: 'qq',
  im_wangwang: 'ww wangwang',
  forum_post: 'lt tz forum post',
  sms: 'dx sms',
  ecommerce_dispute: 'ds jf ecommerce dispute',
  on_site: 'xc site',
};

export interface Named {
  id: string;
  name: string;
}

export interface TicketCustomer {
  id: string;
  name: string;
  specialAttention: boolean;
}

export interface TicketSummary {
  id: string;
  number: string;
  unit: Named;
  type: TicketType;
  rectificationKind: RectificationKind | null;
  channel: TicketChannel;
  priority: TicketPriority;
  subject: string;
  state: TicketState;
  customerId: string | null;
  /** The linked customer as lists show it; special-attention customers are shown in red. */
  customer: TicketCustomer | null;
  contactPhone: string | null;
  intakeAgent: Named | null;
  assigneeUser: Named | null;
  assigneeTeam: Named | null;
  assigneeDepartment: Named | null;
  salesChannel: Named | null;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  sla: { state: SlaState; nextDueAt: string | null };
}

export interface SlaTarget {
  id: string;
  key: string;
  state: SlaTargetState;
  overdue: boolean;
  allowed: { unit: string; amount?: number };
  stopsOn: string;
  /** 'intake', 'previous_met', 'committed_date_set' or { event } (SLA-6: the item's return). */
  startsOn: string | { event: string };
  pausesWhenPendingCustomer: boolean;
  intakeAt: string;
  startedAt: string | null;
  dueAt: string | null;
  atRiskAt: string | null;
  metAt: string | null;
  committedAt: string | null;
  /** SLA-10: when and why the target ended unmet. */
  endedAt: string | null;
  endReason: string | null;
  /** SLA-1: the calendar the target counts in. */
  countsIn?: CountsIn | null;
}

export type TimelineType =
  | 'created'
  | 'routed'
  | 'assigned'
  | 'reclassified'
  | 'note'
  | 'reply'
  | 'state_changed'
  | 'updated'
  | 'merged_into'
  | 'merge_received';

export interface TimelineEvent {
  id: string;
  type: TimelineType | string;
  at: string;
  visibility: 'internal' | 'customer';
  actor: Named | null;
  body: Record<string, unknown>;
}

export type EssentialField = 'contactPhone' | 'address' | 'assetModel' | 'purchaseDate';

export interface TicketDetail extends TicketSummary {
  description: string;
  createdBy: string;
  address: string | null;
  assetId: string | null;
  assetModel: string | null;
  assetSerial: string | null;
  purchaseDate: string | null;
  requestedTime: string | null;
  publicPostUrl: string | null;
  mergedIntoId: string | null;
  missingEssentials: EssentialField[];
  allowedTransitions: TicketState[];
  slaTargets: SlaTarget[];
  timeline: TimelineEvent[];
}

export const TICKETS = '/api/v1/tickets';
export const TICKETS_KEY = 'tickets';
export const ticketPath = (id: string) => `${TICKETS}/${id}`;
export const ticketKey = (id: string) => [TICKETS_KEY, 'detail', id] as const;
