/**
 * Staff sign-in with WeCom (企业微信) or DingTalk (钉钉) (issue 22), through the staff-notice app an
 * administrator set up on the channels page with 「允许登录」 on. Kefu maps the vendor's identity to
 * an existing user; it never makes users.
 * - WeCom, in a browser: the QR page login.work.weixin.qq.com/wwlogin/sso/login (login_type
 *   CorpApp); inside the WeCom app: open.weixin.qq.com/connect/oauth2/authorize (snsapi_base,
 *   agentid), which WeCom answers without asking. Both come back with ?code&state; the code goes to
 *   /cgi-bin/auth/getuserinfo?access_token&code → userid, matched to the user's WeCom userid.
 * - DingTalk: login.dingtalk.com/oauth2/auth (scope openid) comes back with ?authCode&state;
 *   POST /v1.0/oauth2/userAccessToken {clientId, clientSecret, code, grantType} → accessToken;
 *   GET /v1.0/contact/users/me (x-acs-dingtalk-access-token) → unionId, matched to the user's
 *   DingTalk unionId.
 * - DingTalk, inside the DingTalk app: the page asks the JSAPI for a free-login code
 *   (dd.getAuthCode / dd.runtime.permission.requestAuthCode with the CorpId) and posts it;
 *   POST oapi /topapi/v2/user/getuserinfo?access_token {code} → result.userid / result.unionid,
 *   matched to the user's DingTalk unionId, else to the userid the staff notices go to.
 */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import {
  channelAccounts,
  openSecrets,
  secretKeyOf,
  staffAccessToken,
  type StaffAccount,
} from '../channels/channels.service';
import { loadGrants } from '../org/org.service';
import { users } from '../org/org.table';
import { authErrors } from './auth.errors';
import { consumeOAuthState, spendOAuthCode, startOAuthState } from './auth.oauth';
import { openSession, type NewSession } from './auth.usecases';

export type SsoProvider = 'wecom' | 'dingtalk';
export const SSO_PROVIDERS: readonly SsoProvider[] = ['wecom', 'dingtalk'];
const WECOM_OPEN = 'https://open.weixin.qq.com';
const WECOM_SSO = 'https://login.work.weixin.qq.com';
const WECOM_API = 'https://qyapi.weixin.qq.com';
const DINGTALK_LOGIN = 'https://login.dingtalk.com';
const DINGTALK_OPEN_API = 'https://api.dingtalk.com';
const DINGTALK_OAPI = 'https://oapi.dingtalk.com';
/** DingTalk's JSAPI script on its CDN; a deployment may serve its own copy (settings.jsapiUrl). */
export const DINGTALK_JSAPI_URL = 'https://g.alicdn.com/dingding/dingtalk-jsapi/3.0.25/dingtalk.open.js';
const TIMEOUT_MS = 10_000;

interface LoginAccount {
  id: string;
  provider: SsoProvider;
  staff: StaffAccount;
  loginBase: string | null;
  openApiBase: string | null;
  /** DingTalk only: the CorpId the in-app JSAPI needs, and where its script is loaded from. */
  corpId: string | null;
  jsapiUrl: string | null;
}

/** The sign-in app of each provider: the oldest enabled staff-notice account with sign-in on. */
export async function loginAccounts(deps: Deps): Promise<Map<SsoProvider, LoginAccount>> {
  const rows = await deps.db
    .select()
    .from(channelAccounts)
    .where(
      and(inArray(channelAccounts.kind, ['wecom_app', 'dingtalk_app']), eq(channelAccounts.enabled, true)),
    )
    .orderBy(asc(channelAccounts.createdAt));
  const found = new Map<SsoProvider, LoginAccount>();
  for (const row of rows) {
    const settings = row.settings as Record<string, unknown>;
    if (settings.login !== true) continue;
    const provider: SsoProvider = row.kind === 'wecom_app' ? 'wecom' : 'dingtalk';
    if (found.has(provider)) continue;
    const secrets = openSecrets(secretKeyOf(deps.config), row.secrets);
    found.set(provider, {
      id: row.id,
      provider,
      staff: {
        id: row.id,
        kind: row.kind as StaffAccount['kind'],
        version: row.updatedAt.getTime(),
        settings: settings as unknown as StaffAccount['settings'],
        secret: (provider === 'wecom' ? secrets.corpSecret : secrets.appSecret) ?? '',
      },
      loginBase: typeof settings.loginBase === 'string' ? settings.loginBase : null,
      openApiBase: typeof settings.openApiBase === 'string' ? settings.openApiBase : null,
      corpId: typeof settings.corpId === 'string' && settings.corpId ? settings.corpId : null,
      jsapiUrl: typeof settings.jsapiUrl === 'string' ? settings.jsapiUrl : null,
    });
  }
  return found;
}

/** What the login page inside DingTalk needs to ask for a free-login code; null: not offered. */
export async function dingTalkInApp(deps: Deps): Promise<{ corpId: string; jsapiUrl: string } | null> {
  const account = (await loginAccounts(deps)).get('dingtalk');
  if (!account?.corpId) return null;
  return { corpId: account.corpId, jsapiUrl: account.jsapiUrl || DINGTALK_JSAPI_URL };
}

export const isDingTalkAgent = (userAgent: string | undefined) => /\bDingTalk\b/i.test(userAgent ?? '');

/**
 * The pages Kefu serves inside DingTalk may load DingTalk's JSAPI from its configured address: that
 * origin is added to the page's script-src, for DingTalk's in-app browser only (others keep 'self').
 */
export function registerDingTalkScriptPolicy(app: FastifyInstance, deps: Deps): void {
  // A callback hook: every other answer (the API above all) passes without a promise or a look-up.
  app.addHook('onSend', (req, reply, payload, done) => {
    const csp = reply.getHeader('content-security-policy');
    if (
      req.method !== 'GET' ||
      req.url.startsWith('/api/') ||
      !isDingTalkAgent(req.headers['user-agent']) ||
      typeof csp !== 'string' ||
      !/script-src [^;]*/.test(csp)
    )
      return done(null, payload);
    dingTalkInApp(deps).then((inApp) => {
      if (inApp) {
        const origin = new URL(inApp.jsapiUrl).origin;
        reply.header('content-security-policy', csp.replace(/script-src ([^;]*)/, `script-src $1 ${origin}`));
      }
      done(null, payload);
    }, done);
  });
}

async function accountOf(deps: Deps, provider: SsoProvider): Promise<LoginAccount> {
  const account = (await loginAccounts(deps)).get(provider);
  if (!account) throw authErrors.ssoNotConfigured();
  return account;
}

/** The vendor page the browser goes to; `inWeCom`: the WeCom app's own browser (silent sign-in). */
export function authorizeUrl(
  account: LoginAccount,
  redirectUri: string,
  state: string,
  inWeCom: boolean,
): string {
  const s = account.staff.settings;
  if (account.provider === 'wecom' && inWeCom) {
    const url = new URL('/connect/oauth2/authorize', account.loginBase || WECOM_OPEN);
    url.search = new URLSearchParams({
      appid: s.corpId ?? '',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'snsapi_base',
      state,
      agentid: s.agentId,
    }).toString();
    return `${url.toString()}#wechat_redirect`;
  }
  if (account.provider === 'wecom') {
    const url = new URL('/wwlogin/sso/login', account.loginBase || WECOM_SSO);
    url.search = new URLSearchParams({
      login_type: 'CorpApp',
      appid: s.corpId ?? '',
      agentid: s.agentId,
      redirect_uri: redirectUri,
      state,
    }).toString();
    return url.toString();
  }
  const url = new URL('/oauth2/auth', account.loginBase || DINGTALK_LOGIN);
  url.search = new URLSearchParams({
    redirect_uri: redirectUri,
    response_type: 'code',
    client_id: s.appKey ?? '',
    scope: 'openid',
    state,
    prompt: 'consent',
  }).toString();
  return url.toString();
}

async function vendorJson(
  url: URL,
  init?: RequestInit,
): Promise<{ status: number; body: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw authErrors.ssoVendorDown();
  }
  if (res.status >= 500) throw authErrors.ssoVendorDown();
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, body };
}

/** Who the code says signed in: the WeCom userid or the DingTalk unionId. */
export async function identityOf(account: LoginAccount, code: string): Promise<string> {
  if (account.provider === 'wecom') {
    const body = await withAppToken(account, [40014, 41001, 42001], (token) => {
      const url = new URL('/cgi-bin/auth/getuserinfo', account.staff.settings.apiBase || WECOM_API);
      url.searchParams.set('access_token', token);
      url.searchParams.set('code', code);
      return vendorJson(url);
    });
    // Someone outside the company (openid / external_userid only) is nobody's user.
    if (typeof body.userid !== 'string' || !body.userid) throw authErrors.ssoUnbound();
    return body.userid;
  }
  const base = account.openApiBase || DINGTALK_OPEN_API;
  const tokenRes = await vendorJson(new URL('/v1.0/oauth2/userAccessToken', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: account.staff.settings.appKey ?? '',
      clientSecret: account.staff.secret,
      code,
      grantType: 'authorization_code',
    }),
  });
  const accessToken = tokenRes.body.accessToken;
  if (tokenRes.status !== 200 || typeof accessToken !== 'string')
    throw authErrors.oauthCodeInvalid({ code: tokenRes.body.code ?? null });
  const me = await vendorJson(new URL('/v1.0/contact/users/me', base), {
    headers: { 'x-acs-dingtalk-access-token': accessToken },
  });
  if (me.status !== 200 || typeof me.body.unionId !== 'string' || !me.body.unionId)
    throw authErrors.oauthCodeInvalid({ code: me.body.code ?? null });
  return me.body.unionId;
}

const identityColumn = (provider: SsoProvider) =>
  provider === 'wecom' ? users.wecomUserId : users.dingtalkUnionId;

/** Starts sign-in (no user) or binding (the signed-in person): the vendor page to go to and the state. */
export async function startSso(
  deps: Deps,
  provider: SsoProvider,
  input: { redirectUri: string; inWeCom: boolean; bindUserId: string | null },
): Promise<{ url: string; state: string }> {
  const account = await accountOf(deps, provider);
  const state = await startOAuthState(deps.db, deps.clock.now(), {
    provider,
    accountId: account.id,
    purpose: input.bindUserId ? 'bind' : 'login',
    userId: input.bindUserId,
  });
  return { url: authorizeUrl(account, input.redirectUri, state, input.inWeCom), state };
}

async function auditRefusal(
  deps: Deps,
  userId: string,
  ip: string | null,
  provider: SsoProvider,
  why: string,
) {
  const unitId = (await loadGrants(deps.db, userId))[0]?.unitId ?? null;
  await recordAudit(
    deps.db,
    deps.clock.now(),
    { userId, ip },
    {
      action: 'auth.login_failed',
      subjectType: 'user',
      subjectId: userId,
      unitId,
      after: { method: provider, reason: why, ip },
    },
  );
}

/**
 * The vendor's callback. Login: a session for the user bound to the identity. Bind: the identity is
 * set on the signed-in person who started it. Refused: a foreign or spent state, a reused or
 * refused code, an identity bound to nobody (or to a disabled user), one taken by someone else.
 */
export async function finishSso(
  deps: Deps,
  provider: SsoProvider,
  input: {
    code: string | undefined;
    state: string | undefined;
    cookie: string | undefined;
    sessionUserId: string | null;
    actor: Actor | null;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<{ kind: 'login'; session: NewSession } | { kind: 'bound' }> {
  const now = deps.clock.now();
  const state = await consumeOAuthState(deps.db, now, {
    provider,
    state: input.state,
    cookie: input.cookie,
    purposes: ['login', 'bind'],
  });
  await spendOAuthCode(deps.db, now, provider, input.code ?? '');
  const account = await accountOf(deps, provider);
  if (account.id !== state.accountId) throw authErrors.oauthStateInvalid();
  const identity = await identityOf(account, input.code!);
  const column = identityColumn(provider);

  if (state.purpose === 'bind') {
    if (!input.actor || input.sessionUserId !== state.userId) throw authErrors.oauthStateInvalid();
    const actor = input.actor;
    await deps.db.transaction(async (tx) => {
      const [other] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(column, identity), ne(users.id, actor.userId)));
      if (other) throw authErrors.ssoIdentityTaken();
      const [before] = await tx.select({ value: column }).from(users).where(eq(users.id, actor.userId));
      await tx
        .update(users)
        .set(provider === 'wecom' ? { wecomUserId: identity } : { dingtalkUnionId: identity })
        .where(eq(users.id, actor.userId));
      await recordAudit(tx, now, actor, {
        action: 'auth.identity_bound',
        subjectType: 'user',
        subjectId: actor.userId,
        unitId: actor.grants[0]?.unitId ?? null,
        before: { provider, identity: before?.value ?? null },
        after: { provider, identity },
      });
    });
    return { kind: 'bound' };
  }

  return {
    kind: 'login',
    session: await signInAs(deps, provider, await usersWith(deps, column, identity), input),
  };
}

async function usersWith(
  deps: Deps,
  column: typeof users.wecomUserId | typeof users.dingtalkUnionId | typeof users.dingtalkUserId,
  identity: string,
) {
  return deps.db.select({ id: users.id, status: users.status }).from(users).where(eq(column, identity));
}

/** The session for the one active user an identity is bound to; nobody, two or a disabled one: refused. */
async function signInAs(
  deps: Deps,
  provider: SsoProvider,
  matches: { id: string; status: string }[],
  input: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  // Nobody, or an identity an administrator typed on two people: refused, never guessed.
  if (matches.length !== 1) {
    deps.logger.warn({ provider, matches: matches.length }, 'sign-in with an unbound identity refused');
    throw authErrors.ssoUnbound();
  }
  const user = matches[0]!;
  if (user.status !== 'active') {
    await auditRefusal(deps, user.id, input.ip, provider, 'disabled');
    throw authErrors.accountDisabled();
  }
  const unitId = (await loadGrants(deps.db, user.id))[0]?.unitId ?? null;
  return openSession(deps, {
    userId: user.id,
    unitId,
    ip: input.ip,
    userAgent: input.userAgent,
    method: provider,
  });
}

/**
 * Asks the vendor with the app's access token; a reply saying the cached token is stale (one of
 * `staleCodes`) is asked once more with a fresh token. Any other error code refuses the sign-in.
 */
async function withAppToken(
  account: LoginAccount,
  staleCodes: readonly number[],
  ask: (token: string) => Promise<{ body: Record<string, unknown> }>,
): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    let token: string;
    try {
      token = await staffAccessToken(account.staff, attempt > 0);
    } catch {
      throw authErrors.ssoVendorDown();
    }
    const { body } = await ask(token);
    const errcode = Number(body.errcode ?? 0);
    if (staleCodes.includes(errcode) && attempt === 0) continue;
    if (errcode !== 0) throw authErrors.oauthCodeInvalid({ errcode });
    return body;
  }
  throw authErrors.ssoVendorDown();
}

/** Who a DingTalk in-app free-login code says is signed in: the corp userid and the unionid. */
export async function dingTalkInAppIdentity(
  account: LoginAccount,
  code: string,
): Promise<{ userid: string; unionid: string | null }> {
  const body = await withAppToken(account, [40014, 42001], (token) => {
    const url = new URL('/topapi/v2/user/getuserinfo', account.staff.settings.apiBase || DINGTALK_OAPI);
    url.searchParams.set('access_token', token);
    return vendorJson(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  });
  const result = (body.result ?? {}) as Record<string, unknown>;
  if (typeof result.userid !== 'string' || !result.userid) throw authErrors.ssoUnbound();
  return {
    userid: result.userid,
    unionid: typeof result.unionid === 'string' && result.unionid ? result.unionid : null,
  };
}

/**
 * Silent sign-in inside the DingTalk app: the JSAPI's free-login code, good once (refused before
 * asking DingTalk when it comes back), matched by unionId, else by the userid staff notices use.
 */
export async function finishDingTalkInApp(
  deps: Deps,
  input: { code: string; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const account = await accountOf(deps, 'dingtalk');
  if (!account.corpId) throw authErrors.ssoNotConfigured();
  await spendOAuthCode(deps.db, deps.clock.now(), 'dingtalk', input.code);
  const who = await dingTalkInAppIdentity(account, input.code);
  let matches = who.unionid ? await usersWith(deps, users.dingtalkUnionId, who.unionid) : [];
  if (matches.length === 0) matches = await usersWith(deps, users.dingtalkUserId, who.userid);
  return signInAs(deps, 'dingtalk', matches, input);
}
