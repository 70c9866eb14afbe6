import { and, desc, eq } from 'drizzle-orm';
import { attachments } from '../attachments/attachments.table';
import { notifications } from '../notifications/notifications.table';
import { slaTargets } from '../sla/sla.table';
import { surveyInvitations } from '../surveys/surveys.table';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalRequests } from '../approvals/approvals.table';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { outboxMessages } from '../messages/messages.table';
import { tinyPng, windowsProgram } from '../attachments/attachments.test-images';
import { inviteToSurvey } from '../surveys/surveys.service';
import { tickets } from '../tickets/tickets.table';
import { rerunMigrationPart } from '../../test/migration-part';

let kefu: TestKefu;
let supervisor: HttpSession;
let supervisorId: string;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let ipSeq = 0;
const ALICE = '13900030001';
const BOB = '13900030002';
const CAROL = '13900030003';

/** A customer's phone (each call from an address of its own unless given: the route limit is per address). */
async function call(
  method: 'GET' | 'POST',
  url: string,
  opts: { body?: object; token?: string; ip?: string } = {},
) {
  ipSeq += 1;
  // A second between calls, so "the last SMS" is well defined.
  kefu.clock.advanceBy(1000);
  return kefu.app.inject({
    method,
    url: `/api/v1/public/portal${url}`,
    remoteAddress: opts.ip ?? `10.0.${Math.floor(ipSeq / 250)}.${ipSeq % 250}`,
    headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
    ...(opts.body ? { payload: opts.body } : {}),
  });
}

/** The code in the last SMS to `phone` (the outbox is where the SMS provider picks it up). */
async function lastCode(phone: string): Promise<string> {
  const [m] = await kefu.deps.db
    .select({ body: outboxMessages.body })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.recipient, phone), eq(outboxMessages.channel, 'sms')))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(1);
  return /(\d{6})/.exec(m?.body ?? '')![1]!;
}

/** A photo posted as the phone's browser posts it: one multipart part named "file". */
async function postPhoto(
  token: string,
  requestId: string,
  bytes: Buffer,
  fileName: string,
  contentType: string,
) {
  ipSeq += 1;
  kefu.clock.advanceBy(1000);
  const boundary = `----kefu${ipSeq}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return kefu.app.inject({
    method: 'POST',
    url: `/api/v1/public/portal/requests/${requestId}/photos`,
    remoteAddress: `10.1.${Math.floor(ipSeq / 250)}.${ipSeq % 250}`,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

async function signIn(phone: string): Promise<string> {
  // A number gets five codes an hour: each sign-in of the walk-through comes a quarter of an hour later.
  kefu.clock.advanceBy(15 * 60_000);
  expect((await call('POST', '/codes', { body: { phone } })).statusCode).toBe(202);
  const res = await call('POST', '/sessions', { body: { phone, code: await lastCode(phone) } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token;
}

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  supervisorId = (await createUser(admin, 'portal.sup', org.storeA.id, 'cs_supervisor')).id;
  supervisor = await kefu.login('portal.sup', TEST_PASSWORD);
  for (const [name, phone] of [
    ['刘自助', ALICE],
    ['黄邻居', BOB],
    ['林试码', CAROL],
  ])
    expect(
      (
        await supervisor.post('/api/v1/customers', {
          unitId: org.storeA.id,
          name,
          phones: [{ number: phone }],
        })
      ).statusCode,
    ).toBe(201);
});
afterAll(() => kefu.close());

describe('PORTAL-1 customer portal', () => {
  it('PORTAL-1: a customer signs in with a one-time code, submits a request and later sees its state and the reply', async () => {
    const token = await signIn(ALICE);
    const me = (await call('GET', '/me', { token })).json();
    expect(me).toMatchObject({ phone: '139****0001', customers: [{ name: '刘自助' }] });

    const submitted = await call('POST', '/requests', {
      token,
      body: { kind: 'repair', description: '空调外机漏水，滴到楼下阳台' },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const request = submitted.json();
    expect(request).toMatchObject({
      subject: '客户自助报修',
      state: 'assigned',
      description: '空调外机漏水，滴到楼下阳台',
    });

    // The store sees it as a ticket of the customer, owned by the supervisor, taken in by nobody on the staff.
    const ticket = (await supervisor.get(`/api/v1/tickets/${request.id}`)).json();
    expect(ticket).toMatchObject({ intakeOrigin: 'customer_portal', channel: 'web_form', type: 'repair' });
    expect(ticket.customer?.name ?? ticket.customerName).toBe('刘自助');
    // The audit trail names the customer through the portal as the one who opened it.
    const admin = await kefu.login('admin');
    const audit = (await admin.get(`/api/v1/audit?subjectType=ticket&subjectId=${request.id}`)).json();
    const created = audit.items.find((e: { action: string }) => e.action === 'tickets.created');
    expect(created).toMatchObject({ actor: null, actorOrigin: 'customer_portal' });

    await supervisor.post(`/api/v1/tickets/${request.id}/notes`, { body: '内部：先查保修期' });
    const reply = await supervisor.post(`/api/v1/tickets/${request.id}/replies`, {
      body: '师傅明天上午 10 点上门检查',
      kind: 'progress',
    });
    expect(reply.statusCode, reply.body).toBe(200);

    const list = (await call('GET', '/requests', { token })).json();
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([request.id]);
    const detail = (await call('GET', `/requests/${request.id}`, { token })).json();
    expect(detail.updates.map((u: { text: string }) => u.text)).toEqual(['师傅明天上午 10 点上门检查']);
    expect(JSON.stringify(detail)).not.toContain('内部');
  });

  it("PORTAL-1: no customer sees another's request — by id or by list — and without a session nothing is shown", async () => {
    const alice = await signIn(ALICE);
    const [aliceRequest] = (await call('GET', '/requests', { token: alice })).json().items;
    const bob = await signIn(BOB);
    expect((await call('GET', '/requests', { token: bob })).json().items).toEqual([]);
    const peek = await call('GET', `/requests/${aliceRequest.id}`, { token: bob });
    expect(peek.statusCode).toBe(404);
    expect(peek.json().code).toBe('portal.not_found');
    const foreign = await call('POST', '/requests', {
      token: bob,
      body: {
        kind: 'complaint',
        description: '冒用别人档案',
        customerId: (await call('GET', '/me', { token: alice })).json().customers[0].id,
      },
    });
    expect(foreign.statusCode).toBe(404);

    expect((await call('GET', '/requests')).statusCode).toBe(401);
    expect((await call('GET', '/requests', { token: 'x'.repeat(43) })).statusCode).toBe(401);
    // Sessions are short: half an hour later the token no longer opens anything.
    kefu.clock.advanceBy(31 * 60_000);
    const late = await call('GET', '/requests', { token: alice });
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('portal.not_signed_in');
  });

  it('PORTAL-1: the customer adds a photo to the request (checked by its bytes) and writes on it; the agent sees both on the ticket', async () => {
    const token = await signIn(ALICE);
    const [request] = (await call('GET', '/requests', { token })).json().items;
    const png = tinyPng(4, 4);
    const added = await postPhoto(token, request.id, png, '漏水.png', 'image/png');
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ fileName: '漏水.png', contentType: 'image/png', size: png.length });

    // A program posing as a PNG is refused by its bytes, whatever its name and declared type.
    const program = await postPhoto(token, request.id, windowsProgram(), 'photo.png', 'image/png');
    expect(program.statusCode).toBe(415);
    expect(program.json().code).toBe('portal.not_a_photo');
    // Over the size limit: refused before anything is stored.
    const big = Buffer.concat([png, Buffer.alloc(kefu.deps.config.attachmentMaxMb * 1024 * 1024)]);
    const tooBig = await postPhoto(token, request.id, big, 'big.png', 'image/png');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('portal.photo_too_large');
    const noFile = await call('POST', `/requests/${request.id}/photos`, { token, body: { file: 'x' } });
    expect(noFile.statusCode).toBe(400);

    const replied = await call('POST', `/requests/${request.id}/replies`, {
      token,
      body: { text: '明天上午我在家，师傅来之前请先打电话' },
    });
    expect(replied.statusCode, replied.body).toBe(200);

    // The customer sees their photo (and reads it back) and their message among the updates.
    const detail = (await call('GET', `/requests/${request.id}`, { token })).json();
    expect(detail.photos).toEqual([added.json()]);
    expect(detail.updates.at(-1)).toMatchObject({
      type: 'customer_reply',
      text: '明天上午我在家，师傅来之前请先打电话',
    });
    const bytes = await call('GET', `/photos/${added.json().id}`, { token });
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(bytes.rawPayload, png)).toBe(0);

    // The agent sees the photo among the ticket's files and the message in the timeline, from the customer.
    const files = (
      await supervisor.get(`/api/v1/attachments?subjectType=ticket&subjectId=${request.id}`)
    ).json();
    expect(files.items.map((f: { id: string }) => f.id)).toEqual([added.json().id]);
    const ticket = (await supervisor.get(`/api/v1/tickets/${request.id}`)).json();
    const message = ticket.timeline.find((e: { type: string }) => e.type === 'customer_reply');
    expect(message).toMatchObject({ actor: null, visibility: 'customer' });
    expect(message.body).toMatchObject({
      text: '明天上午我在家，师傅来之前请先打电话',
      origin: 'customer_portal',
    });
    const admin = await kefu.login('admin');
    const audit = (await admin.get(`/api/v1/audit?subjectType=ticket&subjectId=${request.id}`)).json();
    for (const action of ['portal.photo_added', 'portal.replied'])
      expect(audit.items.find((e: { action: string }) => e.action === action)).toMatchObject({
        actor: null,
        actorOrigin: 'customer_portal',
      });
  });

  it('PORTAL-1: the customer sees their work orders and open surveys, opens one to sign/rate or answer, and answers it', async () => {
    const aliceId = (await call('GET', '/me', { token: await signIn(ALICE) })).json().customers[0].id;
    const created = await supervisor.post('/api/v1/workorders', {
      unitId: org.storeA.id,
      type: 'repair',
      customerId: aliceId,
      contactName: '刘自助',
      contactPhone: ALICE,
      address: '上海市长宁区自助路 1 号',
      problem: '热水器不出热水',
    });
    expect(created.statusCode, created.body).toBe(201);
    const workOrderId = created.json().id as string;
    const invitation = await kefu.deps.db.transaction((tx) =>
      inviteToSurvey(kefu.deps, tx, {
        unitId: org.storeA.id,
        customerId: aliceId,
        subject: { type: 'workorder', id: workOrderId },
        employeeId: null,
        delivery: 'portal',
        idempotencyKey: `portal-test:${workOrderId}`,
      }),
    );

    const token = await signIn(ALICE);
    const orders = (await call('GET', '/workorders', { token })).json().items;
    expect(orders.map((o: { id: string }) => o.id)).toEqual([workOrderId]);
    const opened = await call('POST', `/workorders/${workOrderId}/link`, { token });
    expect(opened.statusCode, opened.body).toBe(201);
    const path = opened.json().path as string;
    expect(path).toMatch(/^\/c\/w\/[A-Za-z0-9_-]{43}$/);
    // The link opens the customer's work-order page, where the acceptance is signed and rated (REP-5, SAT-1).
    const page = await kefu.app.inject({ method: 'GET', url: `/api/v1/public/workorders/${path.slice(5)}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ number: created.json().number, canSign: false });

    const surveys = (await call('GET', '/surveys', { token })).json().items;
    expect(surveys.map((s: { id: string }) => s.id)).toEqual([invitation.invitationId]);
    const surveyLink = (await call('POST', `/surveys/${invitation.invitationId}/link`, { token })).json();
    expect(surveyLink.path).toMatch(/^\/c\/s\/[A-Za-z0-9_-]{43}$/);
    const answered = await kefu.app.inject({
      method: 'POST',
      url: `/api/v1/public/surveys/${surveyLink.path.slice(5)}`,
      payload: { answers: { csat: 5 } },
    });
    expect(answered.statusCode, answered.body).toBe(201);
    // Answered: no longer waiting, and it cannot be opened again.
    expect((await call('GET', '/surveys', { token })).json().items).toEqual([]);
    expect((await call('POST', `/surveys/${invitation.invitationId}/link`, { token })).statusCode).toBe(404);
  });

  it("PORTAL-1: no customer writes on, adds photos to, reads photos of, or opens another's request, work order or survey", async () => {
    const alice = await signIn(ALICE);
    const [aliceRequest] = (await call('GET', '/requests', { token: alice })).json().items;
    const [alicePhoto] = (await call('GET', `/requests/${aliceRequest.id}`, { token: alice })).json().photos;
    const [aliceOrder] = (await call('GET', '/workorders', { token: alice })).json().items;
    const aliceId = (await call('GET', '/me', { token: alice })).json().customers[0].id;
    const open = await kefu.deps.db.transaction((tx) =>
      inviteToSurvey(kefu.deps, tx, {
        unitId: org.storeA.id,
        customerId: aliceId,
        subject: { type: 'workorder', id: aliceOrder.id },
        employeeId: null,
        delivery: 'portal',
        idempotencyKey: `portal-test-open:${aliceOrder.id}`,
      }),
    );
    expect(alicePhoto).toBeDefined();

    const bob = await signIn(BOB);
    expect((await call('GET', '/workorders', { token: bob })).json().items).toEqual([]);
    expect((await call('GET', '/surveys', { token: bob })).json().items).toEqual([]);
    const attempts = [
      await call('POST', `/requests/${aliceRequest.id}/replies`, { token: bob, body: { text: '冒名留言' } }),
      await postPhoto(bob, aliceRequest.id, tinyPng(), 'x.png', 'image/png'),
      await call('GET', `/photos/${alicePhoto.id}`, { token: bob }),
      await call('POST', `/workorders/${aliceOrder.id}/link`, { token: bob }),
      await call('POST', `/surveys/${open.invitationId}/link`, { token: bob }),
    ];
    expect(attempts.map((r) => [r.statusCode, r.json().code])).toEqual(
      attempts.map(() => [404, 'portal.not_found']),
    );
    // Nothing of Bob's attempts landed on Alice's request.
    const detail = (await call('GET', `/requests/${aliceRequest.id}`, { token: alice })).json();
    expect(JSON.stringify(detail)).not.toContain('冒名留言');
    expect(detail.photos).toHaveLength(1);
    // And without a session, none of it answers.
    expect((await call('GET', '/workorders')).statusCode).toBe(401);
    expect((await call('GET', `/photos/${alicePhoto.id}`)).statusCode).toBe(401);
  });

  it('PORTAL-1: the 常见问题 board shows the public approved answers of the customer’s store and above, question and text only', async () => {
    const admin = await kefu.login('admin');
    await createUser(admin, 'portal.kb.writer', org.east.id, 'cs_supervisor');
    await createUser(admin, 'portal.kb.approver', org.east.id, 'cs_supervisor');
    const writer = await kefu.login('portal.kb.writer', TEST_PASSWORD);
    const approver = await kefu.login('portal.kb.approver', TEST_PASSWORD);
    const now = kefu.clock.now().getTime();
    const publish = async (unitId: string, question: string, isPublic: boolean, session = writer) => {
      const res = await session.post('/api/v1/knowledge/articles', {
        unitId,
        question,
        answer: `${question}——标准答复`,
        sourceKind: 'sales_qa',
        validFrom: new Date(now - 86_400_000).toISOString(),
        validUntil: new Date(now + 30 * 86_400_000).toISOString(),
        isPublic,
      });
      expect(res.statusCode, res.body).toBe(201);
      const [request] = await kefu.deps.db
        .select({ id: approvalRequests.id })
        .from(approvalRequests)
        .where(eq(approvalRequests.subjectId, res.json().latest.id));
      return { id: res.json().id as string, approvalId: request!.id };
    };
    const shown = await publish(org.east.id, '门店周末营业吗？', true);
    expect((await approver.post(`/api/v1/approvals/${shown.approvalId}/approve`)).statusCode).toBe(200);
    const internal = await publish(org.east.id, '内部口径：补贴审批流程', false);
    expect((await approver.post(`/api/v1/approvals/${internal.approvalId}/approve`)).statusCode).toBe(200);
    await publish(org.east.id, '尚未审核的公开问题', true);
    await createUser(admin, 'portal.kb.west', org.west.id, 'cs_supervisor');
    await createUser(admin, 'portal.kb.west2', org.west.id, 'cs_supervisor');
    const west = await kefu.login('portal.kb.west', TEST_PASSWORD);
    const west2 = await kefu.login('portal.kb.west2', TEST_PASSWORD);
    const elsewhere = await publish(org.storeB.id, '成都门店停车', true, west);
    expect((await west2.post(`/api/v1/approvals/${elsewhere.approvalId}/approve`)).statusCode).toBe(200);

    const token = await signIn(ALICE);
    const res = await call('GET', '/answers', { token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { id: shown.id, question: '门店周末营业吗？', answer: '门店周末营业吗？——标准答复' },
    ]);
    expect((await call('GET', '/answers')).statusCode).toBe(401);
  });

  it('PORTAL-1: a used code cannot be replayed, a code expires, and guessing is stopped after the limit', async () => {
    await call('POST', '/codes', { body: { phone: CAROL } });
    const code = await lastCode(CAROL);
    expect((await call('POST', '/sessions', { body: { phone: CAROL, code } })).statusCode).toBe(201);
    const replay = await call('POST', '/sessions', { body: { phone: CAROL, code } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('portal.code_invalid');

    await call('POST', '/codes', { body: { phone: CAROL } });
    const stale = await lastCode(CAROL);
    kefu.clock.advanceBy(6 * 60_000);
    expect((await call('POST', '/sessions', { body: { phone: CAROL, code: stale } })).statusCode).toBe(400);

    // Five wrong tries spend the code: even the right one is refused afterwards.
    await call('POST', '/codes', { body: { phone: CAROL } });
    const right = await lastCode(CAROL);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await call('POST', '/sessions', { body: { phone: CAROL, code: wrong } })).statusCode).toBe(400);
    expect((await call('POST', '/sessions', { body: { phone: CAROL, code: right } })).statusCode).toBe(400);

    // Codes per number per hour are limited (five an hour; the sixth is refused).
    expect((await call('POST', '/codes', { body: { phone: CAROL } })).statusCode).toBe(202);
    const fifth = await lastCode(CAROL);
    for (let i = 0; i < 5; i++)
      expect((await call('POST', '/sessions', { body: { phone: CAROL, code: wrong } })).statusCode).toBe(400);
    // Ten wrong tries within the hour: even a fresh right code is refused.
    expect((await call('POST', '/codes', { body: { phone: CAROL } })).statusCode).toBe(202);
    const tooMany = await call('POST', '/sessions', { body: { phone: CAROL, code: await lastCode(CAROL) } });
    expect(tooMany.statusCode).toBe(429);
    expect(tooMany.json().code).toBe('portal.too_many_attempts');
    expect(fifth).toMatch(/^\d{6}$/);
    const sixth = await call('POST', '/codes', { body: { phone: CAROL } });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('portal.too_many_codes');

    // An unknown number gets the same answer and no SMS; a landline is refused.
    expect((await call('POST', '/codes', { body: { phone: '13900039999' } })).statusCode).toBe(202);
    const none = await kefu.deps.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, '13900039999'));
    expect(none).toEqual([]);
    expect((await call('POST', '/codes', { body: { phone: '021-64321234' } })).json().code).toBe(
      'portal.phone_invalid',
    );

    // One address asking for many numbers is limited too.
    const ip = '10.9.9.9';
    const answers: number[] = [];
    for (let i = 0; i < 21; i++)
      answers.push(
        (await call('POST', '/codes', { body: { phone: `1370000${String(i).padStart(4, '0')}` }, ip }))
          .statusCode,
      );
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});

describe('PORTAL-1 the customer on the staff side', () => {
  it('PORTAL-1: a photo the customer added is 客户上传 in the staff file list — the masked name only for a reader of customer records', async () => {
    const token = await signIn(ALICE);
    const aliceId = (await call('GET', '/me', { token })).json().customers[0].id as string;
    const request = (
      await call('POST', '/requests', { token, body: { kind: 'repair', description: '阳台地漏返水' } })
    ).json();
    const photo = await postPhoto(token, request.id, tinyPng(3, 3), '地漏.png', 'image/png');
    expect(photo.statusCode, photo.body).toBe(201);

    // Stored as the customer's, not under a member of staff.
    const [row] = await kefu.deps.db.select().from(attachments).where(eq(attachments.id, photo.json().id));
    expect(row).toMatchObject({ uploadedBy: null, uploadedByCustomerId: aliceId });

    // A photo stored before the change, filed under the ticket's creator, is given back to the customer by the migration.
    const [creator] = await kefu.deps.db
      .select({ id: tickets.createdBy })
      .from(tickets)
      .where(eq(tickets.id, request.id));
    await kefu.deps.db
      .update(attachments)
      .set({ uploadedBy: creator!.id, uploadedByCustomerId: null })
      .where(eq(attachments.id, row!.id));
    await rerunMigrationPart(kefu.deps.db, 'portal_customer_uploads.sql', '-- carry-over: portal photos');
    const [migrated] = await kefu.deps.db.select().from(attachments).where(eq(attachments.id, row!.id));
    expect(migrated).toMatchObject({ uploadedBy: null, uploadedByCustomerId: aliceId });

    const url = `/api/v1/attachments?subjectType=ticket&subjectId=${request.id}`;
    const [listed] = (await supervisor.get(url)).json().items;
    expect(listed).toMatchObject({
      uploadedBy: null,
      uploadedByCustomer: { id: aliceId, maskedName: '刘**' },
    });
    expect(JSON.stringify(listed)).not.toContain('刘自助');

    // A role that reads tickets but not customer records sees 客户上传 without the name.
    const admin = await kefu.login('admin');
    expect(
      (
        await admin.post('/api/v1/roles', {
          code: 'portal_ticket_reader',
          nameZh: '工单只读',
          nameEn: 'Ticket reader',
          permissions: ['tickets.read'],
        })
      ).statusCode,
    ).toBe(201);
    await createUser(admin, 'portal.reader', org.storeA.id, 'portal_ticket_reader');
    const reader = await kefu.login('portal.reader', TEST_PASSWORD);
    const [seen] = (await reader.get(url)).json().items;
    expect(seen).toMatchObject({ uploadedBy: null, uploadedByCustomer: { id: aliceId, maskedName: null } });

    // A staff upload still names its member of staff, and no row may name both or neither.
    const staffRow = { ...row!, id: crypto.randomUUID(), storageKey: `attachments/check-${Date.now()}` };
    await expect(
      kefu.deps.db.insert(attachments).values({ ...staffRow, uploadedBy: null, uploadedByCustomerId: null }),
    ).rejects.toThrow();
    await expect(
      kefu.deps.db
        .insert(attachments)
        .values({ ...staffRow, uploadedBy: supervisorId, uploadedByCustomerId: aliceId }),
    ).rejects.toThrow();
  });

  it('SLA-7: a customer reply on a request waiting on them (待您确认) puts it back in progress, resumes the clock, tells the owner, and is audited', async () => {
    const token = await signIn(ALICE);
    const request = (
      await call('POST', '/requests', {
        token,
        body: { kind: 'complaint', description: '安装师傅迟到两小时' },
      })
    ).json();
    const staffTicket = (await supervisor.get(`/api/v1/tickets/${request.id}`)).json();
    const ownerId = staffTicket.assigneeUser?.id as string;
    expect(ownerId).toBeTruthy();
    const waiting = await supervisor.post(`/api/v1/tickets/${request.id}/transition`, {
      to: 'pending_customer',
    });
    expect(waiting.statusCode, waiting.body).toBe(200);
    expect((await call('GET', `/requests/${request.id}`, { token })).json().state).toBe('pending_customer');
    const pausedTargets = async () =>
      (await kefu.deps.db.select().from(slaTargets).where(eq(slaTargets.subjectId, request.id))).filter(
        (x) => x.state === 'paused',
      );
    const paused = await pausedTargets();
    expect(paused.length).toBeGreaterThan(0);

    // Twenty minutes later (within the session) the customer answers.
    kefu.clock.advanceBy(20 * 60_000);
    const replied = await call('POST', `/requests/${request.id}/replies`, {
      token,
      body: { text: '照片已经拍好，请尽快处理' },
    });
    expect(replied.statusCode, replied.body).toBe(200);

    // Back in the staff's court, every paused target running again with its pause closed.
    const after = (await supervisor.get(`/api/v1/tickets/${request.id}`)).json();
    expect(after.state).toBe('in_progress');
    expect(await pausedTargets()).toEqual([]);
    const resumed = await kefu.deps.db.select().from(slaTargets).where(eq(slaTargets.subjectId, request.id));
    for (const p of paused) {
      const now = resumed.find((x) => x.id === p.id)!;
      expect(now.pauses.every((x) => x.to !== undefined)).toBe(true);
      expect(now.dueAt!.getTime()).toBeGreaterThanOrEqual(p.dueAt?.getTime() ?? 0);
    }
    const moved = after.timeline.find(
      (e: { type: string; body: { to?: string } }) =>
        e.type === 'state_changed' && e.body.to === 'in_progress',
    );
    expect(moved).toMatchObject({
      actor: null,
      body: { from: 'pending_customer', origin: 'customer_portal' },
    });
    expect((await call('GET', `/requests/${request.id}`, { token })).json().state).toBe('in_progress');

    // The owner is told, and the audit entry records the move as the customer's.
    const told = await kefu.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.subjectId, request.id), eq(notifications.kind, 'customer_replied')));
    expect(told.map((n) => n.recipientId)).toEqual([ownerId]);
    expect(told[0]!.payload).toMatchObject({ fromState: 'pending_customer', toState: 'in_progress' });
    const admin = await kefu.login('admin');
    const audit = (await admin.get(`/api/v1/audit?subjectType=ticket&subjectId=${request.id}`)).json();
    expect(audit.items.find((e: { action: string }) => e.action === 'portal.replied')).toMatchObject({
      actor: null,
      actorOrigin: 'customer_portal',
      before: { state: 'pending_customer' },
      after: { state: 'in_progress' },
    });

    // A reply while the staff are working on it leaves the state alone.
    expect(
      (await call('POST', `/requests/${request.id}/replies`, { token, body: { text: '补充一句' } }))
        .statusCode,
    ).toBe(200);
    expect((await supervisor.get(`/api/v1/tickets/${request.id}`)).json().state).toBe('in_progress');
  });

  it('SAT-3: a response marks its invitation answered in the same transaction, and the portal stops offering it', async () => {
    const token = await signIn(ALICE);
    const aliceId = (await call('GET', '/me', { token })).json().customers[0].id as string;
    const [order] = (await call('GET', '/workorders', { token })).json().items;
    const invitation = await kefu.deps.db.transaction((tx) =>
      inviteToSurvey(kefu.deps, tx, {
        unitId: org.storeA.id,
        customerId: aliceId,
        subject: { type: 'workorder', id: order.id },
        employeeId: null,
        delivery: 'portal',
        idempotencyKey: `portal-answered-at:${order.id}`,
      }),
    );
    const answeredAt = async () =>
      (
        await kefu.deps.db
          .select({ at: surveyInvitations.answeredAt })
          .from(surveyInvitations)
          .where(eq(surveyInvitations.id, invitation.invitationId))
      )[0]!.at;
    expect(await answeredAt()).toBeNull();
    const link = (await call('POST', `/surveys/${invitation.invitationId}/link`, { token })).json();
    const answered = await kefu.app.inject({
      method: 'POST',
      url: `/api/v1/public/surveys/${link.path.slice(5)}`,
      payload: { answers: { csat: 4 } },
    });
    expect(answered.statusCode, answered.body).toBe(201);
    expect((await answeredAt())?.getTime()).toBe(kefu.clock.now().getTime());
    // An invitation answered before answered_at was relied on gets it from its response in the migration.
    const respondedAt = kefu.clock.now().getTime();
    await kefu.deps.db
      .update(surveyInvitations)
      .set({ answeredAt: null })
      .where(eq(surveyInvitations.id, invitation.invitationId));
    await rerunMigrationPart(kefu.deps.db, 'portal_customer_uploads.sql', '-- carry-over: survey answered');
    expect((await answeredAt())?.getTime()).toBe(respondedAt);
    expect(
      (await call('GET', '/surveys', { token })).json().items.map((x: { id: string }) => x.id),
    ).not.toContain(invitation.invitationId);
  });
});
