import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contacts } from '../contacts/contacts.table';
import { users } from '../org/org.table';

/** Which desk phone extension an agent sits at, so a ringing call reaches the right browser (IN-3). */
export const agentExtensions = pgTable(
  'agent_extensions',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    extension: text('extension').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('agent_extensions_extension_key').on(t.extension)],
);

/** Why a call ended, as the after-call callback says it (the vendor's own code is kept beside it). */
export const HANGUP_CAUSES = ['caller', 'agent', 'no_answer', 'busy', 'failed', 'system'] as const;

/**
 * The telephony integration's after-call record (话单) of one call: what the vendor measured (talk
 * duration, hang-up cause) and where its recording is. One row per call id: the vendor retries and
 * batches, and a repeated record changes nothing. The vendor's recording address stays on the
 * server, encrypted at rest; browsers play the recording through Kefu.
 */
export const callRecords = pgTable(
  'call_records',
  {
    callId: text('call_id').primaryKey(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    ringingAt: timestamp('ringing_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    hangupCause: text('hangup_cause', { enum: HANGUP_CAUSES }).notNull(),
    vendorCause: text('vendor_cause'),
    /**
     * The vendor's recording address sealed like channel secrets (`v1.<iv>.<tag>.<ct>`, AES-256-GCM
     * under the server key): it may carry the vendor's credentials, so a database copy must not show
     * it. Opened only on the server, when a recording is streamed. Rows stored before sealing are
     * sealed once at start-up (sealPlainRecordings).
     */
    recordingSealed: text('recording_url'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('call_records_contact_key').on(t.contactId),
    index('call_records_ended_idx').on(t.endedAt),
    // Rows whose recording address is still in plain text: empty once sealed, so the start-up
    // pass that seals them reads an empty index instead of every call record.
    index('call_records_unsealed_idx')
      .on(t.callId)
      .where(sql`${t.recordingSealed} IS NOT NULL AND ${t.recordingSealed} NOT LIKE 'v1.%'`),
  ],
);
