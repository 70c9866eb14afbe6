import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { rowsOf } from '../../app/db';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { tinyPng, windowsProgram } from '../attachments/attachments.test-images';
import { channelAccounts } from './channels.table';
import { fetchMailbox } from './email.inbound';
import { deliverDueEmail } from './email.outbound';
import { parsePosition } from './email.protocol';
import {
  DOVECOT_BIN,
  startDovecot,
  startSmtpReceiver,
  type DovecotServer,
  type SmtpReceiver,
} from './email.test-servers';

const SERVICE = 'service@anjia.example';

function mail(o: {
  id: string;
  from?: string;
  subject: string;
  body?: string;
  headers?: string[];
  inReplyTo?: string;
  references?: string[];
}): string {
  return [
    `From: 王先生 <${o.from ?? 'wang@customer.example'}>`,
    `To: ${SERVICE}`,
    `Subject: ${o.subject}`,
    `Message-ID: <${o.id}>`,
    'Date: Mon, 02 Mar 2026 09:00:00 +0800',
    ...(o.inReplyTo ? [`In-Reply-To: <${o.inReplyTo}>`] : []),
    ...(o.references ? [`References: ${o.references.map((r) => `<${r}>`).join(' ')}`] : []),
    ...(o.headers ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    o.body ?? '你好',
    '',
  ].join('\r\n');
}

function withAttachments(id: string, files: { name: string; type: string; bytes: Buffer }[]): string {
  const b = 'kefu-boundary-1';
  return [
    'From: 王先生 <wang@customer.example>',
    `To: ${SERVICE}`,
    'Subject: 洗衣机漏水（附照片）',
    `Message-ID: <${id}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    '洗衣机底部漏水，照片见附件。',
    ...files.flatMap((f) => [
      `--${b}`,
      `Content-Type: ${f.type}; name="${f.name}"`,
      `Content-Disposition: attachment; filename="${f.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      f.bytes.toString('base64'),
    ]),
    `--${b}--`,
    '',
  ].join('\r\n');
}

const count = async (kefu: TestKefu, query: ReturnType<typeof sql>) =>
  Number(rowsOf<{ n: number }>(await kefu.deps.db.execute(query))[0]!.n);

describe.skipIf(!DOVECOT_BIN)('e-mail channel against Dovecot and an SMTP server', () => {
  let kefu: TestKefu;
  let admin: HttpSession;
  let agent: HttpSession;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  let imap: DovecotServer;
  let smtp: SmtpReceiver;
  let accountId: string;

  const account = async () =>
    (await kefu.deps.db.select().from(channelAccounts).where(eq(channelAccounts.id, accountId)))[0]!;
  const sync = () => admin.post(`/api/v1/channels/${accountId}/sync`);
  const messagesOf = async (providerMessageId: string) =>
    rowsOf<{ ticket_id: string | null; contact_id: string | null; meta: Record<string, unknown> }>(
      await kefu.deps.db.execute(
        sql`select ticket_id, contact_id, meta from channel_messages where provider_message_id = ${providerMessageId}`,
      ),
    );
  const settings = () => ({
    address: SERVICE,
    displayName: '安家家居客服',
    username: imap.user,
    imapHost: imap.host,
    imapPort: imap.port,
    imapSecurity: 'none',
    smtpHost: '127.0.0.1',
    smtpPort: smtp.port,
    smtpSecurity: 'none',
    pollSeconds: 15,
  });

  beforeAll(async () => {
    kefu = await createTestKefu();
    admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    await createUser(admin, 'mail_agent', org.storeA.id, 'agent');
    agent = await kefu.login('mail_agent', TEST_PASSWORD);
    imap = await startDovecot();
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => {
    await Promise.all([imap?.close(), smtp?.close()]);
    await kefu?.close();
  });

  it('IN-1: an admin connects a mailbox (IMAP in, SMTP out); the password is sealed and never shown', async () => {
    const agentId = rowsOf<{ id: string }>(
      await kefu.deps.db.execute(sql`select id from users where username = 'mail_agent'`),
    )[0]!.id;
    const body = {
      unitId: org.storeA.id,
      kind: 'email',
      name: '客服邮箱',
      intakeUserId: agentId,
      settings: settings(),
      secrets: { password: imap.password },
    };
    const missing = await admin.post('/api/v1/channels', { ...body, secrets: {} });
    expect([missing.statusCode, missing.json().code]).toEqual([400, 'channels.secrets_missing']);
    const badHost = await admin.post('/api/v1/channels', {
      ...body,
      settings: { ...settings(), imapHost: 'imap host; rm' },
    });
    expect(badHost.statusCode).toBe(400);
    const res = await admin.post('/api/v1/channels', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.body).not.toContain(imap.password);
    expect(res.json().secretsSet).toEqual(['password']);
    accountId = res.json().id;
    const raw = rowsOf<Record<string, unknown>>(
      await kefu.deps.db.execute(sql`select * from channel_accounts where id = ${accountId}`),
    );
    expect(JSON.stringify(raw)).not.toContain(imap.password);
  });

  it('IN-1, IN-2: new mail opens a ticket and a contact; attachments pass the attachment checks', async () => {
    await imap.deliver(
      withAttachments('first.1@customer.example', [
        { name: '漏水.png', type: 'image/png', bytes: tinyPng() },
        { name: 'invoice.pdf.exe', type: 'application/octet-stream', bytes: windowsProgram() },
      ]),
    );
    const res = await sync();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stored: 1, duplicates: 0 });
    const [m] = await messagesOf('first.1@customer.example');
    expect(m!.ticket_id).toBeTruthy();
    expect(m!.contact_id).toBeTruthy();
    const ticket = await agent.get(`/api/v1/tickets/${m!.ticket_id}`);
    expect(ticket.statusCode).toBe(200);
    const row = rowsOf<{ channel: string; unit_id: string }>(
      await kefu.deps.db.execute(sql`select channel, unit_id from tickets where id = ${m!.ticket_id}`),
    )[0]!;
    expect(row).toEqual({ channel: 'email', unit_id: org.storeA.id });
    const contact = rowsOf<{ channel: string; direction: string; ticket_id: string }>(
      await kefu.deps.db.execute(
        sql`select channel, direction, ticket_id from contacts where id = ${m!.contact_id}`,
      ),
    )[0]!;
    expect(contact).toEqual({ channel: 'email', direction: 'inbound', ticket_id: m!.ticket_id });
    const files = rowsOf<{ file_name: string; content_type: string }>(
      await kefu.deps.db.execute(
        sql`select file_name, content_type from attachments where subject_type = 'ticket' and subject_id = ${m!.ticket_id}`,
      ),
    );
    expect(files).toEqual([{ file_name: '漏水.png', content_type: 'image/png' }]);
    expect(m!.meta.attachments).toEqual([
      { fileName: '漏水.png', kept: true },
      { fileName: 'invoice.pdf.exe', kept: false, reason: 'attachments.type_not_allowed' },
    ]);
    expect(parsePosition((await account()).syncCursor)?.uid).toBe(1);
  });

  it('IN-2: a reply threads by In-Reply-To / References into the same ticket; new mail opens another', async () => {
    await imap.deliver(
      mail({
        id: 'second.2@customer.example',
        subject: 'Re: 洗衣机漏水（附照片）',
        body: '师傅什么时候来？',
        inReplyTo: 'first.1@customer.example',
        references: ['first.1@customer.example'],
      }),
    );
    // Only References (some clients drop In-Reply-To).
    await imap.deliver(
      mail({
        id: 'third.3@customer.example',
        subject: '回复：洗衣机漏水',
        references: ['first.1@customer.example', 'second.2@customer.example'],
      }),
    );
    await imap.deliver(mail({ id: 'other.4@customer.example', subject: '冰箱不制冷' }));
    expect((await sync()).json()).toMatchObject({ stored: 3 });
    const [first] = await messagesOf('first.1@customer.example');
    const [second] = await messagesOf('second.2@customer.example');
    const [third] = await messagesOf('third.3@customer.example');
    const [other] = await messagesOf('other.4@customer.example');
    expect(second!.ticket_id).toBe(first!.ticket_id);
    expect(third!.ticket_id).toBe(first!.ticket_id);
    expect(other!.ticket_id).not.toBe(first!.ticket_id);
    const notes = await count(
      kefu,
      sql`select count(*)::int as n from ticket_events where ticket_id = ${first!.ticket_id} and type = 'note'`,
    );
    expect(notes).toBe(2);
  });

  it('IN-1: the same Message-ID delivered twice is one message; auto-replies and bounces open nothing', async () => {
    const tickets = () => count(kefu, sql`select count(*)::int as n from tickets where channel = 'email'`);
    const before = await tickets();
    await imap.deliver(mail({ id: 'other.4@customer.example', subject: '冰箱不制冷' }));
    await imap.deliver(
      mail({
        id: 'ooo.5@customer.example',
        subject: '自动回复：休假中',
        headers: ['Auto-Submitted: auto-replied'],
      }),
    );
    await imap.deliver(
      mail({ id: 'ooo.6@customer.example', subject: 'Out of office', headers: ['X-Autoreply: yes'] }),
    );
    await imap.deliver(
      mail({ id: 'bulk.7@customer.example', subject: '促销', headers: ['Precedence: bulk'] }),
    );
    await imap.deliver(
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
        `To: ${SERVICE}`,
        'Subject: Undelivered Mail Returned to Sender',
        'Message-ID: <bounce.8@mx.customer.example>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
        '',
        '--r',
        'Content-Type: text/plain',
        '',
        'I could not deliver your message.',
        '--r',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.customer.example',
        '',
        'Final-Recipient: rfc822; nobody@customer.example',
        'Action: failed',
        'Status: 5.1.1',
        '--r--',
        '',
      ].join('\r\n'),
    );
    const res = (await sync()).json();
    expect(res).toEqual({ stored: 0, duplicates: 1, automated: 4 });
    expect(await tickets()).toBe(before);
    expect(await messagesOf('other.4@customer.example')).toHaveLength(1);
    expect(await messagesOf('ooo.5@customer.example')).toHaveLength(0);
    expect(parsePosition((await account()).syncCursor)?.uid).toBe(9);
  });

  it('IN-3: an unknown sender becomes one customer draft (sender name, address in the note), flagged on the conversation for the agent to complete', async () => {
    const drafts = rowsOf<{ id: string; name: string; draft: boolean; source: string; note: string }>(
      await kefu.deps.db.execute(
        sql`select id, name, draft, source, note from customers where note like ${'%wang@customer.example%'}`,
      ),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ name: '王先生', draft: true, source: '邮件' });
    const [first] = await messagesOf('first.1@customer.example');
    const [other] = await messagesOf('other.4@customer.example');
    const customersOf = rowsOf<{ customer_id: string }>(
      await kefu.deps.db.execute(
        sql`select customer_id from tickets where id in (${first!.ticket_id}, ${other!.ticket_id})`,
      ),
    );
    expect(customersOf.map((r) => r.customer_id)).toEqual([drafts[0]!.id, drafts[0]!.id]);
    const conversations = (await agent.get(`/api/v1/channel-conversations?accountId=${accountId}`)).json();
    const conv = conversations.find((c: { externalId: string }) => c.externalId === 'wang@customer.example');
    expect(conv).toMatchObject({ customerId: drafts[0]!.id, customerName: '王先生', customerDraft: true });
    const record = await agent.get(`/api/v1/customers/${drafts[0]!.id}`);
    expect(record.statusCode, record.body).toBe(200);
    expect(record.json().draft).toBe(true);
  });

  it('IN-3: the customer is found by the address once it is bound; the draft it replaced is merged into it and removed, audited', async () => {
    const [draft] = rowsOf<{ id: string }>(
      await kefu.deps.db.execute(
        sql`select id from customers where draft and note like ${'%wang@customer.example%'}`,
      ),
    );
    expect(draft).toBeTruthy();
    const customer = await agent.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '王先生',
      phones: [{ number: '13600136000' }],
    });
    expect(customer.statusCode, customer.body).toBe(201);
    const conversations = (await agent.get(`/api/v1/channel-conversations?accountId=${accountId}`)).json();
    const conv = conversations.find((c: { externalId: string }) => c.externalId === 'wang@customer.example');
    expect(conv.messages.length).toBeGreaterThanOrEqual(4);
    const bind = await agent.request('PUT', `/api/v1/channel-conversations/${conv.id}/customer`, {
      customerId: customer.json().id,
    });
    expect(bind.statusCode, bind.body).toBe(204);
    await imap.deliver(mail({ id: 'new.9@customer.example', subject: '热水器打不着火' }));
    expect((await sync()).json()).toMatchObject({ stored: 1 });
    const [m] = await messagesOf('new.9@customer.example');
    const ticket = rowsOf<{ customer_id: string; channel: string }>(
      await kefu.deps.db.execute(sql`select customer_id, channel from tickets where id = ${m!.ticket_id}`),
    )[0]!;
    expect(ticket).toEqual({ customer_id: customer.json().id, channel: 'email' });
    // Bound to the real customer: the conversation is no longer flagged as a new customer.
    const again = (await agent.get(`/api/v1/channel-conversations?accountId=${accountId}`)).json();
    expect(again.find((c: { externalId: string }) => c.externalId === 'wang@customer.example')).toMatchObject(
      { customerId: customer.json().id, customerDraft: false },
    );
    // Rebinding leaves nothing on the draft: its tickets and contacts are the customer's, and the
    // draft, referred to by nothing else, is gone — in the audit trail with what moved.
    const left = async (table: 'tickets' | 'contacts' | 'channel_conversations') =>
      count(kefu, sql`select count(*)::int as n from ${sql.raw(table)} where customer_id = ${draft!.id}`);
    expect([await left('tickets'), await left('contacts'), await left('channel_conversations')]).toEqual([
      0, 0, 0,
    ]);
    expect(await count(kefu, sql`select count(*)::int as n from customers where id = ${draft!.id}`)).toBe(0);
    const [first] = await messagesOf('first.1@customer.example');
    const moved = rowsOf<{ customer_id: string }>(
      await kefu.deps.db.execute(
        sql`select customer_id from tickets where id = ${first!.ticket_id} union all select customer_id from contacts where id = ${first!.contact_id}`,
      ),
    );
    expect(moved.map((r) => r.customer_id)).toEqual([customer.json().id, customer.json().id]);
    const audit = rowsOf<{ before: { draftCustomer?: string }; after: Record<string, unknown> }>(
      await kefu.deps.db.execute(
        sql`select before, after from audit_log where action = 'channel.email_conversation_bound' and subject_id = ${conv.id}`,
      ),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before.draftCustomer).toBe('王先生');
    expect(audit[0]!.after).toMatchObject({ customerId: customer.json().id, draft: 'removed' });
    expect(audit[0]!.after.movedTickets).toContain(first!.ticket_id);
  });

  it('IN-2: the agent answers by SMTP with In-Reply-To, References and a Message-ID of ours; the answer to it threads back', async () => {
    const conv = (await agent.get(`/api/v1/channel-conversations?accountId=${accountId}`))
      .json()
      .find((c: { externalId: string }) => c.externalId === 'wang@customer.example');
    const res = await agent.post(`/api/v1/channel-conversations/${conv.id}/replies`, {
      text: '王先生您好，师傅明天上午到。',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('sent');
    const sent = smtp.mails.at(-1)!;
    expect(sent.to).toEqual(['wang@customer.example']);
    expect(sent.from).toBe(SERVICE);
    expect(sent.header('In-Reply-To')).toBe('<new.9@customer.example>');
    expect(sent.header('References')).toContain('<new.9@customer.example>');
    expect((await simpleParser(sent.raw)).subject).toBe('Re: 热水器打不着火');
    const ours = /<([^>]+)>/.exec(sent.header('Message-ID')!)![1]!;
    expect(ours).toMatch(/^kefu\..+@anjia\.example$/);
    const [stored] = await messagesOf(ours);
    const [answered] = await messagesOf('new.9@customer.example');
    expect(stored!.ticket_id).toBe(answered!.ticket_id);

    await imap.deliver(
      mail({
        id: 'back.10@customer.example',
        subject: 'Re: 热水器打不着火',
        inReplyTo: ours,
        references: ['new.9@customer.example', ours],
      }),
    );
    expect((await sync()).json()).toMatchObject({ stored: 1 });
    const [back] = await messagesOf('back.10@customer.example');
    expect(back!.ticket_id).toBe(answered!.ticket_id);
  });

  it('IN-1: the SMTP server down → the answer waits and is retried with back-off, the admin page shows it, nothing is lost', async () => {
    const port = smtp.port;
    await smtp.close();
    const conv = (await agent.get(`/api/v1/channel-conversations?accountId=${accountId}`))
      .json()
      .find((c: { externalId: string }) => c.externalId === 'wang@customer.example');
    const res = await agent.post(`/api/v1/channel-conversations/${conv.id}/replies`, {
      text: '补充：请保持电话畅通。',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('queued');
    const shown = (await admin.get(`/api/v1/channels/${accountId}`)).json();
    expect(shown.lastError).toMatch(/^SMTP: .*retry/);
    // Not due again before the back-off.
    expect(await deliverDueEmail(kefu.deps)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    kefu.clock.advanceBy(31_000);
    expect(await deliverDueEmail(kefu.deps)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const row = rowsOf<{ attempts: number; next_attempt_at: Date | string }>(
      await kefu.deps.db.execute(
        sql`select attempts, next_attempt_at from channel_messages where id = ${res.json().id}`,
      ),
    )[0]!;
    expect(row.attempts).toBe(2);
    // The second failure waits twice as long (60 s).
    expect(new Date(row.next_attempt_at).getTime() - kefu.clock.now().getTime()).toBe(60_000);

    smtp = await startSmtpReceiver(port);
    kefu.clock.advanceBy(60_000);
    expect(await deliverDueEmail(kefu.deps)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.raw).toContain('X-Kefu-Conversation');
    expect((await admin.get(`/api/v1/channels/${accountId}`)).json().lastError).toBeNull();
  });

  it('IN-1: the IMAP server down → the fetch fails and the admin page shows it; once back, nothing is lost', async () => {
    await imap.deliver(mail({ id: 'while-down.11@customer.example', subject: '安装预约' }));
    await imap.stop();
    const down = await sync();
    expect([down.statusCode, down.json().code]).toEqual([502, 'channels.vendor_failed']);
    expect((await admin.get(`/api/v1/channels/${accountId}`)).json().lastError).toMatch(/^IMAP/);
    await imap.start();
    expect((await sync()).json()).toMatchObject({ stored: 1 });
    expect(await messagesOf('while-down.11@customer.example')).toHaveLength(1);
    expect((await admin.get(`/api/v1/channels/${accountId}`)).json().lastError).toBeNull();
  });

  it('IN-1 crash test: the server killed mid-fetch and the fetching process stopped mid-way → every message in exactly one ticket', async () => {
    const N = 30;
    for (let i = 0; i < N; i++)
      await imap.deliver(
        mail({ id: `crash.${i}@customer.example`, from: `c${i}@customer.example`, subject: `报修 ${i}` }),
      );
    const acc = await account();
    // 1. The IMAP server is killed after the 8th message of this pass is committed.
    let seen = 0;
    await expect(
      fetchMailbox(kefu.deps, acc, {
        afterMessage: async () => {
          if (++seen === 8) await imap.stop();
        },
      }),
    ).rejects.toThrow();
    await imap.start();
    // 2. Our process dies (an exception out of the loop) after the 9th message of the next pass.
    seen = 0;
    await expect(
      fetchMailbox(kefu.deps, acc, {
        afterMessage: () => {
          if (++seen === 9) throw new Error('process killed');
        },
      }),
    ).rejects.toThrow();
    // 3. A fresh pass, and one more: nothing is left and nothing is taken twice.
    expect((await fetchMailbox(kefu.deps, await account())).stored).toBe(N - 17);
    expect(await fetchMailbox(kefu.deps, await account())).toEqual({
      stored: 0,
      duplicates: 0,
      automated: 0,
    });
    const perMessage = rowsOf<{ id: string; n: number; tickets: number }>(
      await kefu.deps.db.execute(sql`
        select provider_message_id as id, count(*)::int as n, count(distinct ticket_id)::int as tickets
        from channel_messages where provider_message_id like 'crash.%' group by provider_message_id`),
    );
    expect(perMessage).toHaveLength(N);
    expect(perMessage.every((r) => r.n === 1 && r.tickets === 1)).toBe(true);
    const distinctTickets = await count(
      kefu,
      sql`select count(distinct ticket_id)::int as n from channel_messages where provider_message_id like 'crash.%'`,
    );
    expect(distinctTickets).toBe(N);
    const contacts = await count(
      kefu,
      sql`select count(*)::int as n from contacts c join channel_messages m on m.contact_id = c.id where m.provider_message_id like 'crash.%'`,
    );
    expect(contacts).toBe(N);
  });
});
