/**
 * Unguessable, expiring links for customers (PORTAL-2). The token (32 random bytes, base64url) is
 * the customer's only credential, so it is shown once — in the message that carries it — and only
 * its hash is kept. A link opens exactly one subject of the type the page asks for; an expired or
 * revoked link says so instead of showing anything.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { customerLinkErrors } from './customer-links.errors';
import { customerLinks } from './customer-links.table';

export type CustomerLinkRow = typeof customerLinks.$inferSelect;

export interface NewCustomerLink {
  subjectType: string;
  subjectId: string;
  customerId: string | null;
  unitId: string;
  /** Why the link was sent ('survey', 'workorder'), shown in audit and support. */
  purpose: string;
  expiresAt: Date;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a link; the returned token and url are the only time the token exists in clear. */
export async function createCustomerLink(
  deps: Deps,
  tx: Db,
  link: NewCustomerLink,
): Promise<{ token: string; url: string; expiresAt: Date }> {
  const now = deps.clock.now();
  if (link.expiresAt.getTime() <= now.getTime()) throw customerLinkErrors.expiryNotInFuture();
  const token = randomBytes(32).toString('base64url');
  await tx.insert(customerLinks).values({ ...link, tokenHash: hashOf(token), createdAt: now });
  return { token, url: `/c/${token}`, expiresAt: link.expiresAt };
}

/** The address of a link as a customer opens it from a message: KEFU_PUBLIC_URL + path, else the path. */
export function customerLinkAddress(deps: Pick<Deps, 'config'>, path: string): string {
  return `${deps.config.publicUrl ?? ''}${path}`;
}

/**
 * The link behind a token, for a page that shows subjects of `subjectType`. Unknown tokens and
 * tokens of another subject type are the same 404 (nothing to learn by probing); expired or
 * revoked links answer 410. Opening is recorded.
 */
export async function resolveCustomerLink(
  deps: Deps,
  db: Db,
  token: string,
  subjectType: string,
): Promise<CustomerLinkRow> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw customerLinkErrors.notFound();
  const [row] = await db
    .select()
    .from(customerLinks)
    .where(and(eq(customerLinks.tokenHash, hashOf(token)), eq(customerLinks.subjectType, subjectType)));
  if (!row) throw customerLinkErrors.notFound();
  const now = deps.clock.now();
  if (row.revokedAt || row.expiresAt.getTime() <= now.getTime()) throw customerLinkErrors.expired();
  await db.update(customerLinks).set({ lastOpenedAt: now }).where(eq(customerLinks.tokenHash, row.tokenHash));
  return { ...row, lastOpenedAt: now };
}

/** Ends every live link of a subject (a work order cancelled, a survey answered). */
export async function revokeCustomerLinks(
  deps: Deps,
  tx: Db,
  subject: { subjectType: string; subjectId: string },
): Promise<number> {
  const revoked = await tx
    .update(customerLinks)
    .set({ revokedAt: deps.clock.now() })
    .where(
      and(
        eq(customerLinks.subjectType, subject.subjectType),
        eq(customerLinks.subjectId, subject.subjectId),
        isNull(customerLinks.revokedAt),
      ),
    )
    .returning({ tokenHash: customerLinks.tokenHash });
  return revoked.length;
}
