import { expect } from '@playwright/test';
import { call, callRaw, loginAsAdmin, SCREENS, signIn, test } from './helpers';
import { signedCallback, startWecomServer } from '../src/server/modules/channels/channels.test-servers';
import { startDovecot } from '../src/server/modules/channels/email.test-servers';

const AGENT = { username: 'sh.agent', password: 'Kefu2026demo' };
const WECOM = {
  corpId: 'ww5823bf96d3bd56c7',
  corpSecret: 'corp-secret-never-shown',
  openKfId: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

test('IN-1, IN-3: the same customer writes by e-mail (Dovecot) and by WeChat (the local WeCom server); both tickets are on one customer card', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const name = `邮微客户${stamp % 100000}`;
  const phone = `139${String(stamp).slice(-8)}`;
  const address = `e2e.${stamp}@customer.example`;
  const imap = await startDovecot();
  const wecom = await startWecomServer(WECOM);
  const accounts: { id: string; body: Record<string, unknown> }[] = [];
  const admin = await (await browser.newContext()).newPage();
  try {
    // The store agent's customer, with the phone the WeChat customer will type.
    await signIn(page, AGENT.username, AGENT.password);
    const me = await call(page, 'GET', '/api/v1/me');
    const unitId = me.memberships[0].unitId as string;
    const customer = await call(page, 'POST', '/api/v1/customers', {
      unitId,
      name,
      phones: [{ number: phone }],
    });

    // The administrator connects a mailbox and a WeChat customer-service account, taken in as the agent.
    await loginAsAdmin(admin);
    const connect = async (body: Record<string, unknown>) => {
      const created = await call(admin, 'POST', '/api/v1/channels', body);
      accounts.push({ id: created.id as string, body });
      return created;
    };
    const mailbox = await connect({
      unitId,
      kind: 'email',
      name: `客服邮箱 ${stamp}`,
      intakeUserId: me.id,
      settings: {
        address: 'service@anjia.example',
        username: imap.user,
        imapHost: imap.host,
        imapPort: imap.port,
        imapSecurity: 'none',
        smtpHost: '127.0.0.1',
        smtpPort: 2525,
        smtpSecurity: 'none',
        pollSeconds: 3600,
      },
      secrets: { password: imap.password },
    });
    const wechat = await connect({
      unitId,
      kind: 'wechat_kf',
      name: `微信客服 ${stamp}`,
      intakeUserId: me.id,
      settings: { corpId: WECOM.corpId, openKfId: WECOM.openKfId, apiBase: wecom.url },
      secrets: { corpSecret: WECOM.corpSecret, token: WECOM.token, encodingAesKey: WECOM.encodingAesKey },
    });

    // An e-mail arrives (IMAP APPEND into Dovecot); read by the mailbox's watcher or this sync.
    await imap.deliver(
      [
        `From: ${name} <${address}>`,
        'To: service@anjia.example',
        `Subject: 热水器漏水 ${stamp}`,
        `Message-ID: <mail.${stamp}@customer.example>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        '热水器底部一直滴水。',
        '',
      ].join('\r\n'),
    );
    await call(admin, 'POST', `/api/v1/channels/${mailbox.id}/sync`);

    // A WeChat message with the phone number: the platform calls back, Kefu pulls it by cursor.
    wecom.inbox.push({
      msgid: `wx-${stamp}`,
      external_userid: `wm${stamp}`,
      content: `你好，我的电话 ${phone}，热水器还是漏水`,
      send_time: Math.floor(Date.now() / 1000) - 5,
    });
    const event = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><CreateTime>1765000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENC${stamp}]]></Token><OpenKfId><![CDATA[${WECOM.openKfId}]]></OpenKfId></xml>`;
    const signed = signedCallback(WECOM, event);
    // The callback address the admin page shows (a path on this server).
    const hook = new URL(wechat.hooks.callback as string, 'http://kefu.invalid');
    // Posted as the platform does: no session, no cookies.
    const res = await request.post(`${hook.pathname}?${signed.query}`, {
      headers: { 'content-type': 'text/xml' },
      data: signed.body,
    });
    expect(res.status(), await res.text()).toBe(200);

    // The e-mail sender was unknown (a draft); the agent binds that conversation to the customer.
    type Conv = { id: string; externalId: string; customerId: string | null };
    let mailConv: Conv | undefined;
    await expect
      .poll(async () => {
        const convs = (await call(
          page,
          'GET',
          `/api/v1/channel-conversations?accountId=${mailbox.id}`,
        )) as Conv[];
        mailConv = convs.find((c) => c.externalId === address);
        return !!mailConv;
      })
      .toBe(true);
    const bound = await callRaw(page, 'PUT', `/api/v1/channel-conversations/${mailConv!.id}/customer`, {
      customerId: customer.id,
    });
    expect(bound.status).toBe(204);

    // The customer card: both tickets, one by e-mail and one by WeChat, and both contacts.
    await page.goto(`/customers?customer=${customer.id}`);
    const overview = page.getByTestId('customer-overview');
    await expect(overview).toBeVisible({ timeout: 20_000 });
    await overview.getByTestId('overview-tab-tickets').click();
    const tickets = page.getByTestId('overview-tickets');
    await expect(tickets.getByText(`邮件：热水器漏水 ${stamp}`)).toBeVisible();
    await expect(tickets.getByText(/微信客服：你好，我的电话/)).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/email-wechat-customer.png` });
  } finally {
    // Left enabled, the next runs' server would keep trying mail servers that are gone.
    for (const a of accounts)
      await callRaw(admin, 'PUT', `/api/v1/channels/${a.id}`, {
        ...a.body,
        enabled: false,
        secrets: {},
      }).catch(() => undefined);
    await Promise.all([imap.close(), wecom.close()]);
  }
});
