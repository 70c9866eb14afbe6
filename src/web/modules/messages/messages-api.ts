// Shapes of the messages API (docs/api-messages.md, src/server/modules/messages/messages.schemas.ts).
export const MESSAGES_API = '/api/v1/messages';
export const OUTBOX_KEY = 'outbox';
export const TEMPLATES_KEY = 'message-templates';
export const MSG_PERM = {
  read: 'messages.read',
  manage: 'messages.manage',
  templates: 'messages.templates.manage',
} as const;

export type MessageChannel = 'sms' | 'email';
export type MessageState = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'cancelled';
export const MESSAGE_STATES: readonly MessageState[] = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'cancelled',
];

export interface OutboxMessage {
  id: string;
  unitId: string;
  unitName: string | null;
  customerId: string | null;
  channel: MessageChannel;
  recipient: string;
  subject: string | null;
  body: string;
  templateCode: string | null;
  purpose: 'service' | 'marketing';
  state: MessageState;
  stateReason: string | null;
  attempts: number;
  nextAttemptAt: string;
  provider: string | null;
  providerMessageId: string | null;
  lastError: string | null;
  source: { type: string; id: string } | null;
  createdAt: string;
  sentAt: string | null;
}

export interface DeliveryAttempt {
  number: number;
  provider: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'sent' | 'failed' | 'interrupted' | null;
  providerMessageId: string | null;
  error: string | null;
}

export type OutboxMessageDetail = OutboxMessage & { attemptLog: DeliveryAttempt[] };

export interface ProvidersInfo {
  sms: { provider: string; sendsForReal: boolean };
  email: { provider: string; sendsForReal: boolean };
}

export interface MessageTemplate {
  id: string | null;
  code: string;
  channel: MessageChannel;
  name: string;
  subject: string | null;
  body: string;
  variables: string[];
  shipped: boolean;
  unitId: string | null;
  inherited: boolean;
  updatedAt: string | null;
}

export interface TemplateVariable {
  name: string;
  zh: string;
  en: string;
  sample: string;
}

export interface TemplatePreview {
  subject: string | null;
  body: string;
  missing: string[];
  unknown: string[];
  length: number;
  smsParts: number;
}

/** Colour of each state's tag: waiting blue, moving orange, done green, stopped grey/red. */
export const STATE_COLOR: Record<MessageState, string> = {
  queued: 'blue',
  sending: 'orange',
  sent: 'green',
  delivered: 'cyan',
  failed: 'red',
  cancelled: 'default',
};
