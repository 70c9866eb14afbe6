/**
 * After-call records (话单) from the telephony integration and the recordings they point to.
 * The vendor posts records in batches and retries a batch it is not sure arrived: each record is
 * stored once per call id, in its own transaction, and a repeat answers `duplicate`. A record lands
 * on the call's contact-log row (the row the call events wrote, or a new one when the events never
 * came), filling the ringing instant the hotline report counts from (SLA-9). Recordings are played
 * through Kefu, for people allowed to hear them in the call's unit: the vendor's address (and any
 * credentials in it) is stored encrypted, opened only on the server, never reaches a browser, and
 * every play is audited.
 */
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { callChannel, normalizePhone } from '../../../domain/customers';
import { can, scopeRoots } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { AppError } from '../../app/errors';
import { recordAudit } from '../audit/audit.service';
import { openSecrets, sealSecrets, secretKeyOf } from '../channels/channels.service';
import { applyCallRecord, findCallContact, recordCall } from '../contacts/contacts.service';
import { contacts } from '../contacts/contacts.table';
import { findCustomersByPhone } from '../customers/customers.service';
import { findUnit } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { ticketInScope } from '../tickets/tickets.service';
import { telephonyErrors } from './telephony.errors';
import { callRecords, type HANGUP_CAUSES } from './telephony.table';
import { ringingAgent } from './telephony.usecases';

export const RECORDING_PERMISSION = 'telephony.recordings.play';

export interface CallRecordInput {
  callId: string;
  callerNumber: string;
  line?: string | undefined;
  agentExtension?: string | undefined;
  ringingAt?: string | undefined;
  answeredAt?: string | undefined;
  endedAt: string;
  durationSeconds: number;
  hangupCause: (typeof HANGUP_CAUSES)[number];
  vendorCause?: string | undefined;
  recordingUrl?: string | undefined;
}

export type CallRecordResult =
  | { callId: string; status: 'stored' | 'duplicate'; contactId: string }
  | { callId: string; status: 'rejected'; code: string; message: string };

/** Seals a vendor recording address for storage (the channel secrets' scheme and key). */
export function sealRecordingUrl(deps: Pick<Deps, 'config'>, url: string): string {
  return sealSecrets(secretKeyOf(deps.config), { url });
}

function openRecordingUrl(deps: Pick<Deps, 'config'>, sealed: string): string {
  const url = openSecrets(secretKeyOf(deps.config), sealed).url;
  if (!url) throw new Error('sealed recording without an address');
  return url;
}

/**
 * Seals the recording addresses stored in plain text before they were encrypted at rest (the data
 * migration of that change; runs at start-up, a no-op once done). Each row is fenced on its old
 * value, so two servers starting together seal it once.
 */
// Written as the partial index call_records_unsealed_idx is, so the planner uses it at any scale.
const unsealedRecording = sql`${callRecords.recordingSealed} IS NOT NULL AND ${callRecords.recordingSealed} NOT LIKE 'v1.%'`;

export async function sealPlainRecordings(deps: Pick<Deps, 'config' | 'db'>): Promise<number> {
  const plain = await deps.db
    .select({ callId: callRecords.callId, url: callRecords.recordingSealed })
    .from(callRecords)
    .where(unsealedRecording);
  let sealed = 0;
  for (const row of plain) {
    const done = await deps.db
      .update(callRecords)
      .set({ recordingSealed: sealRecordingUrl(deps, row.url!) })
      .where(and(eq(callRecords.callId, row.callId), eq(callRecords.recordingSealed, row.url!)))
      .returning({ callId: callRecords.callId });
    sealed += done.length;
  }
  return sealed;
}

/** The contact-log row for a call no event announced: written from the record's own instants. */
async function contactFromRecord(deps: Deps, record: CallRecordInput) {
  const agent = await ringingAgent(deps, null, record.agentExtension);
  const phone = normalizePhone(record.callerNumber);
  const matches =
    phone.ok && scopeRoots(agent.grants, 'customers.read').length > 0
      ? await findCustomersByPhone(deps, agent, phone.normalized)
      : [];
  const line = record.line ? normalizePhone(record.line) : null;
  const base = {
    callId: record.callId,
    unitId: matches[0]?.customer.unitId ?? scopeRoots(agent.grants, 'telephony.receive')[0]!,
    customerId: matches.length === 1 ? matches[0]!.customer.id : null,
    phoneNumber: phone.ok ? phone.normalized : null,
    channel: callChannel(line?.ok ? line.kind : null),
  };
  const first = record.ringingAt ? 'ringing' : record.answeredAt ? 'answered' : 'ended';
  const at = new Date(record.ringingAt ?? record.answeredAt ?? record.endedAt);
  return recordCall(deps, agent, { ...base, stage: first, at });
}

/** One record in one transaction: stored, a repeat of one already stored, or refused with its code. */
async function storeOne(deps: Deps, record: CallRecordInput): Promise<CallRecordResult> {
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const inTx: Deps = { ...deps, db: tx };
      const [done] = await tx.select().from(callRecords).where(eq(callRecords.callId, record.callId));
      if (done) return { callId: record.callId, status: 'duplicate' as const, contactId: done.contactId };
      const contact = (await findCallContact(tx, record.callId)) ?? (await contactFromRecord(inTx, record));
      const ringingAt = record.ringingAt ? new Date(record.ringingAt) : null;
      const answeredAt = record.answeredAt ? new Date(record.answeredAt) : null;
      await applyCallRecord(tx, now, contact.id, {
        ringingAt,
        answeredAt,
        durationSeconds: record.durationSeconds,
      });
      const inserted = await tx
        .insert(callRecords)
        .values({
          callId: record.callId,
          contactId: contact.id,
          ringingAt,
          answeredAt,
          endedAt: new Date(record.endedAt),
          durationSeconds: record.durationSeconds,
          hangupCause: record.hangupCause,
          vendorCause: record.vendorCause ?? null,
          recordingSealed: record.recordingUrl ? sealRecordingUrl(deps, record.recordingUrl) : null,
          receivedAt: now,
        })
        .onConflictDoNothing()
        .returning({ callId: callRecords.callId });
      // Two deliveries of one record racing: the other one stored it; this one changes nothing.
      if (inserted.length === 0) throw new DuplicateRace(contact.id);
      await recordAudit(tx, now, null, {
        action: 'telephony.call_record_stored',
        subjectType: 'contact',
        subjectId: contact.id,
        unitId: contact.unitId,
        after: {
          callId: record.callId,
          durationSeconds: record.durationSeconds,
          hangupCause: record.hangupCause,
          vendorCause: record.vendorCause ?? null,
          recording: Boolean(record.recordingUrl),
        },
      });
      return { callId: record.callId, status: 'stored' as const, contactId: contact.id };
    });
  } catch (err) {
    if (err instanceof DuplicateRace)
      return { callId: record.callId, status: 'duplicate', contactId: err.contactId };
    if (err instanceof AppError && err.status < 500)
      return {
        callId: record.callId,
        status: 'rejected',
        code: err.code,
        message: `${err.messageZh} / ${err.messageEn}`,
      };
    throw err;
  }
}

class DuplicateRace extends Error {
  constructor(readonly contactId: string) {
    super('call record stored by a concurrent delivery');
  }
}

/**
 * A batch of after-call records. Records are taken one after another, each on its own: one the
 * system cannot place (an extension nobody uses) is answered `rejected` with its code and does not
 * hold back the others; the vendor may resend the whole batch, and what was stored stays once.
 */
export async function storeCallRecords(deps: Deps, records: CallRecordInput[]) {
  const results: CallRecordResult[] = [];
  for (const record of records) results.push(await storeOne(deps, record));
  return { results };
}

export interface TicketCall {
  contactId: string;
  callId: string;
  ringingAt: string | null;
  answeredAt: string | null;
  durationSeconds: number | null;
  hangupCause: (typeof HANGUP_CAUSES)[number] | null;
  hasRecording: boolean;
  /** Kefu's own address of the recording, only for who may play it here. */
  recordingPath: string | null;
}

/** The calls on a ticket's contact log rows (IN-3), with their after-call record and recording. */
export async function ticketCalls(deps: Deps, actor: Actor, ticketId: string): Promise<TicketCall[]> {
  await ticketInScope(deps.db, actor, ticketId);
  const rows = await deps.db
    .select({
      contactId: contacts.id,
      callId: contacts.callId,
      ringingAt: contacts.ringingAt,
      answeredAt: contacts.answeredAt,
      durationSeconds: contacts.durationSeconds,
      occurredAt: contacts.occurredAt,
      unitPath: organisationUnits.path,
      hangupCause: callRecords.hangupCause,
      recordingSealed: callRecords.recordingSealed,
    })
    .from(contacts)
    .innerJoin(organisationUnits, eq(organisationUnits.id, contacts.unitId))
    .leftJoin(callRecords, eq(callRecords.contactId, contacts.id))
    .where(and(eq(contacts.ticketId, ticketId), isNotNull(contacts.callId)))
    .orderBy(asc(contacts.occurredAt));
  return rows.map((r) => {
    const hasRecording = Boolean(r.recordingSealed);
    const mayPlay = hasRecording && can(actor.grants, RECORDING_PERMISSION, r.unitPath);
    return {
      contactId: r.contactId,
      callId: r.callId!,
      ringingAt: r.ringingAt?.toISOString() ?? null,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      durationSeconds: r.durationSeconds,
      hangupCause: r.hangupCause,
      hasRecording,
      recordingPath: mayPlay ? `/api/v1/telephony/recordings/${r.contactId}` : null,
    };
  });
}

/** The vendor address of a contact's recording, for who may play it in the call's unit (else 404). */
async function recordingOf(deps: Deps, actor: Actor, contactId: string) {
  const db = deps.db;
  const [row] = await db
    .select({ sealed: callRecords.recordingSealed, unitId: contacts.unitId, callId: callRecords.callId })
    .from(callRecords)
    .innerJoin(contacts, eq(contacts.id, callRecords.contactId))
    .where(eq(callRecords.contactId, contactId));
  if (!row?.sealed) throw telephonyErrors.recordingNotFound();
  const unit = await findUnit(db, row.unitId);
  if (!unit || !can(actor.grants, RECORDING_PERMISSION, unit.path)) throw telephonyErrors.recordingNotFound();
  return { url: openRecordingUrl(deps, row.sealed), unitId: row.unitId, callId: row.callId };
}

/**
 * Fetches the recording from the vendor for the browser's <audio>: the byte range the player asks
 * for is passed on (so it can seek), credentials written in the vendor's address go as Basic auth.
 * The first request of a play (no range, or from byte 0) is audited.
 */
export async function openRecording(deps: Deps, actor: Actor, contactId: string, range: string | undefined) {
  const rec = await recordingOf(deps, actor, contactId);
  const url = new URL(rec.url);
  const headers: Record<string, string> = {};
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  if (range && /^bytes=\d*-\d*$/.test(range)) headers.range = range;
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
  } catch (err) {
    deps.logger.warn({ err, contactId }, 'recording not fetched from the telephony vendor');
    throw telephonyErrors.recordingUnavailable();
  }
  if (!res.ok || !res.body) {
    deps.logger.warn({ status: res.status, contactId }, 'telephony vendor refused the recording');
    await res.body?.cancel();
    throw telephonyErrors.recordingUnavailable();
  }
  if (!range || /^bytes=0-/.test(range)) {
    await deps.db.transaction((tx) =>
      recordAudit(tx, deps.clock.now(), actor, {
        action: 'telephony.recording_played',
        subjectType: 'contact',
        subjectId: contactId,
        unitId: rec.unitId,
        after: { callId: rec.callId },
      }),
    );
  }
  const pass = (name: string) => res.headers.get(name);
  return {
    status: res.status === 206 ? 206 : 200,
    headers: {
      'content-type': pass('content-type') ?? 'audio/mpeg',
      ...(pass('content-length') ? { 'content-length': pass('content-length')! } : {}),
      ...(pass('content-range') ? { 'content-range': pass('content-range')! } : {}),
      'accept-ranges': pass('accept-ranges') ?? 'none',
      'cache-control': 'private, no-store',
    },
    body: res.body,
  };
}
