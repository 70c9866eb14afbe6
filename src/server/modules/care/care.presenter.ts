import type { CareTaskRow } from './care.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A care task as the API answers it; `claimedByMe` saves the page a comparison. */
export function presentCareTask(t: CareTaskRow, viewerId: string, now: Date) {
  const held = !!t.claimedBy && !!t.claimedUntil && t.claimedUntil > now;
  return {
    id: t.id,
    unitId: t.unitId,
    customerId: t.customerId,
    assetId: t.assetId,
    ruleCode: t.ruleCode,
    ruleName: t.ruleName,
    channel: t.channel,
    purpose: t.purpose,
    surveyTemplateCode: t.surveyTemplateCode,
    surveyInvitationId: t.surveyInvitationId,
    source: { type: t.sourceType, id: t.sourceId },
    ownerId: t.ownerId,
    note: t.note,
    dueAt: t.dueAt.toISOString(),
    dueDate: t.dueDate,
    mergedInto: t.mergedInto,
    state: t.state,
    stateReason: t.stateReason,
    attempts: t.attempts,
    failedAttempts: t.failedAttempts,
    claimedBy: held ? t.claimedBy : null,
    claimedUntil: held ? iso(t.claimedUntil) : null,
    claimedByMe: held && t.claimedBy === viewerId,
    outcome: t.outcome,
    outcomeNote: t.outcomeNote,
    linkedTicketId: t.linkedTicketId,
    messageId: t.messageId,
    doneAt: iso(t.doneAt),
    createdAt: t.createdAt.toISOString(),
  };
}
