/**
 * Signing in to the customer portal (PORTAL-1): a mobile number and a six-digit one-time code sent
 * by SMS through the outbox. Codes live five minutes, allow five wrong tries, and are spent by their
 * first correct use (a replay is refused). Sending is limited per number and per address, failed
 * tries per number; the answer does not say whether the number is on file. A session is short (30
 * minutes) and its token — sent back as a bearer token, which WeChat's browser keeps like any page
 * storage — is kept only as a hash.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { and, desc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import { normalizePhone } from '../../../domain/customers';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { customerPhones, customers } from '../customers/customers.table';
import { enqueueMessage } from '../messages/messages.service';
import { portalErrors } from './portal.errors';
import { portalCodes, portalSessions } from './portal.table';

export const CODE_TTL_MS = 5 * 60_000;
export const SESSION_TTL_MS = 30 * 60_000;
const HOUR_MS = 3_600_000;
/** Codes sent to one number per hour, and from one address per hour. */
export const CODES_PER_PHONE_HOUR = 5;
export const CODES_PER_IP_HOUR = 20;
/** Wrong codes per code, and per number per hour, before signing in is refused. */
export const TRIES_PER_CODE = 5;
export const FAILED_TRIES_PER_PHONE_HOUR = 10;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const codeHashOf = (phone: string, code: string) => sha(`${phone}:${code}`);

function mobileOf(input: string): string {
  const phone = normalizePhone(input);
  if (!phone.ok || phone.kind !== 'mobile') throw portalErrors.phoneInvalid();
  return phone.normalized;
}

/** The customers whose records carry this mobile number (a household may share one). */
export async function customersOfPhone(deps: Deps, phone: string) {
  return deps.db
    .selectDistinct({ id: customers.id, name: customers.name, unitId: customers.unitId })
    .from(customerPhones)
    .innerJoin(customers, eq(customers.id, customerPhones.customerId))
    .where(and(eq(customerPhones.normalized, phone), eq(customers.draft, false)))
    .orderBy(customers.id);
}

/** Sends a code to a number on file; a number not on file gets the same answer and no SMS. */
export async function requestCode(deps: Deps, input: { phone: string }, ip: string | null) {
  const phone = mobileOf(input.phone);
  const now = deps.clock.now();
  const since = new Date(now.getTime() - HOUR_MS);
  return deps.db.transaction(async (tx) => {
    // One number's requests queue behind each other, so a burst cannot slip past the count.
    await tx.execute(sql`select pg_advisory_xact_lock(727341, hashtext(${phone}))`);
    const [byPhone] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(portalCodes)
      .where(and(eq(portalCodes.phone, phone), gte(portalCodes.createdAt, since)));
    const [byIp] = ip
      ? await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(portalCodes)
          .where(and(eq(portalCodes.ip, ip), gte(portalCodes.createdAt, since)))
      : [{ n: 0 }];
    if ((byPhone?.n ?? 0) >= CODES_PER_PHONE_HOUR || (byIp?.n ?? 0) >= CODES_PER_IP_HOUR)
      throw portalErrors.tooManyCodes();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const [row] = await tx
      .insert(portalCodes)
      .values({
        phone,
        codeHash: codeHashOf(phone, code),
        ip,
        createdAt: now,
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      })
      .returning();
    const [customer] = await customersOfPhone({ ...deps, db: tx }, phone);
    if (customer)
      await enqueueMessage(deps, tx, {
        unitId: customer.unitId,
        customerId: customer.id,
        channel: 'sms',
        to: phone,
        body: `您的客服自助服务验证码为 ${code}，5 分钟内有效。请勿告诉他人。`,
        purpose: 'service',
        awaitedByCustomer: true,
        idempotencyKey: `portal-code:${row!.id}`,
        source: { type: 'portal_code', id: row!.id },
      });
    return { expiresInSeconds: CODE_TTL_MS / 1000 };
  });
}

/** Checks the code; on success opens a session for the number and spends the code. */
export async function signIn(deps: Deps, input: { phone: string; code: string }, ip: string | null) {
  const phone = mobileOf(input.phone);
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727341, hashtext(${phone}))`);
    const [failed] = await tx
      .select({ n: sql<number>`coalesce(sum(${portalCodes.failedAttempts}), 0)::int` })
      .from(portalCodes)
      .where(
        and(eq(portalCodes.phone, phone), gte(portalCodes.createdAt, new Date(now.getTime() - HOUR_MS))),
      );
    if ((failed?.n ?? 0) >= FAILED_TRIES_PER_PHONE_HOUR) return { error: portalErrors.tooManyAttempts() };
    const [live] = await tx
      .select()
      .from(portalCodes)
      .where(
        and(eq(portalCodes.phone, phone), isNull(portalCodes.consumedAt), gt(portalCodes.expiresAt, now)),
      )
      .orderBy(desc(portalCodes.createdAt))
      .limit(1);
    if (!live || live.failedAttempts >= TRIES_PER_CODE) return { error: portalErrors.codeInvalid() };
    if (live.codeHash !== codeHashOf(phone, input.code)) {
      // The wrong try is counted even though the request fails: it commits, the error follows.
      await tx
        .update(portalCodes)
        .set({ failedAttempts: sql`${portalCodes.failedAttempts} + 1` })
        .where(eq(portalCodes.id, live.id));
      return { error: portalErrors.codeInvalid() };
    }
    await tx.update(portalCodes).set({ consumedAt: now }).where(eq(portalCodes.id, live.id));
    const owned = await customersOfPhone({ ...deps, db: tx }, phone);
    if (owned.length === 0) return { error: portalErrors.codeInvalid() };
    const { token, expiresAt } = await openPortalSession(tx, now, phone);
    await recordAudit(tx, now, null, {
      action: 'portal.signed_in',
      subjectType: 'customer',
      subjectId: owned[0]!.id,
      unitId: owned[0]!.unitId,
      after: { origin: 'customer_portal', ip },
    });
    return { token, expiresAt: expiresAt.toISOString() };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome;
}

/**
 * A portal session for a number already proven: by a one-time code here, or by the WeChat
 * official-account follower bound to the number's customer (channels module, issue 22).
 */
export async function openPortalSession(db: Db, now: Date, phone: string) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(portalSessions).values({ tokenHash: sha(token), phone, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** The number a bearer token proves, or 401. */
export async function portalPhoneOf(deps: Deps, authorization: string | undefined): Promise<string> {
  const token = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(authorization ?? '')?.[1];
  if (!token) throw portalErrors.notSignedIn();
  const [row] = await deps.db
    .select()
    .from(portalSessions)
    .where(eq(portalSessions.tokenHash, sha(token)));
  if (!row || row.expiresAt.getTime() <= deps.clock.now().getTime()) throw portalErrors.notSignedIn();
  return row.phone;
}
