import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Server pushes of the last few minutes (caller pop-ups…), one row per event for one person. The
 * row's id is the SSE event id: a stream reconnecting with Last-Event-ID reads what it missed from
 * here, and an instance told of an event by NOTIFY reads it here when it was too large to travel in
 * the notification. Rows older than LIVE_EVENT_KEEP_MS are deleted (docs/decisions/0018).
 */
export const liveEvents = pgTable(
  'live_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    userId: text('user_id').notNull(),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('live_events_user_idx').on(t.topic, t.userId, t.id),
    index('live_events_created_idx').on(t.createdAt),
  ],
);

/**
 * Streams open right now, on any instance: how a publisher on one instance knows how many screens
 * its push reached on all of them. Each instance refreshes `seen_at` of its own rows; rows of an
 * instance that died stop counting after LIVE_STREAM_STALE_MS and are then deleted.
 */
export const liveStreams = pgTable(
  'live_streams',
  {
    id: text('id').primaryKey(),
    instanceId: text('instance_id').notNull(),
    topic: text('topic').notNull(),
    userId: text('user_id').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('live_streams_user_idx').on(t.topic, t.userId),
    index('live_streams_instance_idx').on(t.instanceId),
  ],
);
