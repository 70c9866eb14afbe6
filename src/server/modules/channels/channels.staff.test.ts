import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { careTasks } from '../care/care.table';
import { createNotifications } from '../notifications/notifications.service';
import { notifications } from '../notifications/notifications.table';
import { notifyDueCareTasks } from '../notifications/notifications.work';
import { users } from '../org/org.table';
import { deliverStaffMessages } from './channels.staff';
import { staffMessages } from './channels.staff.table';
import { channelAccounts } from './channels.table';

const WECOM = {
  corpId: 'ww5f3a1c0e2d4b6a8c',
  corpSecret: 'wecom-secret-0123456789abcdef',
  agentId: '1000002',
};
const DING = { appKey: 'dingoa7qzrhf2k3', appSecret: 'ding-secret-0123456789abcdef', agentId: '2875641' };

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | null;
}

/** WeCom and DingTalk as their servers answer: token by id+secret, messages only with a live token. */
function startVendor() {
  const seen: Seen[] = [];
  const live = new Set<string>();
  const state = { down: false, seq: 0 };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      seen.push({ method: req.method!, path: url.pathname, query: url.searchParams, body });
      const json = (o: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(o));
      if (state.down) return void res.writeHead(503).end('busy');
      const q = url.searchParams;
      if (url.pathname === '/cgi-bin/gettoken' && req.method === 'GET') {
        if (q.get('corpid') !== WECOM.corpId || q.get('corpsecret') !== WECOM.corpSecret)
          return json({ errcode: 40001, errmsg: 'invalid credential' });
        const token = `wx-token-${++state.seq}`;
        live.add(token);
        return json({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
      }
      if (url.pathname === '/gettoken' && req.method === 'GET') {
        if (q.get('appkey') !== DING.appKey || q.get('appsecret') !== DING.appSecret)
          return json({ errcode: 40089, errmsg: '不合法的corpid或corpsecret' });
        const token = `dd-token-${++state.seq}`;
        live.add(token);
        return json({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
      }
      if (url.pathname === '/cgi-bin/message/send' && req.method === 'POST') {
        if (!live.has(q.get('access_token') ?? ''))
          return json({ errcode: 42001, errmsg: 'access_token expired' });
        if (body?.agentid !== Number(WECOM.agentId))
          return json({ errcode: 40056, errmsg: 'invalid agentid' });
        const to = String(body.touser);
        if (to === 'nobody') return json({ errcode: 0, errmsg: 'ok', invaliduser: to, msgid: '' });
        return json({ errcode: 0, errmsg: 'ok', invaliduser: '', msgid: `wxmsg-${++state.seq}` });
      }
      if (url.pathname === '/topapi/message/corpconversation/asyncsend_v2' && req.method === 'POST') {
        if (!live.has(q.get('access_token') ?? ''))
          return json({ errcode: 88, errmsg: 'access_token expired' });
        return json({ errcode: 0, errmsg: 'ok', task_id: 256271667526, request_id: `req-${++state.seq}` });
      }
      res.writeHead(404).end();
    });
  });
  return new Promise<{
    url: string;
    seen: Seen[];
    live: Set<string>;
    state: typeof state;
    close(): Promise<void>;
  }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        seen,
        live,
        state,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    }),
  );
}

let kefu: TestKefu;
let admin: HttpSession;
let vendor: Awaited<ReturnType<typeof startVendor>>;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let wecomUser: string;
let dingUser: string;
let plainUser: string;
let wecomAccount: string;

beforeAll(async () => {
  vendor = await startVendor();
  kefu = await createTestKefu({ KEFU_PUBLIC_URL: 'https://kefu.example.cn' });
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  wecomUser = (await createUser(admin, 'staff.wx', org.storeA.id, 'agent')).id;
  dingUser = (await createUser(admin, 'staff.dd', org.storeA.id, 'cs_supervisor')).id;
  plainUser = (await createUser(admin, 'staff.none', org.storeA.id, 'agent')).id;
  const wx = await admin.post('/api/v1/channels', {
    unitId: org.storeA.id,
    kind: 'wecom_app',
    name: '企业微信·客服通知',
    settings: { corpId: WECOM.corpId, agentId: WECOM.agentId, apiBase: vendor.url },
    secrets: { corpSecret: WECOM.corpSecret },
  });
  expect(wx.statusCode, wx.body).toBe(201);
  expect(wx.body).not.toContain(WECOM.corpSecret);
  wecomAccount = wx.json().id;
  const dd = await admin.post('/api/v1/channels', {
    unitId: org.storeA.id,
    kind: 'dingtalk_app',
    name: '钉钉·客服通知',
    settings: { appKey: DING.appKey, agentId: DING.agentId, apiBase: vendor.url },
    secrets: { appSecret: DING.appSecret },
  });
  expect(dd.statusCode, dd.body).toBe(201);
  for (const [id, ids] of [
    [wecomUser, { wecomUserId: 'ZhangWei', dingtalkUserId: null }],
    [dingUser, { wecomUserId: null, dingtalkUserId: 'manager4220' }],
  ] as const) {
    const res = await admin.request('PUT', `/api/v1/channels/staff-ids/${id}`, ids);
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(async () => {
  await kefu.close();
  await vendor.close();
});

const notify = (
  recipientId: string,
  kind: 'breached' | 'approval_turn',
  subjectType: string,
  subjectId: string,
) =>
  kefu.deps.db.transaction((tx) =>
    createNotifications(tx, [
      {
        recipientId,
        kind,
        subjectType,
        subjectId,
        payload: { ticketNumber: 'GD20260302-0007', subject: '热水器漏水' },
        createdAt: kefu.clock.now(),
      },
    ]),
  );
const queued = async () => kefu.deps.db.select().from(staffMessages);

describe('staff notices in WeCom and DingTalk', () => {
  it('SLA-8: a breach notice goes to WeCom as a text card (gettoken with corpid/corpsecret, message/send with agentid) with a link to the ticket', async () => {
    const ticketId = '6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b';
    await notify(wecomUser, 'breached', 'ticket', ticketId);
    await notify(plainUser, 'breached', 'ticket', ticketId);
    const rows = await queued();
    // Queued with the notice, not sent in it; the person without a userid gets nothing.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'queued', externalUserId: 'ZhangWei', recipientId: wecomUser });
    expect(vendor.seen).toHaveLength(0);

    expect(await deliverStaffMessages(kefu.deps)).toBe(1);
    const [token, send] = vendor.seen;
    expect(token).toMatchObject({ method: 'GET', path: '/cgi-bin/gettoken' });
    expect(token!.query.get('corpid')).toBe(WECOM.corpId);
    expect(send!.path).toBe('/cgi-bin/message/send');
    expect(vendor.live.has(send!.query.get('access_token')!)).toBe(true);
    expect(send!.body).toEqual({
      touser: 'ZhangWei',
      msgtype: 'textcard',
      agentid: 1000002,
      textcard: {
        title: '工单已超时',
        description: 'GD20260302-0007 热水器漏水',
        url: `https://kefu.example.cn/tickets/${ticketId}`,
        btntxt: '详情',
      },
      enable_duplicate_check: 1,
      duplicate_check_interval: 1800,
    });
    const [sent] = await queued();
    expect(sent).toMatchObject({ state: 'sent', attempts: 1 });
    expect(sent!.providerMessageId).toMatch(/^wxmsg-/);
  });

  it('an approval waiting goes to DingTalk as a work notice with an action card (gettoken with appkey/appsecret, asyncsend_v2 with agent_id)', async () => {
    vendor.seen.length = 0;
    await notify(dingUser, 'approval_turn', 'approval_request', 'b1d7e0c2-5f3a-4c8e-9d1b-2a3c4e5f6a7b');
    expect(await deliverStaffMessages(kefu.deps)).toBe(1);
    const [token, send] = vendor.seen;
    expect(token!.path).toBe('/gettoken');
    expect(token!.query.get('appkey')).toBe(DING.appKey);
    expect(token!.query.get('appsecret')).toBe(DING.appSecret);
    expect(send!.path).toBe('/topapi/message/corpconversation/asyncsend_v2');
    expect(send!.body).toEqual({
      agent_id: 2875641,
      userid_list: 'manager4220',
      msg: {
        msgtype: 'action_card',
        action_card: {
          title: '有一项审批等您处理',
          markdown: '### 有一项审批等您处理\n\nGD20260302-0007 热水器漏水',
          single_title: '在客服系统中查看',
          single_url: 'https://kefu.example.cn/approvals',
        },
      },
    });
  });

  it('an expired token is fetched again once and the message still goes; the vendor down → retried with backoff, nothing lost, the error shown on the account', async () => {
    vendor.live.clear();
    vendor.seen.length = 0;
    await notify(wecomUser, 'breached', 'ticket', 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f');
    expect(await deliverStaffMessages(kefu.deps)).toBe(1);
    expect(vendor.seen.map((s) => s.path)).toEqual([
      '/cgi-bin/message/send',
      '/cgi-bin/gettoken',
      '/cgi-bin/message/send',
    ]);

    vendor.state.down = true;
    await notify(wecomUser, 'breached', 'ticket', 'd3e4f5a6-b7c8-4d9e-8f0a-2b3c4d5e6f7a');
    expect(await deliverStaffMessages(kefu.deps)).toBe(0);
    let [pending] = (await queued()).filter((r) => r.state !== 'sent');
    expect(pending).toMatchObject({ state: 'queued', attempts: 1 });
    expect(pending!.lastError).toContain('503');
    const [account] = await kefu.deps.db
      .select()
      .from(channelAccounts)
      .where(eq(channelAccounts.id, wecomAccount));
    expect(account!.lastError).toContain('503');
    // Not before its backoff (1 min after the first attempt).
    vendor.state.down = false;
    expect(await deliverStaffMessages(kefu.deps)).toBe(0);
    kefu.clock.advanceBy(61_000);
    expect(await deliverStaffMessages(kefu.deps)).toBe(1);
    [pending] = (await queued()).filter((r) => r.id === pending!.id);
    expect(pending).toMatchObject({ state: 'sent', attempts: 2 });
    const [cleared] = await kefu.deps.db
      .select()
      .from(channelAccounts)
      .where(eq(channelAccounts.id, wecomAccount));
    expect(cleared!.lastError).toBeNull();
  });

  it('a userid WeCom does not know fails for good at once (no retries); only an administrator maps userids', async () => {
    expect(
      (
        await admin.request('PUT', `/api/v1/channels/staff-ids/${plainUser}`, {
          wecomUserId: 'nobody',
          dingtalkUserId: null,
        })
      ).statusCode,
    ).toBe(200);
    await notify(plainUser, 'breached', 'ticket', 'e4f5a6b7-c8d9-4e0f-9a1b-3c4d5e6f7a8b');
    await deliverStaffMessages(kefu.deps);
    const [failed] = (await queued()).filter((r) => r.recipientId === plainUser);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed!.lastError).toContain('nobody');

    const agent = await kefu.login('staff.wx', TEST_PASSWORD);
    const denied = await agent.request('PUT', `/api/v1/channels/staff-ids/${dingUser}`, {
      wecomUserId: 'x',
      dingtalkUserId: null,
    });
    expect(denied.statusCode).toBe(404);
    const bad = await admin.request('PUT', `/api/v1/channels/staff-ids/${dingUser}`, {
      wecomUserId: 'has space',
      dingtalkUserId: null,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('issue 22: a new assignment and a care call due reach WeCom/DingTalk too', () => {
  it('a ticket assigned to a person → an "assigned" notice in-app and a WeCom text card linking the ticket; work one takes oneself tells nobody', async () => {
    vendor.seen.length = 0;
    const created = await admin.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'repair',
      channel: 'phone',
      subject: '燃气灶打不着火',
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticket = created.json() as { id: string; number: string };
    const res = await admin.post(`/api/v1/tickets/${ticket.id}/assign`, { userId: wecomUser });
    expect(res.statusCode, res.body).toBe(200);
    const notices = await kefu.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.subjectId, ticket.id), eq(notifications.kind, 'assigned')));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ recipientId: wecomUser, subjectType: 'ticket' });
    const mine = await (await kefu.login('staff.wx', TEST_PASSWORD)).get('/api/v1/notifications');
    expect(mine.json().items.map((n: { kind: string }) => n.kind)).toContain('assigned');

    expect(await deliverStaffMessages(kefu.deps)).toBe(1);
    const send = vendor.seen.find((s) => s.path === '/cgi-bin/message/send');
    expect(send!.body).toMatchObject({
      touser: 'ZhangWei',
      msgtype: 'textcard',
      textcard: {
        title: '有一项工作分派给您',
        description: `${ticket.number} 燃气灶打不着火`,
        url: `https://kefu.example.cn/tickets/${ticket.id}`,
      },
    });

    // The same person again: nothing new. Taking work oneself: no notice.
    expect((await admin.post(`/api/v1/tickets/${ticket.id}/assign`, { userId: wecomUser })).statusCode).toBe(
      200,
    );
    const own = await admin.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'repair',
      channel: 'phone',
      subject: '油烟机噪音大',
    });
    const admins = await kefu.deps.db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
    const self = await admin.post(`/api/v1/tickets/${own.json().id}/assign`, { userId: admins[0]!.id });
    expect(self.statusCode, self.body).toBe(200);
    const after = await kefu.deps.db.select().from(notifications).where(eq(notifications.kind, 'assigned'));
    expect(after).toHaveLength(1);
  });

  it('a care call falls due → its owner is told once, in their own interface language (English here) in DingTalk; tasks not yet due, done or without a person are not announced', async () => {
    vendor.seen.length = 0;
    await kefu.deps.db.update(users).set({ locale: 'en' }).where(eq(users.id, dingUser));
    const now = kefu.clock.now();
    const task = (key: string, dueInMs: number, extra: Partial<typeof careTasks.$inferInsert> = {}) => ({
      unitId: org.storeA.id,
      customerId: '0b8f6c1e-2d3a-4b5c-9d6e-7f8a9b0c1d2e',
      ruleCode: 'after_repair',
      ruleName: '维修后回访',
      channel: 'call' as const,
      purpose: 'service' as const,
      script: '您好，请问维修后使用正常吗？',
      occurrenceKey: `issue22:${key}`,
      sourceType: 'work_order',
      sourceId: key,
      ownerId: dingUser,
      dueAt: new Date(now.getTime() + dueInMs),
      dueDate: now.toISOString().slice(0, 10),
      createdAt: now,
      updatedAt: now,
      ...extra,
    });
    const [due] = await kefu.deps.db
      .insert(careTasks)
      .values([
        task('due', -60_000),
        task('later', 3_600_000),
        task('done', -60_000, { state: 'done' }),
        task('nobody', -60_000, { ownerId: null }),
      ])
      .returning({ id: careTasks.id });
    expect(await notifyDueCareTasks(kefu.deps)).toBe(1);
    expect(await notifyDueCareTasks(kefu.deps)).toBe(0);
    const notices = await kefu.deps.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'care_task_due'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ recipientId: dingUser, subjectType: 'care_task', subjectId: due!.id });

    expect(await deliverStaffMessages(kefu.deps)).toBe(1);
    const send = vendor.seen.find((s) => s.path === '/topapi/message/corpconversation/asyncsend_v2');
    expect(send!.body).toMatchObject({
      userid_list: 'manager4220',
      msg: {
        action_card: {
          title: 'Your care call is due',
          single_url: 'https://kefu.example.cn/care/worklist',
        },
      },
    });

    // An hour on, the second task falls due: announced then, once.
    kefu.clock.advanceBy(3_600_000 + 1000);
    expect(await notifyDueCareTasks(kefu.deps)).toBe(1);
    expect(await notifyDueCareTasks(kefu.deps)).toBe(0);
  });
});
