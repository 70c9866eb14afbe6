/**
 * The two checks every OAuth round trip through WeCom, DingTalk or a WeChat official account makes
 * (issue 22), shared by staff sign-in here and the official-account menu links in channels:
 * - `state`: random, kept as a hash with what the round trip is for, and also put in a cookie of the
 *   browser that started it. The callback must carry a live, unspent state equal to that cookie, so
 *   a link made by someone else (login CSRF) or an old one is refused. Spent on first use.
 * - the authorization code: its hash is recorded when exchanged, so a code that comes back (a
 *   replayed callback) is refused before the vendor is asked.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { authErrors } from './auth.errors';
import { oauthCodes, oauthStates } from './auth.table';

export const OAUTH_STATE_COOKIE = 'kefu_oauth_state';
export const OAUTH_STATE_TTL_MS = 10 * 60_000;
const DAY_MS = 24 * 3_600_000;

export type OAuthProvider = 'wecom' | 'dingtalk' | 'wechat_oa';
export type OAuthPurpose = 'login' | 'bind' | 'customer' | 'customer_bind';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Starts a round trip: answers the state to send to the vendor (and to set in the cookie). */
export async function startOAuthState(
  db: Db,
  now: Date,
  input: {
    provider: OAuthProvider;
    accountId: string;
    purpose: OAuthPurpose;
    userId?: string | null;
    target?: string | null;
    externalId?: string | null;
    ttlMs?: number;
  },
): Promise<string> {
  const state = randomBytes(24).toString('base64url');
  await db.insert(oauthStates).values({
    stateHash: sha(state),
    provider: input.provider,
    accountId: input.accountId,
    purpose: input.purpose,
    userId: input.userId ?? null,
    target: input.target ?? null,
    externalId: input.externalId ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + (input.ttlMs ?? OAUTH_STATE_TTL_MS)),
  });
  // Old rows go as new ones come: both tables stay small.
  await db.delete(oauthStates).where(lt(oauthStates.expiresAt, new Date(now.getTime() - DAY_MS)));
  await db.delete(oauthCodes).where(lt(oauthCodes.usedAt, new Date(now.getTime() - DAY_MS)));
  return state;
}

function sameValue(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Spends a state. `cookie` is the browser's copy (null to skip it: the customer-bind token, which
 * is itself the page's secret). Refused when missing, foreign, spent, expired or of another purpose.
 */
export async function consumeOAuthState(
  db: Db,
  now: Date,
  input: {
    provider: OAuthProvider;
    state: string | undefined;
    cookie: string | undefined | null;
    purposes: readonly OAuthPurpose[];
  },
) {
  const { state, cookie } = input;
  if (!state || !/^[A-Za-z0-9_-]{20,64}$/.test(state)) throw authErrors.oauthStateInvalid();
  if (cookie !== null && (!cookie || !sameValue(cookie, state))) throw authErrors.oauthStateInvalid();
  const [row] = await db
    .update(oauthStates)
    .set({ consumedAt: now })
    .where(
      and(
        eq(oauthStates.stateHash, sha(state)),
        eq(oauthStates.provider, input.provider),
        isNull(oauthStates.consumedAt),
        gt(oauthStates.expiresAt, now),
      ),
    )
    .returning();
  if (!row || !input.purposes.includes(row.purpose as OAuthPurpose)) throw authErrors.oauthStateInvalid();
  return row;
}

/** Records an authorization code as used; one seen before is refused. */
export async function spendOAuthCode(db: Db, now: Date, provider: OAuthProvider, code: string) {
  if (!code || code.length > 512) throw authErrors.oauthCodeInvalid();
  const [fresh] = await db
    .insert(oauthCodes)
    .values({ provider, codeHash: sha(code), usedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!fresh) throw authErrors.oauthCodeReused();
}
