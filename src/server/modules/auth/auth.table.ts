import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../org/org.table';

/** Browser sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Login throttling shared by every instance (issue 13.4): wrong passwords counted per account
 * name *and* client address (so a stranger elsewhere cannot lock the owner out), and all attempts
 * per address per minute. Keyed by the name as typed, so an unknown name is throttled exactly like
 * a real one and the answers never tell them apart. Rows are counted with one atomic upsert each.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    key: text('key').primaryKey(),
    /** Wrong passwords since the last lock (or success). */
    failures: integer('failures').notNull().default(0),
    /** Locks so far: each doubles the next one (a growing delay). */
    locks: integer('locks').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** The attempt that set the lock: of a parallel burst, exactly one learns it locked the account. */
    lockedBy: text('locked_by'),
    /** Attempts in the address's current one-minute window (rate limit). */
    windowStart: timestamp('window_start', { withTimezone: true }),
    windowCount: integer('window_count').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_throttles_updated_idx').on(t.updatedAt)],
);

/**
 * The `state` of an OAuth round trip through WeCom, DingTalk or a WeChat official account (issue 22).
 * Only its hash is kept; the browser that started the round trip holds the value in a cookie, so a
 * callback carrying someone else's state (login CSRF) or an old one is refused. Spent on first use.
 */
export const oauthStates = pgTable(
  'oauth_states',
  {
    stateHash: text('state_hash').primaryKey(),
    /** wecom | dingtalk | wechat_oa */
    provider: text('provider').notNull(),
    /** The channel account whose app the round trip uses (another module: no foreign key). */
    accountId: uuid('account_id').notNull(),
    /** login | bind (a signed-in person binds their identity) | customer (a menu link) */
    purpose: text('purpose').notNull(),
    userId: uuid('user_id').references(() => users.id),
    /** customer: the page the menu link opens. */
    target: text('target'),
    /** customer: the follower's openid waiting to be bound once the portal code is entered. */
    externalId: text('external_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('oauth_states_expires_idx').on(t.expiresAt)],
);

/** Authorization codes already exchanged (hashed): a code that comes back a second time is refused. */
export const oauthCodes = pgTable(
  'oauth_codes',
  {
    provider: text('provider').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.codeHash] }), index('oauth_codes_used_idx').on(t.usedAt)],
);
