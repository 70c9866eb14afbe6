import { MESSAGE_CHANNELS, TEMPLATE_VARIABLES, type MessageChannel } from '../../../domain/messages';
import type { AttemptRow } from './messages.repository';
import type { OutboxItem } from './outbox.usecases';
import type { EffectiveTemplate } from './templates.usecases';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentMessage(m: OutboxItem) {
  return {
    id: m.id,
    unitId: m.unitId,
    unitName: m.unitName,
    customerId: m.customerId,
    channel: m.channel as MessageChannel,
    recipient: m.recipient,
    subject: m.subject,
    body: m.body,
    templateCode: m.templateCode,
    purpose: m.purpose as 'service' | 'marketing',
    state: m.state as 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'cancelled',
    stateReason: m.stateReason,
    attempts: m.attemptsTotal,
    nextAttemptAt: m.nextAttemptAt.toISOString(),
    provider: m.provider,
    providerMessageId: m.providerMessageId,
    lastError: m.lastError,
    source: m.sourceType && m.sourceId ? { type: m.sourceType, id: m.sourceId } : null,
    createdAt: m.createdAt.toISOString(),
    sentAt: iso(m.sentAt),
  };
}

export function presentAttempt(a: AttemptRow) {
  return {
    number: a.number,
    provider: a.provider,
    startedAt: a.startedAt.toISOString(),
    finishedAt: iso(a.finishedAt),
    outcome: a.outcome,
    providerMessageId: a.providerMessageId,
    error: a.error,
  };
}

export function presentTemplate(t: EffectiveTemplate) {
  return { ...t, updatedAt: iso(t.updatedAt) };
}

export const variableCatalogue = () =>
  Object.entries(TEMPLATE_VARIABLES).map(([name, v]) => ({ name, zh: v.zh, en: v.en, sample: v.sample }));

export { MESSAGE_CHANNELS };
