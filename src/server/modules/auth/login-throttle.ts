import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../app/config';
import type { Db } from '../../app/db';
import { rowsOf } from '../../app/db';
import { AppError, commonErrors } from '../../app/errors';
import { loginThrottles } from './auth.table';

const MINUTE = 60_000;
/** A lock doubles with each one before it, up to 2^6 times the configured length. */
const MAX_DOUBLINGS = 6;

/** The throttle row of one account name (as typed, case-folded) tried from one client address. */
export function accountKey(username: string, ip: string | null): string {
  return `account:${username.trim().toLowerCase()}|${ip ?? '-'}`;
}
const addressKey = (ip: string | null) => `address:${ip ?? '-'}`;

/** 423 saying how long the lock lasts, in minutes and as an instant. */
export function accountLockedError(lockedUntil: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    'auth.account_locked',
    423,
    `密码错误次数过多，该账号在此设备上已暂时锁定，请 ${minutes} 分钟后再试，或请管理员重置密码`,
    `Too many wrong passwords: this account is locked from this address for ${minutes} more minute(s); try later or ask an administrator to reset the password`,
    { lockedUntil: lockedUntil.toISOString(), retryAfterSeconds: seconds },
  );
}

/**
 * Counts one login attempt from a client address in its one-minute window and refuses beyond the
 * limit. The count lives in the database, so every instance behind a load balancer shares it.
 */
export async function countAddressAttempt(db: Db, config: Config, ip: string | null, now: Date) {
  const since = new Date(now.getTime() - MINUTE).toISOString();
  const at = now.toISOString();
  const [row] = rowsOf<{ count: number; windowStart: string | Date }>(
    await db.execute(sql`
      insert into login_throttles as t (key, window_start, window_count, updated_at)
      values (${addressKey(ip)}, ${at}::timestamptz, 1, ${at}::timestamptz)
      on conflict (key) do update set
        window_start = case when t.window_start is null or t.window_start <= ${since}::timestamptz
                            then ${at}::timestamptz else t.window_start end,
        window_count = case when t.window_start is null or t.window_start <= ${since}::timestamptz
                            then 1 else t.window_count + 1 end,
        updated_at = ${at}::timestamptz
      returning window_count as "count", window_start as "windowStart"`),
  );
  if (row && row.count > config.loginRateLimitPerMinute) {
    const retry = new Date(row.windowStart).getTime() + MINUTE - now.getTime();
    throw commonErrors.rateLimited({ retryAfterSeconds: Math.max(1, Math.ceil(retry / 1000)) });
  }
}

/** When the account is locked from this address, the lock's end; else null. */
export async function lockedUntil(db: Db, key: string, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: loginThrottles.lockedUntil })
    .from(loginThrottles)
    .where(eq(loginThrottles.key, key));
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/**
 * Counts a wrong password in one atomic upsert, so ten sent at once count ten (issue 13.4). The
 * configured number of failures locks the key for the lock length times 2^(locks so far). While a
 * lock holds, late failures of a parallel burst change nothing. Returns the lock's end, if locked.
 */
export async function countFailure(
  db: Db,
  config: Config,
  key: string,
  now: Date,
): Promise<{ lockedUntil: Date; lockedNow: boolean } | null> {
  const attempt = randomUUID();
  const max = config.loginMaxFailures;
  const lockSeconds = config.loginLockMinutes * 60;
  const at = now.toISOString();
  const locksAtOnce = max <= 1;
  const [row] = rowsOf<{ lockedUntil: string | Date | null; lockedNow: boolean | null }>(
    await db.execute(sql`
      insert into login_throttles as t (key, failures, locks, locked_until, locked_by, updated_at)
      values (${key}, ${locksAtOnce ? 0 : 1}, ${locksAtOnce ? 1 : 0},
              ${locksAtOnce ? new Date(now.getTime() + lockSeconds * 1000).toISOString() : null}::timestamptz,
              ${locksAtOnce ? attempt : null}, ${at}::timestamptz)
      on conflict (key) do update set
        failures = case when t.locked_until > ${at}::timestamptz then t.failures
                        when t.failures + 1 >= ${max} then 0 else t.failures + 1 end,
        locks = case when t.locked_until > ${at}::timestamptz then t.locks
                     when t.failures + 1 >= ${max} then t.locks + 1 else t.locks end,
        locked_until = case when t.locked_until > ${at}::timestamptz then t.locked_until
                            when t.failures + 1 >= ${max}
                            then ${at}::timestamptz
                                 + make_interval(secs => ${lockSeconds} * power(2, least(t.locks, ${MAX_DOUBLINGS})))
                            else t.locked_until end,
        locked_by = case when t.locked_until > ${at}::timestamptz then t.locked_by
                         when t.failures + 1 >= ${max} then ${attempt} else t.locked_by end,
        updated_at = ${at}::timestamptz
      returning locked_until as "lockedUntil", locked_by = ${attempt} as "lockedNow"`),
  );
  const until = row?.lockedUntil ? new Date(row.lockedUntil) : null;
  return until && until > now ? { lockedUntil: until, lockedNow: row!.lockedNow === true } : null;
}

/** A successful login forgets the failures of this account from this address. */
export async function forgetFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}

/** An administrator's password reset (or re-enabling) lifts the account's locks from every address. */
export async function liftAccountLocks(db: Db, username: string): Promise<void> {
  await db
    .delete(loginThrottles)
    .where(sql`starts_with(${loginThrottles.key}, ${`account:${username.trim().toLowerCase()}|`})`);
}

/** Rows nobody has touched for a day and that hold no lock: swept on login, like sessions. */
export async function sweepThrottles(db: Db, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * MINUTE).toISOString();
  const at = now.toISOString();
  await db.execute(sql`
    delete from login_throttles
    where updated_at < ${dayAgo}::timestamptz and (locked_until is null or locked_until < ${at}::timestamptz)`);
}
