import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { rowsOf } from '../../app/db';
import { tinyJpeg, tinyPng } from '../attachments/attachments.test-images';
import { deliverDueMessages } from '../messages/messages.delivery';
import { findMessage } from '../messages/messages.repository';
import { enqueueMessage } from '../messages/messages.service';
import { channelAccounts } from './channels.table';
import { aliyunSendBatch, tencentSendBatch } from './channels.sms';
import {
  signedCallback,
  startAliyunServer,
  startTencentServer,
  startWecomServer,
  type AliyunServer,
  type TencentServer,
  type WecomServer,
} from './channels.test-servers';

const ALIYUN = {
  accessKeyId: 'LTAI5tTestKeyId',
  accessKeySecret: 'aliyun-secret-never-shown',
  signName: '安家家居',
};
const TENCENT = {
  secretId: 'AKIDtestSecretId',
  secretKey: 'tencent-secret-never-shown',
  sdkAppId: '1400006666',
};
const WECOM = {
  corpId: 'ww5823bf96d3bd56c7',
  corpSecret: 'corp-secret-never-shown',
  openKfId: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

describe('channels', () => {
  let kefu: TestKefu;
  let admin: HttpSession;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  let agentId: string;
  let agent: HttpSession;
  let aliyun: AliyunServer;
  let tencent: TencentServer;
  let wecom: WecomServer;

  beforeAll(async () => {
    kefu = await createTestKefu();
    admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    agentId = (await createUser(admin, 'wx_agent', org.storeA.id, 'agent')).id;
    agent = await kefu.login('wx_agent', TEST_PASSWORD);
    aliyun = await startAliyunServer(ALIYUN);
    tencent = await startTencentServer(TENCENT);
    wecom = await startWecomServer(WECOM);
  });
  afterAll(async () => {
    await Promise.all([aliyun.close(), tencent.close(), wecom.close()]);
    await kefu.close();
  });

  const enqueueSms = (unitId: string, key: string, templateCode: string | undefined, to = '13800138000') =>
    kefu.deps.db.transaction((tx) =>
      enqueueMessage(kefu.deps, tx, {
        unitId,
        customerId: null,
        channel: 'sms',
        to,
        ...(templateCode
          ? {
              templateCode,
              variables: {
                customerName: '王女士',
                storeName: '上海徐汇店',
                storePhone: '021-6666',
                surveyUrl: 'https://k/c/1',
                url: 'https://k/c/1',
              },
            }
          : { body: '您好，自由文本' }),
        purpose: 'service',
        idempotencyKey: key,
      }),
    );

  describe('Aliyun SMS', () => {
    let accountId: string;
    let hooks: Record<string, string>;

    it('IN-1: an admin connects an Aliyun account; its secret is sealed at rest and never shown', async () => {
      const res = await admin.post('/api/v1/channels', {
        unitId: org.east.id,
        kind: 'sms_aliyun',
        name: '阿里云短信（华东）',
        settings: { accessKeyId: ALIYUN.accessKeyId, signName: ALIYUN.signName, endpoint: aliyun.url },
        secrets: { accessKeySecret: ALIYUN.accessKeySecret },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.body).not.toContain(ALIYUN.accessKeySecret);
      expect(res.json().secretsSet).toEqual(['accessKeySecret']);
      accountId = res.json().id;
      hooks = res.json().hooks;
      const raw = rowsOf<Record<string, unknown>>(
        await kefu.deps.db.execute(sql`select * from channel_accounts where id = ${accountId}`),
      );
      expect(JSON.stringify(raw)).not.toContain(ALIYUN.accessKeySecret);
      expect(String(raw[0]!.secrets)).toMatch(/^v1\./);
      const audit = rowsOf<{ after: unknown }>(
        await kefu.deps.db.execute(sql`select after from audit_log where subject_id = ${accountId}`),
      );
      expect(JSON.stringify(audit)).not.toContain(ALIYUN.accessKeySecret);

      // Saving again without the secret keeps it; a new account without one is refused.
      const again = await admin.request('PUT', `/api/v1/channels/${accountId}`, {
        unitId: org.east.id,
        kind: 'sms_aliyun',
        name: '阿里云短信（华东）',
        settings: { accessKeyId: ALIYUN.accessKeyId, signName: ALIYUN.signName, endpoint: aliyun.url },
        secrets: {},
      });
      expect(again.statusCode, again.body).toBe(200);
      const missing = await admin.post('/api/v1/channels', {
        unitId: org.west.id,
        kind: 'sms_aliyun',
        name: 'x',
        settings: { accessKeyId: 'a', signName: 'b' },
        secrets: {},
      });
      expect([missing.statusCode, missing.json().code]).toEqual([400, 'channels.secrets_missing']);
      // An agent may not see or change channel settings.
      expect((await agent.get('/api/v1/channels')).statusCode).toBe(403);
    });

    it('IN-1: template approval comes from QuerySmsTemplate and shows for the template page', async () => {
      aliyun.templateVariables.set('SMS_465981234', ['customerName', 'storeName']);
      aliyun.templateStatus.set('SMS_465981234', 0);
      const saved = await admin.request('PUT', `/api/v1/channels/${accountId}/templates`, {
        templateCode: 'care_sms_fallback',
        providerTemplateCode: 'SMS_465981234',
        params: ['customerName', 'storeName'],
      });
      expect(saved.statusCode, saved.body).toBe(204);
      const pending = await admin.post(`/api/v1/channels/${accountId}/templates/check`);
      expect(pending.statusCode, pending.body).toBe(200);
      expect(pending.json()[0]).toMatchObject({ templateCode: 'care_sms_fallback', approval: 'pending' });
      aliyun.templateStatus.set('SMS_465981234', 1);
      await admin.post(`/api/v1/channels/${accountId}/templates/check`);
      const listed = (await admin.get('/api/v1/channel-templates')).json() as {
        approval: string;
        providerTemplateCode: string;
      }[];
      expect(listed).toEqual([
        expect.objectContaining({ providerTemplateCode: 'SMS_465981234', approval: 'approved' }),
      ]);
    });

    it('IN-1: an SMS of a store under the region leaves through Aliyun, signed, by template code and parameters; the receipt marks it delivered', async () => {
      const msg = await enqueueSms(org.storeA.id, 'aliyun:1', 'care_sms_fallback');
      const result = await deliverDueMessages(kefu.deps);
      expect(result.sent).toBe(1);
      expect(aliyun.badSignatures).toBe(0);
      const sent = aliyun.sent.at(-1)!;
      expect(sent).toMatchObject({
        Action: 'SendSms',
        PhoneNumbers: '13800138000',
        SignName: ALIYUN.signName,
        TemplateCode: 'SMS_465981234',
        OutId: `kefu-${msg.id}`,
      });
      expect(JSON.parse(sent.TemplateParam!)).toEqual({ customerName: '王女士', storeName: '上海徐汇店' });
      const row = (await findMessage(kefu.deps.db, msg.id))!;
      expect(row).toMatchObject({ state: 'sent', provider: 'sms_gateway' });
      expect(row.providerMessageId).toMatch(/^aliyun:/);

      const receipt = await kefu.app.inject({
        method: 'POST',
        url: hooks.receipts!,
        payload: [
          {
            phone_number: '13800138000',
            success: true,
            err_code: 'DELIVERED',
            err_msg: '用户接收成功',
            biz_id: '1',
            out_id: `kefu-${msg.id}`,
          },
        ],
      });
      expect([receipt.statusCode, receipt.json()]).toEqual([200, { code: 0, msg: '成功' }]);
      expect((await findMessage(kefu.deps.db, msg.id))!.state).toBe('delivered');
      const wrongKey = await kefu.app.inject({
        method: 'POST',
        url: hooks.receipts!.replace(/\/[^/]+\/aliyun/, '/nope/aliyun'),
        payload: [],
      });
      expect(wrongKey.statusCode).toBe(404);
    });

    it('IN-1: throttling is retried later; free text and unregistered templates are refused for good', async () => {
      aliyun.failNext('isv.BUSINESS_LIMIT_CONTROL');
      const throttled = await enqueueSms(org.storeA.id, 'aliyun:2', 'care_sms_fallback');
      const free = await enqueueSms(org.storeA.id, 'aliyun:3', undefined);
      const r = await deliverDueMessages(kefu.deps, { maxRounds: 1 });
      expect(r).toMatchObject({ retrying: 1, failed: 1 });
      expect((await findMessage(kefu.deps.db, throttled.id))!).toMatchObject({ state: 'queued' });
      expect((await findMessage(kefu.deps.db, free.id))!).toMatchObject({
        state: 'failed',
        stateReason: 'refused',
      });
      const account = (await admin.get(`/api/v1/channels/${accountId}`)).json();
      expect(account.lastError).toMatch(/BUSINESS_LIMIT_CONTROL/);
    });

    it('IN-1: an SMS of a unit without a gateway account still goes through the configured provider', async () => {
      const msg = await enqueueSms(org.storeB.id, 'aliyun:4', undefined);
      await deliverDueMessages(kefu.deps, { maxRounds: 1 });
      expect((await findMessage(kefu.deps.db, msg.id))!).toMatchObject({ state: 'sent' });
      expect((await findMessage(kefu.deps.db, msg.id))!.providerMessageId).toMatch(/^outbox-/);
    });

    it('CARE-4: a gateway SMS queued in quiet hours leaves only when the contact window opens', async () => {
      const t0 = kefu.clock.now();
      try {
        kefu.clock.set(new Date('2026-03-02T13:30:00Z')); // 21:30 in Shanghai
        const msg = await enqueueSms(org.storeA.id, 'aliyun:quiet', 'care_sms_fallback');
        await deliverDueMessages(kefu.deps, { maxRounds: 1 });
        expect((await findMessage(kefu.deps.db, msg.id))!.state).toBe('queued');
        expect(aliyun.sent.some((p) => p.OutId === `kefu-${msg.id}`)).toBe(false);
        kefu.clock.set(new Date('2026-03-03T01:05:00Z')); // 09:05
        await deliverDueMessages(kefu.deps, { maxRounds: 1 });
        expect((await findMessage(kefu.deps.db, msg.id))!.state).toBe('sent');
        expect(aliyun.sent.at(-1)!.OutId).toBe(`kefu-${msg.id}`);
      } finally {
        kefu.clock.set(t0);
      }
    });

    it('SendBatchSms: up to 100 numbers, each with its parameters; more is refused before sending', async () => {
      const [row] = await kefu.deps.db
        .select()
        .from(channelAccounts)
        .where(eq(channelAccounts.id, accountId));
      const items = ['13800138001', '13800138002', '13800138003'].map((to) => ({
        to,
        params: { customerName: '客户', storeName: '门店' },
      }));
      await aliyunSendBatch(row!, ALIYUN.accessKeySecret, 'SMS_465981234', items, kefu.clock.now());
      expect(JSON.parse(aliyun.batches.at(-1)!.PhoneNumberJson!)).toEqual([
        '13800138001',
        '13800138002',
        '13800138003',
      ]);
      const tooMany = Array.from({ length: 101 }, (_, i) => ({
        to: `138${String(i).padStart(8, '0')}`,
        params: {},
      }));
      await expect(
        aliyunSendBatch(row!, ALIYUN.accessKeySecret, 'SMS_465981234', tooMany, kefu.clock.now()),
      ).rejects.toThrow(RangeError);
      await expect(
        aliyunSendBatch(row!, 'wrong-secret', 'SMS_465981234', items, kefu.clock.now()),
      ).rejects.toThrow(/SignatureDoesNotMatch/);
      expect(aliyun.badSignatures).toBe(1);
    });
  });

  describe('Tencent Cloud SMS', () => {
    let accountId: string;
    let hooks: Record<string, string>;

    it('IN-1: SendSms is signed with TC3-HMAC-SHA256 and carries the template id and ordered parameters; the status callback marks delivery', async () => {
      const res = await admin.post('/api/v1/channels', {
        unitId: org.west.id,
        kind: 'sms_tencent',
        name: '腾讯云短信（西南）',
        settings: {
          secretId: TENCENT.secretId,
          sdkAppId: TENCENT.sdkAppId,
          signName: '安家家居',
          endpoint: tencent.url,
        },
        secrets: { secretKey: TENCENT.secretKey },
      });
      expect(res.statusCode, res.body).toBe(201);
      accountId = res.json().id;
      hooks = res.json().hooks;
      tencent.templateStatus.set(1110001, 1);
      await admin.request('PUT', `/api/v1/channels/${accountId}/templates`, {
        templateCode: 'care_sms_fallback',
        providerTemplateCode: '1110001',
        params: ['customerName', 'storePhone'],
      });
      await admin.post(`/api/v1/channels/${accountId}/templates/check`);
      const reviewing = await enqueueSms(org.storeB.id, 'tencent:0', 'care_sms_fallback');
      await deliverDueMessages(kefu.deps, { maxRounds: 1 });
      expect((await findMessage(kefu.deps.db, reviewing.id))!).toMatchObject({
        state: 'failed',
        stateReason: 'refused',
      });

      tencent.templateStatus.set(1110001, 0);
      const check = await admin.post(`/api/v1/channels/${accountId}/templates/check`);
      expect(check.json()[0]).toMatchObject({ approval: 'approved' });
      const msg = await enqueueSms(org.storeB.id, 'tencent:1', 'care_sms_fallback', '13900139000');
      expect((await deliverDueMessages(kefu.deps, { maxRounds: 1 })).sent).toBe(1);
      expect(tencent.badSignatures).toBe(0);
      expect(tencent.sent.at(-1)!.body).toMatchObject({
        PhoneNumberSet: ['+8613900139000'],
        SmsSdkAppId: TENCENT.sdkAppId,
        TemplateId: '1110001',
        TemplateParamSet: ['王女士', '021-6666'],
        SessionContext: `kefu-${msg.id}`,
      });
      const row = (await findMessage(kefu.deps.db, msg.id))!;
      const sid = row.providerMessageId!.replace(/^tencent:/, '');
      const cb = await kefu.app.inject({
        method: 'POST',
        url: hooks.receipts!,
        payload: [
          {
            user_receive_time: '2026-03-02 10:00:05',
            nationcode: '86',
            mobile: '13900139000',
            report_status: 'SUCCESS',
            errmsg: 'DELIVRD',
            description: '用户短信送达成功',
            sid,
          },
        ],
      });
      expect([cb.statusCode, cb.json()]).toEqual([200, { result: 0, errmsg: 'OK' }]);
      expect((await findMessage(kefu.deps.db, msg.id))!.state).toBe('delivered');
    });

    it('IN-1: a wrong secret key is refused by the signature check; batch sends stop at 200 numbers', async () => {
      const [row] = await kefu.deps.db
        .select()
        .from(channelAccounts)
        .where(eq(channelAccounts.id, accountId));
      await expect(
        tencentSendBatch(row!, 'wrong', '1110001', ['13900139000'], ['a', 'b'], kefu.clock.now()),
      ).rejects.toThrow(/AuthFailure.SignatureFailure/);
      expect(tencent.badSignatures).toBe(1);
      const ok = await tencentSendBatch(
        row!,
        TENCENT.secretKey,
        '1110001',
        ['13900139001', '13900139002'],
        ['a', 'b'],
        kefu.clock.now(),
      );
      expect(ok.map((s) => s.code)).toEqual(['Ok', 'Ok']);
      const many = Array.from({ length: 201 }, () => '13900139000');
      await expect(
        tencentSendBatch(row!, TENCENT.secretKey, '1110001', many, [], kefu.clock.now()),
      ).rejects.toThrow(RangeError);
    });
  });

  describe('WeChat customer service', () => {
    let accountId: string;
    let callback: string;
    let customerId: string;
    const post = (
      xml: string,
      settings = { token: WECOM.token, encodingAesKey: WECOM.encodingAesKey, corpId: WECOM.corpId },
    ) => {
      const signed = signedCallback(settings, xml);
      return kefu.app.inject({
        method: 'POST',
        url: `${callback}?${signed.query}`,
        headers: { 'content-type': 'text/xml' },
        payload: signed.body,
      });
    };
    const event = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><CreateTime>1765000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token><OpenKfId><![CDATA[${WECOM.openKfId}]]></OpenKfId></xml>`;

    it('IN-1: the account is set up with an intake person who may log contacts and open tickets', async () => {
      const bad = await admin.post('/api/v1/channels', {
        unitId: org.storeA.id,
        kind: 'wechat_kf',
        name: '微信客服',
        intakeUserId: (await createUser(admin, 'wx_viewer', org.storeB.id, 'agent')).id,
        settings: { corpId: WECOM.corpId, openKfId: WECOM.openKfId, apiBase: wecom.url },
        secrets: { corpSecret: WECOM.corpSecret, token: WECOM.token, encodingAesKey: WECOM.encodingAesKey },
      });
      expect([bad.statusCode, bad.json().code]).toEqual([400, 'channels.intake_user_unfit']);
      const res = await admin.post('/api/v1/channels', {
        unitId: org.storeA.id,
        kind: 'wechat_kf',
        name: '微信客服',
        intakeUserId: agentId,
        settings: { corpId: WECOM.corpId, openKfId: WECOM.openKfId, apiBase: wecom.url },
        secrets: { corpSecret: WECOM.corpSecret, token: WECOM.token, encodingAesKey: WECOM.encodingAesKey },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().secretsSet.sort()).toEqual(['corpSecret', 'encodingAesKey', 'token']);
      accountId = res.json().id;
      callback = res.json().hooks.callback;
      const customer = await agent.post('/api/v1/customers', {
        unitId: org.storeA.id,
        name: '李女士',
        phones: [{ number: '13700137000' }],
      });
      expect(customer.statusCode, customer.body).toBe(201);
      customerId = customer.json().id;
    });

    it('IN-1: URL verification answers the decrypted echostr; a bad signature is refused and counted', async () => {
      const signed = signedCallback(
        { token: WECOM.token, encodingAesKey: WECOM.encodingAesKey, corpId: WECOM.corpId },
        '8888123456789',
      );
      const echostr = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(signed.body)![1]!;
      const ok = await kefu.app.inject({
        method: 'GET',
        url: `${callback}?${signed.query}&echostr=${encodeURIComponent(echostr)}`,
      });
      expect([ok.statusCode, ok.body]).toEqual([200, '8888123456789']);
      const forged = await post(event, {
        token: 'not-the-token',
        encodingAesKey: WECOM.encodingAesKey,
        corpId: WECOM.corpId,
      });
      expect([forged.statusCode, forged.json().code]).toEqual([401, 'channels.bad_signature']);
      const otherCorp = await post(event, {
        token: WECOM.token,
        encodingAesKey: WECOM.encodingAesKey,
        corpId: 'ww-other',
      });
      expect(otherCorp.statusCode).toBe(401);
      const account = (await admin.get(`/api/v1/channels/${accountId}`)).json();
      expect(account.refusedCallbacks).toBe(2);
      expect(account.lastError).toMatch(/wrong_receiver/);
    });

    it('IN-1, IN-2, IN-3: messages pulled by cursor become contacts and one ticket on the customer the phone names', async () => {
      wecom.inbox.push(
        { msgid: 'm1', external_userid: 'wmCustomerA', content: '你好，空调不制冷', send_time: 1772416000 },
        {
          msgid: 'm2',
          external_userid: 'wmCustomerA',
          content: '我的电话 137 0013 7000',
          send_time: 1772416010,
        },
        { msgid: 'm3', external_userid: 'wmCustomerA', content: '麻烦尽快安排', send_time: 1772416020 },
      );
      const res = await post(event);
      expect([res.statusCode, res.body]).toEqual([200, 'success']);
      const convs = (await agent.get('/api/v1/channel-conversations')).json() as {
        id: string;
        customerId: string | null;
        ticketId: string | null;
        messages: { body: string }[];
      }[];
      expect(convs).toHaveLength(1);
      // The agent has no unmask right: the number typed in the chat is masked in what they see (CUS-4).
      expect(convs[0]!.messages.map((m) => m.body)).toEqual([
        '你好，空调不制冷',
        '我的电话 137****7000',
        '麻烦尽快安排',
      ]);
      expect(convs[0]!.customerId).toBe(customerId);
      const ticketId = convs[0]!.ticketId!;
      const ticket = (await agent.get(`/api/v1/tickets/${ticketId}`)).json();
      expect(ticket.ticket ?? ticket).toMatchObject({ channel: 'im_wechat' });
      const contacts = rowsOf<{ channel: string; ticket_id: string; customer_id: string | null }>(
        await kefu.deps.db.execute(
          sql`select channel, ticket_id, customer_id from contacts where channel = 'im_wechat' order by occurred_at`,
        ),
      );
      expect(contacts).toHaveLength(3);
      expect(contacts.every((c) => c.ticket_id === ticketId)).toBe(true);
      // IN-3: the ticket and contact of the message before the number are the customer's too, audited.
      expect(contacts.map((c) => c.customer_id)).toEqual([customerId, customerId, customerId]);
      expect((ticket.ticket ?? ticket).customerId).toBe(customerId);
      const trail = rowsOf<{ after: { by: string; movedTickets: string[]; movedContacts: number } }>(
        await kefu.deps.db.execute(
          sql`select after from audit_log where action = 'channel.conversation_bound' and subject_id = ${convs[0]!.id}`,
        ),
      );
      expect(trail.map((r) => r.after)).toEqual([
        expect.objectContaining({ customerId, by: 'phone', movedTickets: [ticketId], movedContacts: 1 }),
      ]);
    });

    it('IN-1: the same message delivered again is stored once; an expired token is fetched again', async () => {
      await kefu.deps.db
        .update(channelAccounts)
        .set({ syncCursor: null })
        .where(eq(channelAccounts.id, accountId));
      wecom.expireTokens();
      const before = wecom.tokensIssued;
      const res = await admin.post(`/api/v1/channels/${accountId}/sync`);
      expect([res.statusCode, res.json()]).toEqual([200, { stored: 0, duplicates: 3 }]);
      expect(wecom.tokensIssued).toBe(before + 1);
    });

    it('IN-1: the platform down → the callback fails and the admin page shows it; nothing is lost once it is back', async () => {
      wecom.down = true;
      wecom.inbox.push({
        msgid: 'm4',
        external_userid: 'wmCustomerA',
        content: '还在吗？',
        send_time: 1772416100,
      });
      const failed = await post(event);
      expect(failed.statusCode).toBe(502);
      expect((await admin.get(`/api/v1/channels/${accountId}`)).json().lastError).toMatch(/503/);
      wecom.down = false;
      expect((await post(event)).statusCode).toBe(200);
      const [conv] = (await agent.get('/api/v1/channel-conversations')).json() as {
        messages: { body: string }[];
      }[];
      expect(conv!.messages.map((m) => m.body)).toContain('还在吗？');
      expect((await admin.get(`/api/v1/channels/${accountId}`)).json().lastError).toBeNull();
    });

    it('IN-1: a picture and a voice are downloaded with media/get (the account token) and kept as attachments on the ticket, pictures named by the type of their bytes; an expired media id is noted, the message still taken in', async () => {
      const voice = Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(320, 0x3c)]);
      // The platform serves every picture as image/jpeg; the bytes say what it really is.
      wecom.media['MEDIA_IMG_1'] = { contentType: 'image/jpeg', bytes: tinyPng() };
      wecom.media['MEDIA_IMG_2'] = { contentType: 'image/jpeg', bytes: tinyJpeg() };
      wecom.media['MEDIA_VOICE_1'] = { contentType: 'audio/amr', bytes: voice };
      wecom.inbox.push(
        {
          msgid: 'm5',
          external_userid: 'wmCustomerA',
          content: '',
          msgtype: 'image',
          media_id: 'MEDIA_IMG_1',
          send_time: 1772416200,
        },
        {
          msgid: 'm6',
          external_userid: 'wmCustomerA',
          content: '',
          msgtype: 'voice',
          media_id: 'MEDIA_VOICE_1',
          send_time: 1772416210,
        },
        {
          msgid: 'm7',
          external_userid: 'wmCustomerA',
          content: '',
          msgtype: 'image',
          media_id: 'MEDIA_GONE',
          send_time: 1772416220,
        },
        {
          msgid: 'm8',
          external_userid: 'wmCustomerA',
          content: '',
          msgtype: 'image',
          media_id: 'MEDIA_IMG_2',
          send_time: 1772416230,
        },
      );
      wecom.expireTokens();
      expect((await post(event)).statusCode).toBe(200);
      const [conv] = (await agent.get('/api/v1/channel-conversations')).json() as { ticketId: string }[];
      const files = rowsOf<{ file_name: string; content_type: string; size: number }>(
        await kefu.deps.db.execute(
          sql`select file_name, content_type, size from attachments where subject_type = 'ticket' and subject_id = ${conv!.ticketId} order by file_name`,
        ),
      );
      expect(files.map((f) => [f.file_name, f.content_type]).sort()).toEqual([
        ['微信图片-m5.png', 'image/png'],
        ['微信图片-m8.jpg', 'image/jpeg'],
        ['微信语音-m6.amr', 'audio/amr'],
      ]);
      expect(Number(files.find((f) => f.file_name.endsWith('.amr'))!.size)).toBe(voice.length);
      const metas = rowsOf<{ provider_message_id: string; meta: { attachments?: unknown[] } | null }>(
        await kefu.deps.db.execute(
          sql`select provider_message_id, meta from channel_messages where provider_message_id in ('m5', 'm6', 'm7', 'm8') order by provider_message_id`,
        ),
      );
      expect(metas.map((m) => m.meta?.attachments)).toEqual([
        [{ fileName: '微信图片-m5.png', kept: true }],
        [{ fileName: '微信语音-m6.amr', kept: true }],
        [{ fileName: '微信图片-m7', kept: false, reason: 'media/get errcode 40007: invalid media_id' }],
        [{ fileName: '微信图片-m8.jpg', kept: true }],
      ]);
      // Pulled again: stored once, nothing downloaded twice.
      await kefu.deps.db
        .update(channelAccounts)
        .set({ syncCursor: null })
        .where(eq(channelAccounts.id, accountId));
      const again = await admin.post(`/api/v1/channels/${accountId}/sync`);
      expect(again.json()).toMatchObject({ stored: 0 });
      const count = rowsOf<{ n: number }>(
        await kefu.deps.db.execute(
          sql`select count(*)::int as n from attachments where subject_type = 'ticket' and subject_id = ${conv!.ticketId}`,
        ),
      );
      expect(count[0]!.n).toBe(3);
    });

    it('IN-2: an agent replies from Kefu; the platform receives send_msg and the reply is logged on the ticket', async () => {
      const [conv] = (await agent.get('/api/v1/channel-conversations')).json() as {
        id: string;
        ticketId: string;
      }[];
      const res = await agent.post(`/api/v1/channel-conversations/${conv!.id}/replies`, {
        text: '您好，师傅明天上午上门',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(wecom.replies.at(-1)).toMatchObject({
        touser: 'wmCustomerA',
        open_kfid: WECOM.openKfId,
        msgtype: 'text',
        text: { content: '您好，师傅明天上午上门' },
      });
      const out = rowsOf<{ ticket_id: string }>(
        await kefu.deps.db.execute(
          sql`select ticket_id from contacts where channel = 'im_wechat' and direction = 'outbound'`,
        ),
      );
      expect(out).toEqual([{ ticket_id: conv!.ticketId }]);
      // More than 48 hours after the customer's last message the platform allows no reply.
      kefu.clock.advanceBy(49 * 3600_000);
      const again = await kefu.login('wx_agent', TEST_PASSWORD);
      const late = await again.post(`/api/v1/channel-conversations/${conv!.id}/replies`, {
        text: '还有问题吗',
      });
      expect([late.statusCode, late.json().code]).toEqual([409, 'channels.reply_window_closed']);
    });

    it('IN-3: a conversation with no customer, bound by the agent, takes its ticket and contacts to that customer; audited', async () => {
      wecom.inbox.push({
        msgid: 'b1',
        external_userid: 'wmCustomerB',
        content: '你好，洗碗机不排水',
        send_time: Math.floor(kefu.clock.now().getTime() / 1000) - 60,
      });
      expect((await post(event)).statusCode).toBe(200);
      // The clock moved two days on in the test before: a new session.
      const agent = await kefu.login('wx_agent', TEST_PASSWORD);
      const convs = (await agent.get('/api/v1/channel-conversations')).json() as {
        id: string;
        externalId: string;
        customerId: string | null;
        ticketId: string;
      }[];
      const conv = convs.find((c) => c.externalId === 'wmCustomerB')!;
      expect(conv.customerId).toBeNull();
      const bind = await agent.request('PUT', `/api/v1/channel-conversations/${conv.id}/customer`, {
        customerId,
      });
      expect(bind.statusCode, bind.body).toBe(204);
      const rows = rowsOf<{ customer_id: string | null }>(
        await kefu.deps.db.execute(
          sql`select customer_id from tickets where id = ${conv.ticketId}
              union all select c.customer_id from contacts c join channel_messages m on m.contact_id = c.id
              where m.provider_message_id = 'b1'`,
        ),
      );
      expect(rows.map((r) => r.customer_id)).toEqual([customerId, customerId]);
      const audit = rowsOf<{ after: { movedTickets: string[]; movedContacts: number } }>(
        await kefu.deps.db.execute(
          sql`select after from audit_log where action = 'channel.conversation_bound' and subject_id = ${conv.id}`,
        ),
      );
      expect(audit.map((a) => [a.after.movedTickets, a.after.movedContacts])).toEqual([[[conv.ticketId], 1]]);
    });
  });
});
