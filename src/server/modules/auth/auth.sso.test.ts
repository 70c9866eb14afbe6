import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, HttpSession, type TestKefu } from '../../test/test-app';
import { DING_SSO, startSsoVendor, WECOM_SSO, type SsoVendor } from './auth.sso.test-servers';

let kefu: TestKefu;
let vendor: SsoVendor;
let admin: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let zhang: { id: string };
let li: { id: string };

/** The browser going to the vendor's page: the vendor answers with a redirect carrying the code. */
async function visitVendor(location: string): Promise<URL> {
  const res = await fetch(location.replace(/#wechat_redirect$/, ''), { redirect: 'manual' });
  expect(res.status, await res.clone().text()).toBe(302);
  return new URL(res.headers.get('location')!);
}

/** A whole sign-in as a browser does it: Kefu's start → the vendor → Kefu's callback. */
async function signInWith(browser: HttpSession, provider: 'wecom' | 'dingtalk', ua?: string) {
  const start = await browser.request(
    'GET',
    `/api/v1/auth/sso/${provider}/start`,
    undefined,
    ua ? { 'user-agent': ua } : {},
  );
  expect(start.statusCode, start.body).toBe(302);
  const back = await visitVendor(start.headers.location as string);
  const done = await browser.get(`${back.pathname}${back.search}`);
  expect(done.statusCode).toBe(302);
  return { start: String(start.headers.location), back, landed: String(done.headers.location) };
}

beforeAll(async () => {
  [kefu, vendor] = await Promise.all([createTestKefu(), startSsoVendor()]);
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  zhang = await createUser(admin, 'sso.zhang', org.storeA.id, 'agent');
  li = await createUser(admin, 'sso.li', org.storeA.id, 'agent');
});
afterAll(async () => {
  await kefu.close();
  await vendor.close();
});

async function configure(login: boolean) {
  for (const body of [
    {
      kind: 'wecom_app',
      name: '企业微信客服应用',
      settings: { ...WECOM_SSO, corpSecret: undefined, apiBase: vendor.url, loginBase: vendor.url, login },
      secrets: { corpSecret: WECOM_SSO.corpSecret },
    },
    {
      kind: 'dingtalk_app',
      name: '钉钉客服应用',
      settings: {
        appKey: DING_SSO.appKey,
        agentId: DING_SSO.agentId,
        apiBase: vendor.url,
        loginBase: vendor.url,
        openApiBase: vendor.url,
        corpId: DING_SSO.corpId,
        login,
      },
      secrets: { appSecret: DING_SSO.appSecret },
    },
  ]) {
    const settings = Object.fromEntries(Object.entries(body.settings).filter(([, v]) => v !== undefined));
    const res = await admin.post('/api/v1/channels', { ...body, settings, unitId: org.hq.id });
    expect(res.statusCode, res.body).toBe(201);
  }
}

describe('issue 22: staff sign-in with WeCom and DingTalk', () => {
  it('the login page offers WeCom/DingTalk only when an app has sign-in turned on', async () => {
    const guest = new HttpSession(kefu.app);
    expect((await guest.get('/api/v1/auth/sso')).json()).toEqual({ providers: [], dingtalkInApp: null });
    expect((await guest.get('/api/v1/auth/sso/wecom/start')).headers.location).toBe(
      '/login?sso_error=auth.sso_not_configured',
    );
    await configure(false);
    expect((await guest.get('/api/v1/auth/sso')).json()).toEqual({ providers: [], dingtalkInApp: null });
    await configure(true);
    // With the CorpId the page inside DingTalk can ask the JSAPI for a free-login code.
    expect((await guest.get('/api/v1/auth/sso')).json()).toEqual({
      providers: ['wecom', 'dingtalk'],
      dingtalkInApp: {
        corpId: DING_SSO.corpId,
        jsapiUrl: 'https://g.alicdn.com/dingding/dingtalk-jsapi/3.0.25/dingtalk.open.js',
      },
    });
  });

  it('WeCom QR sign-in maps the WeCom userid an administrator set to that Kefu user, audited', async () => {
    const set = await admin.request('PUT', `/api/v1/channels/staff-ids/${zhang.id}`, {
      wecomUserId: 'ZhangWei',
      dingtalkUserId: null,
    });
    expect(set.statusCode, set.body).toBe(200);
    vendor.person.wecom = 'ZhangWei';
    const browser = new HttpSession(kefu.app);
    const flow = await signInWith(browser, 'wecom');
    const page = new URL(flow.start);
    expect(page.pathname).toBe('/wwlogin/sso/login');
    expect(Object.fromEntries(page.searchParams)).toMatchObject({
      login_type: 'CorpApp',
      appid: WECOM_SSO.corpId,
      agentid: WECOM_SSO.agentId,
      redirect_uri: 'http://localhost:80/api/v1/auth/sso/wecom/callback',
    });
    expect(flow.landed).toBe('/');
    const me = (await browser.get('/api/v1/me')).json();
    expect(me.username).toBe('sso.zhang');
    const trail = (await admin.get(`/api/v1/audit?action=auth.login&subjectId=${zhang.id}`)).json();
    expect(trail.items[0].after).toMatchObject({ method: 'wecom' });
  });

  it('inside the WeCom app the sign-in is silent: snsapi_base OAuth with the agentid, the code in the URL', async () => {
    const browser = new HttpSession(kefu.app);
    const flow = await signInWith(
      browser,
      'wecom',
      'Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 wxwork/4.1.22 MicroMessenger/7.0.1',
    );
    const page = new URL(flow.start);
    expect(page.pathname).toBe('/connect/oauth2/authorize');
    expect(page.hash).toBe('#wechat_redirect');
    expect(Object.fromEntries(page.searchParams)).toMatchObject({
      appid: WECOM_SSO.corpId,
      scope: 'snsapi_base',
      response_type: 'code',
      agentid: WECOM_SSO.agentId,
    });
    expect((await browser.get('/api/v1/me')).json().username).toBe('sso.zhang');
  });

  it('refuses a state this browser did not start (login CSRF) and an altered one', async () => {
    // The attacker starts a sign-in with their own WeCom and hands the callback link to the victim.
    const attacker = new HttpSession(kefu.app);
    const start = await attacker.get('/api/v1/auth/sso/wecom/start');
    const back = await visitVendor(String(start.headers.location));
    const victim = new HttpSession(kefu.app);
    const forged = await victim.get(`${back.pathname}${back.search}`);
    expect(forged.headers.location).toBe('/login?sso_error=auth.oauth_state_invalid');
    expect(victim.cookies.has('kefu_session')).toBe(false);
    expect((await victim.get('/api/v1/me')).statusCode).toBe(401);

    const browser = new HttpSession(kefu.app);
    const mine = await browser.get('/api/v1/auth/sso/wecom/start');
    const code = (await visitVendor(String(mine.headers.location))).searchParams.get('code')!;
    const altered = await browser.get(`/api/v1/auth/sso/wecom/callback?code=${code}&state=${'x'.repeat(32)}`);
    expect(altered.headers.location).toBe('/login?sso_error=auth.oauth_state_invalid');
    expect(browser.cookies.has('kefu_session')).toBe(false);
  });

  it('refuses a code that comes back a second time, before asking the vendor', async () => {
    const first = new HttpSession(kefu.app);
    const flow = await signInWith(first, 'wecom');
    expect(flow.landed).toBe('/');
    const used = flow.back.searchParams.get('code')!;
    const exchanged = vendor.exchanges.length;
    // A new round trip (fresh state, cookie set) replaying the old code.
    const replay = new HttpSession(kefu.app);
    const start = await replay.get('/api/v1/auth/sso/wecom/start');
    const state = new URL(String(start.headers.location)).searchParams.get('state')!;
    const res = await replay.get(`/api/v1/auth/sso/wecom/callback?code=${used}&state=${state}`);
    expect(res.headers.location).toBe('/login?sso_error=auth.oauth_code_reused');
    expect(vendor.exchanges.length).toBe(exchanged);
    expect(replay.cookies.has('kefu_session')).toBe(false);
  });

  it('refuses an identity bound to nobody, and someone outside the company, with a Chinese message', async () => {
    vendor.person.wecom = 'WangNobody';
    const browser = new HttpSession(kefu.app);
    expect((await signInWith(browser, 'wecom')).landed).toBe('/login?sso_error=auth.sso_unbound');
    expect((await browser.get('/api/v1/me')).statusCode).toBe(401);
    vendor.person.wecom = null;
    expect((await signInWith(new HttpSession(kefu.app), 'wecom')).landed).toBe(
      '/login?sso_error=auth.sso_unbound',
    );
    vendor.person.wecom = 'ZhangWei';
  });

  it('a user binds their DingTalk once while signed in, then signs in with it; nobody else can take it', async () => {
    const liSession = await kefu.login('sso.li', TEST_PASSWORD);
    vendor.person.dingtalk = 'union-li-4220';
    const bind = await liSession.post('/api/v1/auth/sso/dingtalk/bind', {});
    expect(bind.statusCode, bind.body).toBe(200);
    const page = new URL(bind.json().url);
    expect(page.pathname).toBe('/oauth2/auth');
    expect(Object.fromEntries(page.searchParams)).toMatchObject({
      client_id: DING_SSO.appKey,
      response_type: 'code',
      scope: 'openid',
    });
    const back = await visitVendor(bind.json().url);
    expect(back.searchParams.get('authCode')).toBeTruthy();
    const bound = await liSession.get(`${back.pathname}${back.search}`);
    expect(bound.headers.location).toBe('/?sso_bound=dingtalk');
    const ids = (await admin.get(`/api/v1/channels/staff-ids/${li.id}`)).json();
    expect(ids.dingtalkUnionId).toBe('union-li-4220');
    const trail = (await admin.get(`/api/v1/audit?action=auth.identity_bound&subjectId=${li.id}`)).json();
    expect(trail.items[0].after).toEqual({ provider: 'dingtalk', identity: 'union-li-4220' });

    const browser = new HttpSession(kefu.app);
    expect((await signInWith(browser, 'dingtalk')).landed).toBe('/');
    expect((await browser.get('/api/v1/me')).json().username).toBe('sso.li');

    const zhangSession = await kefu.login('sso.zhang', TEST_PASSWORD);
    const taken = await zhangSession.post('/api/v1/auth/sso/dingtalk/bind', {});
    const again = await visitVendor(taken.json().url);
    expect((await zhangSession.get(`${again.pathname}${again.search}`)).headers.location).toBe(
      '/?sso_error=auth.sso_identity_taken',
    );
    // An administrator cannot give the same identity to a second person either.
    const dup = await admin.request('PUT', `/api/v1/channels/staff-ids/${zhang.id}`, {
      wecomUserId: 'ZhangWei',
      dingtalkUserId: null,
      dingtalkUnionId: 'union-li-4220',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('auth.sso_identity_taken');
  });

  it('refuses a disabled user, audited as a failed sign-in', async () => {
    const leaver = await createUser(admin, 'sso.leaver', org.storeA.id, 'agent');
    await admin.request('PUT', `/api/v1/channels/staff-ids/${leaver.id}`, {
      wecomUserId: 'LeaverChen',
      dingtalkUserId: null,
    });
    expect((await admin.post(`/api/v1/users/${leaver.id}/disable`, {})).statusCode).toBe(200);
    vendor.person.wecom = 'LeaverChen';
    const browser = new HttpSession(kefu.app);
    expect((await signInWith(browser, 'wecom')).landed).toBe('/login?sso_error=auth.account_disabled');
    expect((await browser.get('/api/v1/me')).statusCode).toBe(401);
    const trail = (await admin.get(`/api/v1/audit?action=auth.login_failed&subjectId=${leaver.id}`)).json();
    expect(trail.items[0].after).toMatchObject({ method: 'wecom', reason: 'disabled' });
    vendor.person.wecom = 'ZhangWei';
  });

  it('a code the vendor refuses is not a sign-in', async () => {
    const browser = new HttpSession(kefu.app);
    const start = await browser.get('/api/v1/auth/sso/dingtalk/start');
    const state = new URL(String(start.headers.location)).searchParams.get('state')!;
    const res = await browser.get(`/api/v1/auth/sso/dingtalk/callback?authCode=made-up-code&state=${state}`);
    expect(res.headers.location).toBe('/login?sso_error=auth.oauth_code_invalid');
    expect(browser.cookies.has('kefu_session')).toBe(false);
  });
});

describe('issue 22: silent sign-in inside the DingTalk app (JSAPI free-login code)', () => {
  const DINGTALK_UA =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/7.6.0) com.laiwang.DingTalk/34020010 Channel/201200 language/zh-Hans-CN';
  const inApp = (browser: HttpSession, code: string, headers: Record<string, string> = {}) =>
    browser.request(
      'POST',
      '/api/v1/auth/sso/dingtalk/in-app',
      { code },
      { 'user-agent': DINGTALK_UA, origin: 'http://localhost', ...headers },
    );

  it('the code the JSAPI gives signs in the user bound by unionId, audited; the same code again is refused before asking DingTalk', async () => {
    // sso.li bound union-li-4220 above.
    vendor.dingtalkApp.userid = 'li4220';
    vendor.dingtalkApp.unionid = 'union-li-4220';
    const browser = new HttpSession(kefu.app);
    const code = vendor.jsapiAuthCode(DING_SSO.corpId);
    const res = await inApp(browser, code);
    expect(res.statusCode, res.body).toBe(200);
    expect(browser.cookies.has('kefu_session')).toBe(true);
    expect((await browser.get('/api/v1/me')).json().username).toBe('sso.li');
    expect(vendor.exchanges.at(-1)).toEqual({ provider: 'dingtalk', code, ok: true });
    const trail = (await admin.get(`/api/v1/audit?action=auth.login&subjectId=${li.id}`)).json();
    expect(trail.items[0].after).toMatchObject({ method: 'dingtalk' });

    const exchanged = vendor.exchanges.length;
    const replay = new HttpSession(kefu.app);
    const again = await inApp(replay, code);
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('auth.oauth_code_reused');
    expect(vendor.exchanges.length).toBe(exchanged);
    expect(replay.cookies.has('kefu_session')).toBe(false);
  });

  it('without a unionId match, the DingTalk userid the staff notices go to is the user', async () => {
    const wu = await createUser(admin, 'sso.wu', org.storeA.id, 'agent');
    const set = await admin.request('PUT', `/api/v1/channels/staff-ids/${wu.id}`, {
      wecomUserId: null,
      dingtalkUserId: 'wu0731',
    });
    expect(set.statusCode, set.body).toBe(200);
    vendor.dingtalkApp.userid = 'wu0731';
    vendor.dingtalkApp.unionid = 'union-wu-unbound';
    const browser = new HttpSession(kefu.app);
    const res = await inApp(browser, vendor.jsapiAuthCode(DING_SSO.corpId));
    expect(res.statusCode, res.body).toBe(200);
    expect((await browser.get('/api/v1/me')).json().username).toBe('sso.wu');
  });

  it('only DingTalk’s browser may load the JSAPI script: its origin joins the page’s script-src there alone', async () => {
    const guest = new HttpSession(kefu.app);
    const inside = await guest.request('GET', '/login', undefined, { 'user-agent': DINGTALK_UA });
    expect(String(inside.headers['content-security-policy'])).toMatch(
      /script-src 'self' https:\/\/g\.alicdn\.com(;|$)/,
    );
    const outside = await guest.request('GET', '/login', undefined, {
      'user-agent': 'Mozilla/5.0 Chrome/131',
    });
    expect(String(outside.headers['content-security-policy'])).toMatch(/script-src 'self'(;|$)/);
  });

  it('refuses an unbound or disabled DingTalk user, a code DingTalk refuses and a post from another site, with the browser flow’s messages', async () => {
    vendor.dingtalkApp.userid = 'nobody-here';
    vendor.dingtalkApp.unionid = 'union-nobody';
    const nobody = await inApp(new HttpSession(kefu.app), vendor.jsapiAuthCode(DING_SSO.corpId));
    expect(nobody.statusCode).toBe(403);
    expect(nobody.json().code).toBe('auth.sso_unbound');
    expect(nobody.json().message).toMatch(/^该企业微信\/钉钉账号还没有绑定/);

    const gone = await createUser(admin, 'sso.gone', org.storeA.id, 'agent');
    await admin.request('PUT', `/api/v1/channels/staff-ids/${gone.id}`, {
      wecomUserId: null,
      dingtalkUserId: 'gone0001',
    });
    expect((await admin.post(`/api/v1/users/${gone.id}/disable`, {})).statusCode).toBe(200);
    vendor.dingtalkApp.userid = 'gone0001';
    vendor.dingtalkApp.unionid = null;
    const browser = new HttpSession(kefu.app);
    const disabled = await inApp(browser, vendor.jsapiAuthCode(DING_SSO.corpId));
    expect(disabled.statusCode).toBe(403);
    expect(disabled.json().code).toBe('auth.account_disabled');
    expect(browser.cookies.has('kefu_session')).toBe(false);
    const trail = (await admin.get(`/api/v1/audit?action=auth.login_failed&subjectId=${gone.id}`)).json();
    expect(trail.items[0].after).toMatchObject({ method: 'dingtalk', reason: 'disabled' });

    const madeUp = await inApp(new HttpSession(kefu.app), 'made-up-free-login-code');
    expect(madeUp.statusCode).toBe(401);
    expect(madeUp.json().code).toBe('auth.oauth_code_invalid');

    vendor.dingtalkApp.userid = 'li4220';
    vendor.dingtalkApp.unionid = 'union-li-4220';
    const foreign = new HttpSession(kefu.app);
    const csrf = await inApp(foreign, vendor.jsapiAuthCode(DING_SSO.corpId), {
      origin: 'https://evil.example',
    });
    expect(csrf.statusCode).toBe(403);
    expect(foreign.cookies.has('kefu_session')).toBe(false);
  });
});
