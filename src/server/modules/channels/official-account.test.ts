import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, HttpSession, type TestKefu } from '../../test/test-app';
import { outboxMessages } from '../messages/messages.table';
import { officialAccountBindings } from './official-account.table';
import { channelAccounts } from './channels.table';

const OA = { appId: 'wx3f9a1c5e7b2d4068', appSecret: 'oa-secret-0123456789abcdef0123' };
const PHONE = '13900220001';

/**
 * WeChat's web OAuth for an official account as WeChat answers it: the authorize page (snsapi_base:
 * no consent, straight back to redirect_uri with ?code&state) and sns/oauth2/access_token, which
 * turns a code into the follower's openid once (40163 after that, 40029 for a code never issued).
 */
async function startWeChat() {
  const codes = new Map<string, { openid: string; used: boolean }>();
  const seen = { follower: 'oFollower-0001', exchanges: 0, pages: [] as URL[] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://wx');
    const q = url.searchParams;
    const json = (o: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(o));
    if (url.pathname === '/connect/oauth2/authorize') {
      seen.pages.push(url);
      if (
        q.get('appid') !== OA.appId ||
        q.get('scope') !== 'snsapi_base' ||
        q.get('response_type') !== 'code'
      )
        return void res.writeHead(400).end('参数错误');
      const code = randomBytes(16).toString('hex');
      codes.set(code, { openid: seen.follower, used: false });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      return void res.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === '/sns/oauth2/access_token') {
      seen.exchanges++;
      if (q.get('appid') !== OA.appId || q.get('secret') !== OA.appSecret)
        return json({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (q.get('grant_type') !== 'authorization_code')
        return json({ errcode: 40002, errmsg: 'invalid grant_type' });
      const issued = codes.get(q.get('code') ?? '');
      if (!issued) return json({ errcode: 40029, errmsg: 'invalid code' });
      if (issued.used) return json({ errcode: 40163, errmsg: 'code been used' });
      issued.used = true;
      return json({
        access_token: randomBytes(12).toString('hex'),
        expires_in: 7200,
        refresh_token: 'r',
        openid: issued.openid,
        scope: 'snsapi_base',
      });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

let kefu: TestKefu;
let wechat: Awaited<ReturnType<typeof startWeChat>>;
let admin: HttpSession;
let accountId: string;
let customerId: string;
let sup: HttpSession;
let hqId: string;
let ipSeq = 0;

/** The follower's browser inside WeChat: keeps cookies, follows Kefu → WeChat → Kefu. */
async function openMenuLink(browser: HttpSession, to: string) {
  const go = await browser.get(`/api/v1/public/oa/${accountId}/go?to=${to}`);
  expect(go.statusCode, go.body).toBe(302);
  const page = String(go.headers.location);
  const res = await fetch(page.replace(/#wechat_redirect$/, ''), { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  const done = await browser.get(`${back.pathname}${back.search}`);
  expect(done.statusCode).toBe(302);
  return { page, back, landed: String(done.headers.location) };
}

/** The portal's one-time code sign-in, as the portal page does it. */
async function portalSignIn(phone: string): Promise<string> {
  // A minute apart, so "the last SMS" is well defined.
  kefu.clock.advanceBy(60_000);
  const call = (url: string, payload: object) =>
    kefu.app.inject({ method: 'POST', url, payload, remoteAddress: `10.22.0.${++ipSeq}` });
  expect((await call('/api/v1/public/portal/codes', { phone })).statusCode).toBe(202);
  const [sms] = await kefu.deps.db
    .select({ body: outboxMessages.body })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.recipient, phone), eq(outboxMessages.channel, 'sms')))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(1);
  const code = /(\d{6})/.exec(sms!.body ?? '')![1]!;
  const res = await call('/api/v1/public/portal/sessions', { phone, code });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token;
}

const fragment = (landed: string) => new URLSearchParams(landed.split('#')[1] ?? '');

beforeAll(async () => {
  [kefu, wechat] = await Promise.all([createTestKefu(), startWeChat()]);
  admin = await kefu.login('admin');
  const org = await buildOrganisation(admin);
  await createUser(admin, 'oa.sup', org.storeA.id, 'cs_supervisor');
  sup = await kefu.login('oa.sup', TEST_PASSWORD);
  hqId = org.hq.id;
  const customer = await sup.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: '周公众',
    phones: [{ number: PHONE }],
  });
  expect(customer.statusCode, customer.body).toBe(201);
  customerId = customer.json().id;
  const account = await admin.post('/api/v1/channels', {
    kind: 'wechat_oa',
    name: '服务号',
    unitId: org.hq.id,
    settings: { appId: OA.appId, loginBase: wechat.url, apiBase: wechat.url },
    secrets: { appSecret: OA.appSecret },
  });
  expect(account.statusCode, account.body).toBe(201);
  accountId = account.json().id;
  expect(account.json().hooks).toEqual({
    menuPortal: `/api/v1/public/oa/${accountId}/go?to=portal`,
    menuWorkorder: `/api/v1/public/oa/${accountId}/go?to=workorder`,
    menuSurvey: `/api/v1/public/oa/${accountId}/go?to=survey`,
  });
});
afterAll(async () => {
  await kefu.close();
  await wechat.close();
});

describe('issue 22: official-account menu links (snsapi_base)', () => {
  it('the secret is sealed at rest and never shown', async () => {
    const [row] = await kefu.deps.db.select().from(channelAccounts).where(eq(channelAccounts.id, accountId));
    expect(row!.secrets).toMatch(/^v1\./);
    expect(row!.secrets).not.toContain(OA.appSecret);
    const shown = (await admin.get(`/api/v1/channels/${accountId}`)).json();
    expect(shown.secretsSet).toEqual(['appSecret']);
    expect(JSON.stringify(shown)).not.toContain(OA.appSecret);
  });

  it('a new follower proves the phone once; the openid is bound, audited; later menu links open without a code', async () => {
    const phoneBrowser = new HttpSession(kefu.app);
    const first = await openMenuLink(phoneBrowser, 'workorder');
    const page = new URL(first.page);
    expect(page.hash).toBe('#wechat_redirect');
    expect(Object.fromEntries(page.searchParams)).toMatchObject({
      appid: OA.appId,
      response_type: 'code',
      scope: 'snsapi_base',
      redirect_uri: `http://localhost:80/api/v1/public/oa/${accountId}/callback`,
    });
    expect(first.landed).toBe('/portal#oa_bind=1&tab=workorder');

    const token = await portalSignIn(PHONE);
    const bind = await phoneBrowser.request(
      'POST',
      '/api/v1/public/oa/bind',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(bind.statusCode, bind.body).toBe(200);
    expect(bind.json()).toEqual({ customerName: '周公众', target: 'workorder' });
    const trail = (await admin.get(`/api/v1/audit?action=channel.oa_bound&subjectId=${customerId}`)).json();
    expect(trail.total).toBe(1);
    expect(JSON.stringify(trail.items[0])).not.toContain('oFollower-0001');

    // Next time from the menu: straight into the portal with a session of the bound number.
    const later = await openMenuLink(phoneBrowser, 'survey');
    expect(later.landed).toMatch(/^\/portal#oa_session=[A-Za-z0-9_-]{43}&tab=survey$/);
    const session = fragment(later.landed).get('oa_session')!;
    const me = await kefu.app.inject({
      method: 'GET',
      url: '/api/v1/public/portal/me',
      headers: { authorization: `Bearer ${session}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().customers).toEqual([expect.objectContaining({ name: '周公众' })]);
  });

  it('refuses a forged or foreign state (CSRF): no session, no binding', async () => {
    const attacker = new HttpSession(kefu.app);
    const go = await attacker.get(`/api/v1/public/oa/${accountId}/go?to=portal`);
    const res = await fetch(String(go.headers.location).replace(/#wechat_redirect$/, ''), {
      redirect: 'manual',
    });
    const back = new URL(res.headers.get('location')!);
    const victim = new HttpSession(kefu.app);
    const forged = await victim.get(`${back.pathname}${back.search}`);
    expect(forged.headers.location).toBe('/portal#oa_error=auth.oauth_state_invalid');
    const altered = await attacker.get(
      `${back.pathname}?code=${back.searchParams.get('code')}&state=${'A'.repeat(32)}`,
    );
    expect(altered.headers.location).toBe('/portal#oa_error=auth.oauth_state_invalid');
  });

  it('refuses a reused code before asking WeChat', async () => {
    const browser = new HttpSession(kefu.app);
    const first = await openMenuLink(browser, 'portal');
    expect(first.landed).toMatch(/^\/portal#oa_session=/);
    const exchanges = wechat.seen.exchanges;
    const go = await browser.get(`/api/v1/public/oa/${accountId}/go?to=portal`);
    const state = new URL(String(go.headers.location)).searchParams.get('state')!;
    const replay = await browser.get(
      `/api/v1/public/oa/${accountId}/callback?code=${first.back.searchParams.get('code')}&state=${state}`,
    );
    expect(replay.headers.location).toBe('/portal#oa_error=auth.oauth_code_reused');
    expect(wechat.seen.exchanges).toBe(exchanges);
  });

  it('a forwarded bind page cannot bind the sender’s WeChat to the customer who signs in', async () => {
    wechat.seen.follower = 'oAttacker-0002';
    const attacker = new HttpSession(kefu.app);
    expect((await openMenuLink(attacker, 'portal')).landed).toBe('/portal#oa_bind=1&tab=portal');
    // The victim opens the forwarded page in their own browser and signs in with their code.
    const token = await portalSignIn(PHONE);
    const victim = new HttpSession(kefu.app);
    const bind = await victim.request(
      'POST',
      '/api/v1/public/oa/bind',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(bind.statusCode).toBe(403);
    expect(bind.json()).toMatchObject({
      code: 'channels.oa_bind_expired',
      message: '绑定已失效，请从公众号菜单重新进入',
    });
    const bound = await kefu.deps.db
      .select()
      .from(officialAccountBindings)
      .where(eq(officialAccountBindings.openid, 'oAttacker-0002'));
    expect(bound).toEqual([]);
    wechat.seen.follower = 'oFollower-0001';
  });

  it('staff remove a binding (audited): the follower has to prove the phone again', async () => {
    const list = await admin.get(`/api/v1/channels/oa-bindings?customerId=${customerId}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual([expect.objectContaining({ customerName: '周公众', accountName: '服务号' })]);
    const ofAccount = await admin.get(`/api/v1/channels/oa-bindings?accountId=${accountId}`);
    expect(ofAccount.json().map((b: { id: string }) => b.id)).toEqual([list.json()[0].id]);
    const ofOther = await admin.get(`/api/v1/channels/oa-bindings?accountId=${customerId}`);
    expect(ofOther.json()).toEqual([]);
    const removed = await admin.request('DELETE', `/api/v1/channels/oa-bindings/${list.json()[0].id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    const trail = (await admin.get(`/api/v1/audit?action=channel.oa_unbound&subjectId=${customerId}`)).json();
    expect(trail.total).toBe(1);
    expect((await openMenuLink(new HttpSession(kefu.app), 'portal')).landed).toBe(
      '/portal#oa_bind=1&tab=portal',
    );
    expect(
      (await admin.request('DELETE', `/api/v1/channels/oa-bindings/${list.json()[0].id}`)).statusCode,
    ).toBe(404);
  });

  it('PIPL: erasing the customer removes their bindings (openid and proved number), removed ones too', async () => {
    const browser = new HttpSession(kefu.app);
    expect((await openMenuLink(browser, 'portal')).landed).toBe('/portal#oa_bind=1&tab=portal');
    const token = await portalSignIn(PHONE);
    const bind = await browser.request(
      'POST',
      '/api/v1/public/oa/bind',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(bind.statusCode, bind.body).toBe(200);
    const held = async () =>
      (
        await kefu.deps.db
          .select({ id: officialAccountBindings.id })
          .from(officialAccountBindings)
          .where(eq(officialAccountBindings.customerId, customerId))
      ).length;
    expect(await held()).toBe(2); // the one staff removed earlier, and this one

    await createUser(admin, 'oa.gm', hqId, 'general_manager');
    const gm = await kefu.login('oa.gm', TEST_PASSWORD);
    const asked = await sup.post(`/api/v1/customers/${customerId}/erasures`, { reason: '客户书面要求删除' });
    expect(asked.statusCode, asked.body).toBe(201);
    const waiting = (await gm.get('/api/v1/approvals/inbox')).json().waiting as {
      id: string;
      subjectId: string;
    }[];
    const approval = waiting.find((a) => a.subjectId === asked.json().id)!;
    expect((await gm.post(`/api/v1/approvals/${approval.id}/approve`, {})).statusCode).toBe(200);

    expect(await held()).toBe(0);
    const erasures = (await sup.get(`/api/v1/customers/${customerId}/erasures`)).json().items;
    expect(erasures[0]).toMatchObject({ status: 'erased', erased: { officialAccountBindings: 2 } });
    // The follower is nobody's now: the menu link asks for the phone again.
    expect((await openMenuLink(new HttpSession(kefu.app), 'portal')).landed).toBe(
      '/portal#oa_bind=1&tab=portal',
    );
  });
});
