import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { effectivePermissions } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { users } from '../org/org.table';
import { orgCache, grantsOfUser, loadGrants, membershipsOf, presentMembership } from '../org/org.service';
import { sessions } from './auth.table';
import { assertStrongPassword, authErrors } from './auth.errors';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import {
  accountKey,
  accountLockedError,
  countAddressAttempt,
  countFailure,
  forgetFailures,
  lockedUntil,
  sweepThrottles,
} from './login-throttle';

const MINUTE = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

/**
 * Logs a person in. Attempts are counted per client address (rate limit) and wrong passwords per
 * account name *and* address (login-throttle.ts), both in the database so instances share them.
 * The lock is checked before the password, so guessing during it is useless; an unknown name is
 * counted and locked exactly like a real one, so no answer tells whether a name exists.
 */
export async function login(
  deps: Deps,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const { db, clock, config } = deps;
  const now = clock.now();
  await countAddressAttempt(db, config, input.ip, now);
  const key = accountKey(input.username, input.ip);
  const locked = await lockedUntil(db, key, now);
  if (locked) throw accountLockedError(locked, now);
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${input.username})`);
  const passwordOk = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);
  if (!user || !passwordOk) {
    const lock = await countFailure(db, config, key, now);
    const lockEnds = lock?.lockedUntil ?? null;
    // Attempts of a parallel burst that arrive once the lock is set are refused without a trail row.
    if (user && (!lock || lock.lockedNow)) {
      const actor = { userId: user.id, ip: input.ip };
      const unitId = (await loadGrants(db, user.id))[0]?.unitId ?? null;
      await db.transaction(async (tx) => {
        // The user list shows the latest lock from any address; the lock itself is per address.
        if (lockEnds) await tx.update(users).set({ lockedUntil: lockEnds }).where(eq(users.id, user.id));
        await recordAudit(tx, now, actor, {
          action: lockEnds ? 'auth.account_locked' : 'auth.login_failed',
          subjectType: 'user',
          subjectId: user.id,
          unitId,
          after: lockEnds ? { lockedUntil: lockEnds.toISOString(), ip: input.ip } : { ip: input.ip },
        });
      });
    }
    if (lockEnds) throw accountLockedError(lockEnds, now);
    throw authErrors.invalidCredentials();
  }
  const unitId = (await loadGrants(db, user.id))[0]?.unitId ?? null;
  if (user.status !== 'active') throw authErrors.accountDisabled();

  await forgetFailures(db, key);
  return openSession(deps, { userId: user.id, unitId, ip: input.ip, userAgent: input.userAgent });
}

/**
 * A new session for a person already proven (password, WeCom or DingTalk), with its audit row;
 * `method` names the way in when it was not the password.
 */
export async function openSession(
  deps: Deps,
  input: {
    userId: string;
    unitId: string | null;
    ip: string | null;
    userAgent: string | null;
    method?: 'wecom' | 'dingtalk';
  },
): Promise<NewSession> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.sessionAbsoluteHours * 60 * MINUTE);
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      tokenHash: hashToken(token),
      userId: input.userId,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 400) ?? null,
    });
    // Expired sessions are swept on login rather than by a timer; the table stays small either way.
    await tx.delete(sessions).where(lt(sessions.expiresAt, now));
    await sweepThrottles(tx, now);
    await recordAudit(
      tx,
      now,
      { userId: input.userId, ip: input.ip },
      {
        action: 'auth.login',
        subjectType: 'user',
        subjectId: input.userId,
        unitId: input.unitId,
        ...(input.method ? { after: { method: input.method } } : {}),
      },
    );
  });
  return { token, csrfToken, expiresAt, userId: input.userId };
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  tokenHash: string;
}

/**
 * Finds the live session for a cookie token, enforcing idle and absolute expiry. Last-seen is
 * written at most once a minute so reads don't turn into writes. A session checked less than
 * ORG_CACHE_MS ago is answered from memory (see org.cache): at a busy desk every request resolved
 * its session, one statement each.
 */
export async function resolveSession(
  deps: Deps,
  token: string,
  ip: string | null,
): Promise<ResolvedSession | 'expired' | null> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const tokenHash = hashToken(token);
  const recent = orgCache<ResolvedSession>(deps, 'sessions');
  const known = recent.get(tokenHash, now);
  if (known) return { ...known, actor: { ...known.actor, ip } };
  const [row] = await db
    .select({ session: sessions, user: users, grants: grantsOfUser(users.id) })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!row) return null;
  const idleLimit = new Date(row.session.lastSeenAt.getTime() + config.sessionIdleMinutes * MINUTE);
  if (row.session.expiresAt <= now || idleLimit <= now || row.user.status !== 'active') {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return 'expired';
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > MINUTE) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  const resolved: ResolvedSession = {
    tokenHash,
    csrfToken: row.session.csrfToken,
    actor: {
      userId: row.user.id,
      username: row.user.username,
      displayName: row.user.displayName,
      grants: row.grants,
      ip,
    },
  };
  recent.set(tokenHash, resolved, now);
  return resolved;
}

/** Ends the session behind a cookie. */
export async function logout(deps: Deps, tokenHash: string, actor: Actor): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    await recordAudit(tx, deps.clock.now(), actor, {
      action: 'auth.logout',
      subjectType: 'user',
      subjectId: actor.userId,
      unitId: actor.grants[0]?.unitId ?? null,
    });
  });
}

/** Changes one's own password; every other session of the person ends. */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepTokenHash: string },
): Promise<void> {
  const { db, clock } = deps;
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw authErrors.wrongCurrentPassword();
  }
  assertStrongPassword(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, user.id));
    await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), sql`${sessions.tokenHash} <> ${input.keepTokenHash}`));
    await recordAudit(tx, clock.now(), actor, {
      action: 'auth.password_changed',
      subjectType: 'user',
      subjectId: user.id,
      unitId: actor.grants[0]?.unitId ?? null,
    });
  });
}

/** The signed-in person as the web app sees them: profile, memberships, permissions, CSRF token. */
export async function loadMe(deps: Deps, actor: Actor, csrfToken: string) {
  const [user] = await deps.db.select().from(users).where(eq(users.id, actor.userId));
  const list = (await membershipsOf(deps.db, [actor.userId])).get(actor.userId) ?? [];
  return {
    id: user!.id,
    username: user!.username,
    displayName: user!.displayName,
    locale: user!.locale,
    mustChangePassword: user!.mustChangePassword,
    memberships: list.map(presentMembership),
    permissions: effectivePermissions(actor.grants),
    csrfToken,
  };
}

/** The caller's own interface language, audited. */
export async function changeLocale(deps: Deps, actor: Actor, locale: 'zh-CN' | 'en'): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, actor.userId));
    await tx.update(users).set({ locale }).where(eq(users.id, actor.userId));
    await recordAudit(tx, deps.clock.now(), actor, {
      action: 'auth.preferences_changed',
      subjectType: 'user',
      subjectId: actor.userId,
      unitId: actor.grants[0]?.unitId ?? null,
      before,
      after: { locale },
    });
  });
}
