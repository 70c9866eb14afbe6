/**
 * WeChat official account (公众号) menu links to the customer pages (issue 22). A menu item points
 * at /api/v1/public/oa/<account>/go?to=portal|survey|workorder; Kefu sends the follower through the
 * web OAuth with scope snsapi_base (silent: no consent page):
 *   open.weixin.qq.com/connect/oauth2/authorize?appid&redirect_uri&response_type=code
 *     &scope=snsapi_base&state#wechat_redirect  →  back with ?code&state
 *   api.weixin.qq.com/sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code
 *     → { access_token, openid, … } or { errcode, errmsg } (40029 invalid code, 40163 code used)
 * The state is checked against the browser's cookie and spent; the code may be used once. A
 * follower already bound gets a portal session for the bound number at once; an unknown one signs
 * in with the portal's one-time code first, and that number's customer is bound to the openid
 * (once; audited; staff may remove it). The bind step is tied to the browser by a cookie, so a
 * forwarded page cannot bind someone else's WeChat to the customer who signs in.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { OA_TARGETS, type FollowerBinding, type OaTarget } from '../../../shared/channels';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { consumeOAuthState, spendOAuthCode, startOAuthState } from '../auth/auth.service';
import { authErrors } from '../auth/auth.errors';
import { customerNames, registerErasureHandler } from '../customers/customers.service';
import { assertCan, scopeOf, unitPaths, unitsWithin } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { customersOfPhone, openPortalSession } from '../portal/portal.service';
import { secretsOf } from './channels.usecases';
import { channelAccounts } from './channels.table';
import { officialAccountErrors } from './official-account.errors';
import { officialAccountBindings } from './official-account.table';

const OPEN_WEIXIN = 'https://open.weixin.qq.com';
const API_WEIXIN = 'https://api.weixin.qq.com';
/** How long an unknown follower has to enter the portal code before opening the menu link again. */
export const BIND_TTL_MS = 30 * 60_000;
const TIMEOUT_MS = 10_000;

async function oaAccount(deps: Deps, accountId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(accountId)) throw officialAccountErrors.notFound();
  const [row] = await deps.db
    .select()
    .from(channelAccounts)
    .where(and(eq(channelAccounts.id, accountId), eq(channelAccounts.kind, 'wechat_oa')));
  if (!row || !row.enabled) throw officialAccountErrors.notFound();
  const settings = row.settings as { appId: string; loginBase?: string | null; apiBase?: string | null };
  return { row, settings, secret: secretsOf(deps, row).appSecret ?? '' };
}

/** The menu link's first step: the WeChat authorize page to send the follower to, and the state. */
export async function startMenuLink(
  deps: Deps,
  accountId: string,
  target: OaTarget,
  redirectUri: string,
): Promise<{ url: string; state: string }> {
  const { row, settings } = await oaAccount(deps, accountId);
  const state = await startOAuthState(deps.db, deps.clock.now(), {
    provider: 'wechat_oa',
    accountId: row.id,
    purpose: 'customer',
    target,
  });
  const url = new URL('/connect/oauth2/authorize', settings.loginBase || OPEN_WEIXIN);
  url.search = new URLSearchParams({
    appid: settings.appId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'snsapi_base',
    state,
  }).toString();
  return { url: `${url.toString()}#wechat_redirect`, state };
}

async function openidOf(settings: { appId: string; apiBase?: string | null }, secret: string, code: string) {
  const url = new URL('/sns/oauth2/access_token', settings.apiBase || API_WEIXIN);
  url.search = new URLSearchParams({
    appid: settings.appId,
    secret,
    code,
    grant_type: 'authorization_code',
  }).toString();
  let body: Record<string, unknown>;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    throw authErrors.ssoVendorDown();
  }
  if (body.errcode || typeof body.openid !== 'string' || !body.openid)
    throw authErrors.oauthCodeInvalid({ errcode: body.errcode ?? null });
  return body.openid;
}

export type MenuLinkOutcome =
  | { kind: 'session'; token: string; target: OaTarget }
  | { kind: 'bind'; bindToken: string; target: OaTarget };

/** WeChat's redirect back: a portal session for a bound follower, else a pending bind. */
export async function finishMenuLink(
  deps: Deps,
  accountId: string,
  input: {
    code: string | undefined;
    state: string | undefined;
    cookie: string | undefined;
    ip: string | null;
  },
): Promise<MenuLinkOutcome> {
  const now = deps.clock.now();
  const state = await consumeOAuthState(deps.db, now, {
    provider: 'wechat_oa',
    state: input.state,
    cookie: input.cookie,
    purposes: ['customer'],
  });
  if (state.accountId !== accountId) throw authErrors.oauthStateInvalid();
  await spendOAuthCode(deps.db, now, 'wechat_oa', input.code ?? '');
  const { row, settings, secret } = await oaAccount(deps, accountId);
  const openid = await openidOf(settings, secret, input.code!);
  const target = (OA_TARGETS as readonly string[]).includes(state.target ?? '')
    ? (state.target as OaTarget)
    : 'portal';

  const [binding] = await deps.db
    .select()
    .from(officialAccountBindings)
    .where(
      and(
        eq(officialAccountBindings.accountId, row.id),
        eq(officialAccountBindings.openid, openid),
        isNull(officialAccountBindings.removedAt),
      ),
    );
  // A number that has since left the customer's record proves nothing any more: bind again.
  const stillOwned = binding
    ? (await customersOfPhone(deps, binding.phone)).some((c) => c.id === binding.customerId)
    : false;
  if (binding && stillOwned) {
    const [customer] = await customersOfPhone(deps, binding.phone);
    const token = await deps.db.transaction(async (tx) => {
      const session = await openPortalSession(tx, now, binding.phone);
      await recordAudit(tx, now, null, {
        action: 'portal.signed_in',
        subjectType: 'customer',
        subjectId: binding.customerId,
        unitId: customer?.unitId ?? row.unitId,
        after: { origin: 'official_account', accountId: row.id, ip: input.ip },
      });
      return session.token;
    });
    return { kind: 'session', token, target };
  }
  const bindToken = await startOAuthState(deps.db, now, {
    provider: 'wechat_oa',
    accountId: row.id,
    purpose: 'customer_bind',
    externalId: openid,
    target,
    ttlMs: BIND_TTL_MS,
  });
  return { kind: 'bind', bindToken, target };
}

/**
 * After the portal code: binds the follower who came through the menu link (the cookie's pending
 * bind) to the customer of the number the portal session proves. Replaces an earlier binding of
 * the same follower (the number left that record).
 */
export async function bindFollower(
  deps: Deps,
  phone: string,
  bindCookie: string | undefined,
  ip: string | null,
) {
  const now = deps.clock.now();
  const pending = await consumeOAuthState(deps.db, now, {
    provider: 'wechat_oa',
    state: bindCookie,
    cookie: bindCookie,
    purposes: ['customer_bind'],
  }).catch(() => {
    throw officialAccountErrors.bindExpired();
  });
  const [customer] = await customersOfPhone(deps, phone);
  if (!customer) throw officialAccountErrors.noCustomer();
  const openid = pending.externalId!;
  await deps.db.transaction(async (tx) => {
    await tx
      .update(officialAccountBindings)
      .set({ removedAt: now })
      .where(
        and(
          eq(officialAccountBindings.accountId, pending.accountId),
          eq(officialAccountBindings.openid, openid),
          isNull(officialAccountBindings.removedAt),
        ),
      );
    const [made] = await tx
      .insert(officialAccountBindings)
      .values({ accountId: pending.accountId, openid, customerId: customer.id, phone, boundAt: now })
      .returning();
    await recordAudit(tx, now, null, {
      action: 'channel.oa_bound',
      subjectType: 'customer',
      subjectId: customer.id,
      unitId: customer.unitId,
      // The openid is the follower's identifier at WeChat: kept on the binding, not in the trail.
      after: { accountId: pending.accountId, bindingId: made!.id, origin: 'official_account', ip },
    });
  });
  return { customerName: customer.name, target: (pending.target ?? 'portal') as OaTarget };
}

/** Live bindings of the accounts the caller manages (optionally of one customer). */
export async function listBindings(
  deps: Deps,
  actor: Actor,
  q: { customerId?: string | undefined; accountId?: string | undefined },
): Promise<FollowerBinding[]> {
  const roots = scopeOf(actor, 'channels.manage');
  const rows = await deps.db
    .select({ b: officialAccountBindings, accountName: channelAccounts.name })
    .from(officialAccountBindings)
    .innerJoin(channelAccounts, eq(channelAccounts.id, officialAccountBindings.accountId))
    .where(
      and(
        isNull(officialAccountBindings.removedAt),
        inArray(
          channelAccounts.unitId,
          deps.db.select({ id: organisationUnits.id }).from(organisationUnits).where(unitsWithin(roots)),
        ),
        q.customerId ? eq(officialAccountBindings.customerId, q.customerId) : undefined,
        q.accountId ? eq(officialAccountBindings.accountId, q.accountId) : undefined,
      ),
    )
    .orderBy(desc(officialAccountBindings.boundAt))
    .limit(200);
  const names = await customerNames(
    deps.db,
    rows.map((r) => r.b.customerId),
  );
  return rows.map(({ b, accountName }) => ({
    id: b.id,
    accountId: b.accountId,
    accountName,
    customerId: b.customerId,
    customerName: names.get(b.customerId) ?? null,
    boundAt: b.boundAt.toISOString(),
  }));
}

/** Staff remove a binding: the follower must prove the number again next time. Audited. */
export async function removeBinding(deps: Deps, actor: Actor, id: string): Promise<void> {
  const [row] = await deps.db
    .select({ b: officialAccountBindings, unitId: channelAccounts.unitId })
    .from(officialAccountBindings)
    .innerJoin(channelAccounts, eq(channelAccounts.id, officialAccountBindings.accountId))
    .where(and(eq(officialAccountBindings.id, id), isNull(officialAccountBindings.removedAt)));
  if (!row) throw officialAccountErrors.bindingNotFound();
  const path = (await unitPaths(deps.db, [row.unitId])).get(row.unitId) ?? [];
  assertCan(actor, 'channels.manage', path, officialAccountErrors.bindingNotFound);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(officialAccountBindings)
      .set({ removedAt: now, removedBy: actor.userId })
      .where(and(eq(officialAccountBindings.id, id), isNull(officialAccountBindings.removedAt)));
    await recordAudit(tx, now, actor, {
      action: 'channel.oa_unbound',
      subjectType: 'customer',
      subjectId: row.b.customerId,
      unitId: row.unitId,
      before: { accountId: row.b.accountId, bindingId: id, boundAt: row.b.boundAt.toISOString() },
    });
  });
}

/**
 * PIPL erasure: the customer's official-account bindings go (the follower's openid and the number
 * proved with it); the follower proves a number again to be bound to anyone. Also keeps the
 * binding's foreign key from ever holding up a customer row's removal.
 */
export function registerOfficialAccountErasure(): void {
  registerErasureHandler('officialAccountBindings', async (tx, customerId) => {
    const gone = await tx
      .delete(officialAccountBindings)
      .where(eq(officialAccountBindings.customerId, customerId))
      .returning({ id: officialAccountBindings.id });
    return gone.length;
  });
}
