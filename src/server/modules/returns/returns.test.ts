import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationPath } from '../../test/migration-part';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { DEFAULT_APPROVAL_CHAINS } from '../../../domain/approvals';
import { approvalChains } from '../approvals/approvals.table';
import { auditLog } from '../audit/audit.table';
import { outboxMessages } from '../messages/messages.table';
import { rederive } from './returns.usecases';
import { returnRequests } from './returns.table';

let kefu: TestKefu;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
const people: Record<string, { id: string }> = {};
const sessions = new Map<string, HttpSession>();
let sessionsAt = 0;
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => sh(local).toISOString();
let orderSeq = 0;

/** A logged-in session; everyone logs in again after the clock moved, since idle sessions expire. */
async function as(name: string): Promise<HttpSession> {
  const now = kefu.clock.now().getTime();
  if (now !== sessionsAt) {
    sessions.clear();
    sessionsAt = now;
  }
  const cached = sessions.get(name);
  if (cached) return cached;
  const session = name === 'admin' ? await kefu.login('admin') : await kefu.login(name, TEST_PASSWORD);
  sessions.set(name, session);
  return session;
}

/** A PNG of random pixels: what a signature stroke looks like to the checks (not one colour). */
function signaturePng(): string {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([len, typed, crc]);
  };
  const w = 16;
  const h = 16;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(
    Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), randomBytes(w * 3)])),
  );
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

interface Line {
  custom?: boolean;
  clearance?: boolean;
  specialOffer?: boolean;
  priceFen?: number;
  paidFen?: number;
}
async function order(
  by: string,
  o: {
    unitId?: string;
    orderedAt: string;
    deliveredAt?: string | null;
    fulfilment?: string;
    line?: Line;
    customerPhone?: string | null;
  },
) {
  const res = await (
    await as(by)
  ).post('/api/v1/orders', {
    unitId: o.unitId ?? org.storeA.id,
    orderNo: `SO-${++orderSeq}`,
    customerName: '王建国',
    customerPhone: o.customerPhone === undefined ? '13800138000' : o.customerPhone,
    fulfilment: o.fulfilment ?? 'delivery',
    orderedAt: iso(o.orderedAt),
    paidAt: iso(o.orderedAt),
    deliveredAt: o.deliveredAt ? iso(o.deliveredAt) : null,
    lines: [{ product: '三人布艺沙发', priceFen: 860_000, paidFen: 860_000, ...o.line }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; orderNo: string; lines: { id: string; paidFen: number }[] };
}
async function returnsCount(): Promise<number> {
  return (await kefu.deps.db.select({ id: returnRequests.id }).from(returnRequests)).length;
}

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  const add = async (name: string, unitId: string, role: string) =>
    (people[name] = await createUser(admin, name, unitId, role));
  await add('clerk', org.storeA.id, 'store_manager');
  await add('clerk_b', org.storeB.id, 'agent');
  // In the store's own department, as a store's technicians are: they inspect the store's returns.
  await add('tech', org.storeAEngineering.id, 'technician');
  await add('head', org.hq.id, 'self_operated_head');
  await add('deputy', org.hq.id, 'department_member');
  await add('fin', org.hq.id, 'finance');
  await add('gm', org.hq.id, 'general_manager');
  await add('centre', org.storeA.id, 'cs_supervisor');
  // The store's field technician, who visits the customer for a quality claim (RET-7).
  await add('visitor', org.storeA.id, 'technician');
  // RET-9: the online shop's hand-offs after the parcel comes back.
  await add('shopadm', org.storeA.id, 'online_shop_admin');
  await add('tracker', org.hq.id, 'parcel_tracking');
  await add('wh', org.hq.id, 'warehouse');
  // The store's customer-facing contact, which the refund notice names (RET-2 / RET-8).
  const contact = await admin.patch(`/api/v1/units/${org.storeA.id}`, {
    servicePhone: '021-64001234',
    address: '徐汇区漕溪北路 100 号',
  });
  expect(contact.statusCode, contact.body).toBe(200);
  kefu.clock.set(sh('2026-03-10T10:00:00'));
});
/** The outbox messages a return request queued. */
const noticesOf = (returnId: string) =>
  kefu.deps.db.select().from(outboxMessages).where(eq(outboxMessages.sourceId, returnId));
afterAll(async () => {
  await kefu?.close();
});

describe('orders (counter and ERP feed)', () => {
  it('an ERP push with the same external reference updates the order instead of adding one; an unchanged resend changes nothing', async () => {
    const feed = await as('admin');
    const body = {
      unitId: org.storeA.id,
      externalRef: 'TMALL-2026-0001',
      orderNo: 'TM-0001',
      channel: 'online',
      orderedAt: iso('2026-03-01T09:00:00'),
      lines: [{ product: '床头柜', priceFen: 59_900, paidFen: 59_900 }],
    };
    const first = await feed.request('PUT', '/api/v1/orders/external', body);
    expect(first.statusCode, first.body).toBe(201);
    const again = await feed.request('PUT', '/api/v1/orders/external', body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().order.id).toBe(first.json().order.id);
    expect(again.json().order.updatedAt).toBe(first.json().order.updatedAt);
    const delivered = await feed.request('PUT', '/api/v1/orders/external', {
      ...body,
      deliveredAt: iso('2026-03-03T15:00:00'),
    });
    expect(delivered.statusCode).toBe(200);
    expect(delivered.json().order.deliveredAt).toBe(iso('2026-03-03T15:00:00'));
    const list = await feed.get(`/api/v1/orders?unitId=${org.storeA.id}&q=TM-0001`);
    expect(list.json().total).toBe(1);
  });

  it('bad input: paid above the price is 400, a delivery before the order is 400 orders.instants_out_of_order', async () => {
    const clerk = await as('clerk');
    const base = { unitId: org.storeA.id, orderNo: 'SO-BAD', orderedAt: iso('2026-03-05T10:00:00') };
    const over = await clerk.post('/api/v1/orders', {
      ...base,
      lines: [{ product: 'x', priceFen: 100, paidFen: 101 }],
    });
    expect(over.statusCode).toBe(400);
    const early = await clerk.post('/api/v1/orders', {
      ...base,
      deliveredAt: iso('2026-03-04T10:00:00'),
      lines: [{ product: 'x', priceFen: 100, paidFen: 100 }],
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe('orders.instants_out_of_order');
  });
});

describe('orders list and order page', () => {
  it('ORG-1: the orders list is paged and scoped, searched by number, customer or phone, filtered by store, exported as Excel; an order lists its requests', async () => {
    kefu.clock.set(sh('2026-03-10T10:00:00'));
    const mine: { id: string; orderNo: string; lines: { id: string }[] }[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await (
        await as('clerk')
      ).post('/api/v1/orders', {
        unitId: org.storeA.id,
        orderNo: `LIST-A-${i}`,
        customerName: '赵六一',
        customerPhone: '139 1111 2222',
        orderedAt: iso(`2026-03-0${i + 1}T10:00:00`),
        lines: [{ product: '餐椅', priceFen: 30_000, paidFen: 30_000 }],
      });
      expect(res.statusCode, res.body).toBe(201);
      mine.push(res.json());
    }
    const other = await (
      await as('clerk_b')
    ).post('/api/v1/orders', {
      unitId: org.storeB.id,
      orderNo: 'LIST-B-0',
      customerName: '赵六一',
      orderedAt: iso('2026-03-05T10:00:00'),
      lines: [{ product: '餐桌', priceFen: 90_000, paidFen: 90_000 }],
    });
    expect(other.statusCode, other.body).toBe(201);

    const clerk = await as('clerk');
    const byName = (await clerk.get('/api/v1/orders?q=赵六一&pageSize=2')).json();
    expect(byName.total).toBe(3);
    expect(byName.items.map((o: { orderNo: string }) => o.orderNo)).toEqual(['LIST-A-2', 'LIST-A-1']);
    const second = (await clerk.get('/api/v1/orders?q=赵六一&pageSize=2&page=2')).json();
    expect(second.items.map((o: { orderNo: string }) => o.orderNo)).toEqual(['LIST-A-0']);
    expect((await clerk.get('/api/v1/orders?q=1111')).json().total).toBe(3);
    expect((await clerk.get('/api/v1/orders?q=LIST-A-1')).json().total).toBe(1);
    // Another store's order is not in the list of a clerk of store A; the head office sees both.
    expect((await clerk.get(`/api/v1/orders?q=赵六一&unitId=${org.storeB.id}`)).json().total).toBe(0);
    const admin = await as('admin');
    const storeB = (await admin.get(`/api/v1/orders?q=赵六一&unitId=${org.storeB.id}`)).json();
    expect(storeB.items.map((o: { orderNo: string }) => o.orderNo)).toEqual(['LIST-B-0']);
    expect((await admin.get('/api/v1/orders?q=赵六一')).json().total).toBe(4);

    const xlsx = await clerk.request('GET', '/api/v1/orders/export.xlsx?q=赵六一');
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['x-export-rows']).toBe('3');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['销售单号', '门店', '客户']);
    expect(sheet.getRow(2).getCell(1).value).toBe('LIST-A-2');
    const theirs = await (await as('clerk_b')).request('GET', '/api/v1/orders/export.xlsx?q=LIST-A');
    expect(theirs.headers['x-export-rows']).toBe('0');

    // The order's page lists the requests taken on it, and only those.
    const taken = await clerk.post('/api/v1/returns', {
      orderLineId: mine[0]!.lines[0]!.id,
      kind: 'cancel',
      reason: 'change_of_mind',
      reasonDetail: '不需要了',
    });
    expect(taken.statusCode, taken.body).toBe(201);
    const onOrder = (await clerk.get(`/api/v1/returns?orderId=${mine[0]!.id}`)).json();
    expect(onOrder.items.map((r: { id: string }) => r.id)).toEqual([taken.json().id]);
    expect((await clerk.get(`/api/v1/returns?orderId=${mine[1]!.id}`)).json().total).toBe(0);
  });
});

describe('return requests at the counter', () => {
  it('ORG-1: an order of another store is 404, its line cannot be asked about', async () => {
    const o = await order('clerk', { orderedAt: '2026-03-09T10:00:00' });
    expect((await (await as('clerk_b')).get(`/api/v1/orders/${o.id}`)).statusCode).toBe(404);
    const res = await (
      await as('clerk_b')
    ).post('/api/v1/returns', {
      orderLineId: o.lines[0]!.id,
      kind: 'cancel',
      reason: 'change_of_mind',
      reasonDetail: '不想要了',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('orders.line_not_found');
  });

  it('RET-10 bad input: a refund above the paid amount is 422 returns.refund_above_paid and nothing is written', async () => {
    const o = await order('clerk', { orderedAt: '2026-03-09T10:00:00', line: { paidFen: 500_000 } });
    const before = await returnsCount();
    const res = await (
      await as('clerk')
    ).post('/api/v1/returns', {
      orderLineId: o.lines[0]!.id,
      kind: 'cancel',
      reason: 'change_of_mind',
      reasonDetail: '家里已经买了',
      refundFen: 500_001,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('returns.refund_above_paid');
    expect(await returnsCount()).toBe(before);
  });

  it('RET-1: the reason comes first and a withdrawn request stays on record as withdrawn', async () => {
    const o = await order('clerk', { orderedAt: '2026-03-09T10:00:00' });
    const clerk = await as('clerk');
    const noReason = await clerk.post('/api/v1/returns', {
      orderLineId: o.lines[0]!.id,
      kind: 'cancel',
      reason: 'quality',
    });
    expect(noReason.statusCode).toBe(400);
    const created = await clerk.post('/api/v1/returns', {
      orderLineId: o.lines[0]!.id,
      kind: 'cancel',
      reason: 'change_of_mind',
      reasonDetail: '颜色与家里不搭',
      solutionOffered: '可换同款灰色',
    });
    expect(created.statusCode, created.body).toBe(201);
    const withdrawn = await clerk.post(`/api/v1/returns/${created.json().id}/withdraw`, {
      reason: '客户接受换色方案',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ state: 'withdrawn', withdrawReason: '客户接受换色方案' });
  });

  it('RET-5 / RET-8: a return goes through documents, signature, inspection, the division head (sent back once) and finance to the refund notice', async () => {
    kefu.clock.set(sh('2026-03-10T10:00:00'));
    const o = await order('clerk', { orderedAt: '2026-03-01T10:00:00', deliveredAt: '2026-03-05T15:00:00' });
    const clerk = await as('clerk');
    const created = await clerk.post('/api/v1/returns', {
      orderLineId: o.lines[0]!.id,
      kind: 'return',
      reason: 'change_of_mind',
      reasonDetail: '尺寸放不进客厅',
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r.decision).toMatchObject({
      outcome: 'allowed',
      rule: 'RET-5',
      refundFen: 860_000,
      policyVersion: 'default',
    });
    expect(r.decision.explanation.zh).toContain('第 5 天申请');
    expect(r.requiredDocuments).toEqual(['sales_order', 'receipt_or_invoice', 'delivery_note']);

    // The checklist holds the next step back: documents first, then the signature.
    const early = await clerk.post(`/api/v1/returns/${r.id}/submit`);
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('returns.documents_missing');
    expect(early.json().details.missing).toEqual(['sales_order', 'receipt_or_invoice', 'delivery_note']);
    await clerk.post(`/api/v1/returns/${r.id}/documents`, {
      documents: ['sales_order', 'receipt_or_invoice', 'delivery_note'],
    });
    const unsigned = await clerk.post(`/api/v1/returns/${r.id}/submit`);
    expect(unsigned.json().code).toBe('returns.signature_missing');
    const blank = await clerk.post(`/api/v1/returns/${r.id}/signature`, {
      dataUrl: `data:image/png;base64,${Buffer.from('not a png').toString('base64')}`,
    });
    expect(blank.json().code).toBe('returns.signature_invalid');
    const signed = await clerk.post(`/api/v1/returns/${r.id}/signature`, { dataUrl: signaturePng() });
    expect(signed.statusCode, signed.body).toBe(200);
    expect((await clerk.get(`/api/v1/returns/${r.id}/signature`)).headers['content-type']).toBe('image/png');
    const submitted = await clerk.post(`/api/v1/returns/${r.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const approvalId = submitted.json().approval.id as string;
    expect(submitted.json().approval).toMatchObject({
      currentStage: 'inspection',
      status: 'pending',
      round: 1,
    });

    // Nobody approves their own request; a step belongs to its role.
    const own = await clerk.post(`/api/v1/approvals/${approvalId}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('approvals.own_request');
    const fin = await (await as('fin')).post(`/api/v1/approvals/${approvalId}/approve`);
    expect(fin.statusCode).toBe(403);
    expect(fin.json().code).toBe('approvals.not_your_step');
    expect((await (await as('clerk_b')).post(`/api/v1/approvals/${approvalId}/approve`)).statusCode).toBe(
      404,
    );

    const inbox = await (await as('tech')).get('/api/v1/approvals/inbox');
    expect(inbox.json().waiting.map((w: { id: string }) => w.id)).toContain(approvalId);
    expect((await (await as('tech')).post(`/api/v1/approvals/${approvalId}/approve`)).statusCode).toBe(200);
    const noReason = await (
      await as('head')
    ).post(`/api/v1/approvals/${approvalId}/send-back`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const back = await (
      await as('head')
    ).post(`/api/v1/approvals/${approvalId}/send-back`, { reason: '送货单缺客户签收' });
    expect(back.statusCode, back.body).toBe(200);
    expect((await clerk.get(`/api/v1/returns/${r.id}`)).json().state).toBe('sent_back');
    const mine = (await clerk.get('/api/v1/approvals/inbox')).json().mine as { id: string; status: string }[];
    expect(mine.find((m) => m.id === approvalId)?.status).toBe('sent_back');

    // Resubmitted: a new round from the first stage.
    const again = await clerk.post(`/api/v1/returns/${r.id}/submit`);
    expect(again.json().approval).toMatchObject({ round: 2, currentStage: 'inspection' });
    for (const who of ['tech', 'head', 'fin']) {
      const res = await (await as(who)).post(`/api/v1/approvals/${approvalId}/approve`);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
    }
    const approved = (await clerk.get(`/api/v1/returns/${r.id}`)).json();
    expect(approved.state).toBe('approved');
    expect(approved.approval.status).toBe('approved');
    expect(
      approved.approval.steps.map((s: { stage: string; decision: string }) => `${s.stage}:${s.decision}`),
    ).toEqual([
      'inspection:approved',
      'division_head:sent_back',
      'inspection:approved',
      'division_head:approved',
      'finance:approved',
    ]);
    const notice = await clerk.post(`/api/v1/returns/${r.id}/refund-notice`);
    expect(notice.json()).toMatchObject({ state: 'refund_notified' });
    // RET-2 / RET-8: the customer is told by SMS, queued with the step, naming order, amount and store.
    const [sms, ...more] = await noticesOf(r.id);
    expect(more).toEqual([]);
    expect(sms).toMatchObject({
      channel: 'sms',
      recipient: '13800138000',
      templateCode: 'return_refund_notice',
      purpose: 'service',
      sourceType: 'return_request',
      createdBy: people.clerk!.id,
    });
    expect(sms!.body).toBe(
      `王建国您好，您在上海徐汇店的订单${o.orderNo}退款申请已审批通过，退款金额8600.00元。请携带购物小票或发票到徐汇区漕溪北路 100 号服务台办理领取，如有疑问请致电021-64001234。`,
    );
    expect(notice.json().refundNotice).toEqual({ messageId: sms!.id, skipped: null });
    const queued = await kefu.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, sms!.id));
    expect(queued.map((a) => a.action)).toEqual(['message.queued']);
    // Retried (twice at once): the same answer, still one message and one refund_notified entry.
    const retries = await Promise.all([1, 2].map(() => clerk.post(`/api/v1/returns/${r.id}/refund-notice`)));
    for (const retry of retries) {
      expect(retry.statusCode, retry.body).toBe(200);
      expect(retry.json().refundNotice).toEqual({ messageId: sms!.id, skipped: null });
    }
    expect(await noticesOf(r.id)).toHaveLength(1);
    const told = await kefu.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, r.id));
    expect(told.filter((a) => a.action === 'return.refund_notified')).toHaveLength(1);
    // Every step is in the audit trail.
    const audit = await kefu.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, approvalId));
    // (Rows of one instant come back in no set order: compare them as a multiset.)
    expect(
      audit
        .map((a) => a.action)
        .filter((a) => a.startsWith('approval.'))
        .sort(),
    ).toEqual(
      [
        'approval.opened',
        'approval.step_approved',
        'approval.sent_back',
        'approval.resubmitted',
        'approval.step_approved',
        'approval.step_approved',
        'approval.step_approved',
      ].sort(),
    );
  });

  it('RET-7: a quality claim opens an inspection work order linked both ways, and cannot move past inspection until the order is completed', async () => {
    kefu.clock.set(sh('2026-03-10T10:00:00'));
    const o = await order('clerk', { orderedAt: '2026-03-01T10:00:00', deliveredAt: '2026-03-05T15:00:00' });
    const clerk = await as('clerk');
    const created = await clerk.post('/api/v1/returns', {
      orderLineId: o.lines[0]!.id,
      kind: 'return',
      reason: 'quality',
      reasonDetail: '沙发腿开裂',
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r.decision).toMatchObject({ outcome: 'inspect_first', rule: 'RET-7' });
    expect(r.inspectionWorkOrder).toMatchObject({ state: 'new', done: false });
    const url = `/api/v1/workorders/${r.inspectionWorkOrder.id}`;
    const wo = (await clerk.get(url)).json();
    expect(wo).toMatchObject({ type: 'inspection', number: r.inspectionWorkOrder.number });
    expect(wo.links).toEqual([
      { subjectType: 'return_request', id: r.id, label: `退货 · ${r.order.orderNo}` },
    ]);

    // Nothing moves past the inspection while the visit is open.
    const early = await clerk.post(`/api/v1/returns/${r.id}/submit`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('returns.inspection_pending');
    const tooSoon = await clerk.post(`/api/v1/returns/${r.id}/inspection`, {
      finding: 'defect',
      customerInsists: true,
    });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().details).toMatchObject({ workOrderNumber: wo.number, state: 'new' });

    // The technician visits and completes the order through field service.
    const centre = await as('centre');
    const tech = await as('visitor');
    expect((await centre.post(`${url}/assign`, { technicianId: people.visitor!.id })).statusCode).toBe(200);
    await centre.post(`${url}/appointment`, {
      start: iso('2026-03-11T10:00:00'),
      end: iso('2026-03-11T12:00:00'),
      customerAgreed: true,
    });
    await tech.post(`${url}/checklist`, {
      partsPrepared: true,
      partsRequested: false,
      documentsPrinted: true,
      addressConfirmed: true,
      arrivalTimeConfirmed: true,
      note: '',
    });
    kefu.clock.set(sh('2026-03-11T09:30:00'));
    await (await as('visitor')).post(`${url}/depart`, {});
    await (await as('visitor')).post(`${url}/arrive`, {});
    const finished = await (
      await as('visitor')
    ).post(`${url}/finish`, {
      workDone: '检测：木腿接口胶合不良，属质量问题',
      minutesSpent: 30,
      // REP-5: the technician names the fault cause before completion.
      diagnosis: { finding: 'product_defect', note: '木腿接口胶合不良' },
      acceptance: {
        signerName: '王建国',
        signature: signaturePng(),
        ratings: { service: 5, workmanship: 5, punctuality: 5, attitude: 5 },
        comment: '',
      },
    });
    expect(finished.statusCode, finished.body).toBe(200);
    expect(finished.json().state).toBe('completed');

    const inspected = await (
      await as('clerk')
    ).post(`/api/v1/returns/${r.id}/inspection`, { finding: 'defect', customerInsists: true });
    expect(inspected.statusCode, inspected.body).toBe(200);
    expect(inspected.json()).toMatchObject({
      inspection: 'defect',
      inspectedInStore: false,
      inspectedBy: { id: people.visitor!.id },
      inspectedAt: kefu.clock.now().toISOString(),
      inspectionWorkOrder: { done: true, state: 'completed' },
      decision: { outcome: 'allowed', rule: 'RET-7', refundFen: 860_000 },
      refundFen: 860_000,
      requiredDocuments: ['sales_order', 'receipt_or_invoice', 'inspection_report'],
    });
    // The decision is still re-derived from the stored facts and policy version (RET-10).
    const [row] = await kefu.deps.db.select().from(returnRequests).where(eq(returnRequests.id, r.id));
    expect(rederive(row!)).toEqual(row!.decision);
    const again = await (
      await as('clerk')
    ).post(`/api/v1/returns/${r.id}/inspection`, { finding: 'misuse', customerInsists: false });
    expect(again.json().code).toBe('returns.no_inspection_due');
  });

  it('RET-7: staff may record an in-store inspection instead of the visit, with who and when', async () => {
    kefu.clock.set(sh('2026-03-10T10:00:00'));
    const o = await order('clerk', { orderedAt: '2026-03-01T10:00:00', deliveredAt: '2026-03-05T15:00:00' });
    const clerk = await as('clerk');
    const r = (
      await clerk.post('/api/v1/returns', {
        orderLineId: o.lines[0]!.id,
        kind: 'exchange',
        reason: 'quality',
        reasonDetail: '面料起球',
      })
    ).json();
    expect(r.inspectionWorkOrder).not.toBeNull();
    const future = await clerk.post(`/api/v1/returns/${r.id}/inspection`, {
      finding: 'misuse',
      inStore: { inspectedBy: people.tech!.id, inspectedAt: iso('2026-03-10T12:00:00') },
    });
    expect(future.json().code).toBe('returns.inspection_time_invalid');
    kefu.clock.set(sh('2026-03-10T14:00:00'));
    const res = await (
      await as('clerk')
    ).post(`/api/v1/returns/${r.id}/inspection`, {
      finding: 'misuse',
      inStore: { inspectedBy: people.tech!.id, inspectedAt: iso('2026-03-10T11:30:00') },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      inspection: 'misuse',
      inspectedInStore: true,
      inspectedBy: { id: people.tech!.id },
      inspectedAt: iso('2026-03-10T11:30:00'),
      decision: { outcome: 'charged_repair', rule: 'RET-7', refundFen: 0 },
    });
    const audit = await kefu.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, r.id));
    expect(audit.map((a) => a.action)).toContain('return.inspected');
    // The visit opened for the claim is not needed any more: cancelled with the reason, not left open.
    const visit = await (await as('clerk')).get(`/api/v1/workorders/${r.inspectionWorkOrder.id}`);
    expect(visit.json()).toMatchObject({ state: 'cancelled' });
    expect(visit.json().cancelReason).toContain('已在门店完成质量检测（使用不当）');
    expect(
      (await (await as('clerk')).get(`/api/v1/returns/${r.id}`)).json().inspectionWorkOrder,
    ).toMatchObject({
      state: 'cancelled',
      done: false,
    });
  });

  it('RET-7: an in-store inspection by one who may not cancel the visit is refused whole (403), the visit and the claim unchanged', async () => {
    kefu.clock.set(sh('2026-03-10T10:00:00'));
    const o = await order('clerk_b', {
      unitId: org.storeB.id,
      orderedAt: '2026-03-01T10:00:00',
      deliveredAt: '2026-03-05T15:00:00',
    });
    const agent = await as('clerk_b');
    const r = (
      await agent.post('/api/v1/returns', {
        orderLineId: o.lines[0]!.id,
        kind: 'return',
        reason: 'quality',
        reasonDetail: '桌腿开裂',
      })
    ).json();
    expect(r.inspectionWorkOrder).toMatchObject({ state: 'new' });
    const res = await agent.post(`/api/v1/returns/${r.id}/inspection`, { finding: 'defect', inStore: {} });
    expect(res.statusCode, res.body).toBe(403);
    const after = (await agent.get(`/api/v1/returns/${r.id}`)).json();
    expect(after).toMatchObject({
      inspection: null,
      inspectedInStore: false,
      inspectionWorkOrder: { state: 'new' },
    });
  });

  it('RET-2: a cancellation after 48 h pays the 10 % fee; the general manager signs and the service centre is told at once', async () => {
    kefu.clock.set(sh('2026-03-04T09:00:00'));
    const o = await order('clerk', { orderedAt: '2026-03-01T10:00:00' });
    const clerk = await as('clerk');
    const r = (
      await clerk.post('/api/v1/returns', {
        orderLineId: o.lines[0]!.id,
        kind: 'cancel',
        reason: 'change_of_mind',
        reasonDetail: '搬家取消',
      })
    ).json();
    expect(r.decision).toMatchObject({ rule: 'RET-2', feeFen: 86_000, refundFen: 774_000 });
    expect(r.decision.explanation.zh).toBe(
      'RET-2：下单 2026-03-01 10:00，申请取消 2026-03-04 09:00，相隔 71 小时，超过 48 小时，收取 10% 取消费 ¥860.00，退款 ¥7740.00',
    );
    await clerk.post(`/api/v1/returns/${r.id}/documents`, {
      documents: ['sales_order', 'receipt_or_invoice'],
    });
    await clerk.post(`/api/v1/returns/${r.id}/signature`, { onPaper: true });
    const submitted = (await clerk.post(`/api/v1/returns/${r.id}/submit`)).json();
    expect(submitted.approval.currentStage).toBe('general_manager');
    expect(
      (await (await as('gm')).post(`/api/v1/approvals/${submitted.approval.id}/approve`)).statusCode,
    ).toBe(200);
    const after = (await clerk.get(`/api/v1/returns/${r.id}`)).json();
    expect(after.serviceCentreNotifiedAt).toBe(kefu.clock.now().toISOString());
    const notices = (await (await as('centre')).get('/api/v1/notifications?pageSize=50')).json().items as {
      kind: string;
      subjectId: string;
    }[];
    expect(notices.some((n) => n.kind === 'cancellation_signed' && n.subjectId === r.id)).toBe(true);
    expect(
      (await (await as('fin')).post(`/api/v1/approvals/${submitted.approval.id}/approve`)).statusCode,
    ).toBe(200);
    expect((await clerk.get(`/api/v1/returns/${r.id}`)).json().state).toBe('approved');
    // Another store's staff cannot tell this store's customer: they do not see the request.
    expect((await (await as('clerk_b')).post(`/api/v1/returns/${r.id}/refund-notice`)).statusCode).toBe(404);
    const notice = await clerk.post(`/api/v1/returns/${r.id}/refund-notice`);
    expect(notice.json()).toMatchObject({ state: 'refund_notified' });
    const [sms] = await noticesOf(r.id);
    expect(sms!.body).toContain('退款金额7740.00元');
  });

  it('RET-2: a customer without a mobile number gets no refund SMS and the request says so', async () => {
    kefu.clock.set(sh('2026-03-04T09:00:00'));
    const o = await order('clerk', { orderedAt: '2026-03-03T10:00:00', customerPhone: '021-64005678' });
    const clerk = await as('clerk');
    const r = (
      await clerk.post('/api/v1/returns', {
        orderLineId: o.lines[0]!.id,
        kind: 'cancel',
        reason: 'change_of_mind',
        reasonDetail: '买重复了',
      })
    ).json();
    expect(r.decision).toMatchObject({ rule: 'RET-2', feeFen: 0, refundFen: 860_000 });
    await clerk.post(`/api/v1/returns/${r.id}/documents`, {
      documents: ['sales_order', 'receipt_or_invoice'],
    });
    await clerk.post(`/api/v1/returns/${r.id}/signature`, { onPaper: true });
    const approvalId = (await clerk.post(`/api/v1/returns/${r.id}/submit`)).json().approval.id;
    for (const who of ['gm', 'fin'])
      expect((await (await as(who)).post(`/api/v1/approvals/${approvalId}/approve`)).statusCode).toBe(200);
    const notice = await clerk.post(`/api/v1/returns/${r.id}/refund-notice`);
    expect(notice.statusCode, notice.body).toBe(200);
    expect(notice.json()).toMatchObject({
      state: 'refund_notified',
      refundNotice: { messageId: null, skipped: 'no_mobile' },
    });
    expect(await noticesOf(r.id)).toEqual([]);
    const [entry] = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, r.id), eq(auditLog.action, 'return.refund_notified')));
    expect(entry!.after).toMatchObject({ refundNoticeSkipped: 'no_mobile', refundNoticeMessageId: null });
  });

  it('RET-2 / RET-8: the inbox pages the requester’s own open requests (mine) with their total, newest change first', async () => {
    kefu.clock.set(sh('2026-03-12T09:00:00'));
    const filed: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const o = await order('clerk_b', { unitId: org.storeB.id, orderedAt: '2026-03-11T10:00:00' });
      const agent = await as('clerk_b');
      const r = (
        await agent.post('/api/v1/returns', {
          orderLineId: o.lines[0]!.id,
          kind: 'cancel',
          reason: 'change_of_mind',
          reasonDetail: `第 ${i + 1} 单不要了`,
        })
      ).json();
      await agent.post(`/api/v1/returns/${r.id}/documents`, { documents: r.requiredDocuments });
      await agent.post(`/api/v1/returns/${r.id}/signature`, { onPaper: true });
      const submitted = await agent.post(`/api/v1/returns/${r.id}/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
      filed.push(submitted.json().approval.id);
      kefu.clock.set(new Date(kefu.clock.now().getTime() + 60_000));
    }
    const agent = await as('clerk_b');
    const first = (await agent.get('/api/v1/approvals/inbox?minePageSize=2')).json();
    expect(first.mineTotal).toBe(3);
    expect(first.mine.map((m: { id: string }) => m.id)).toEqual([filed[2], filed[1]]);
    const second = (await agent.get('/api/v1/approvals/inbox?minePageSize=2&minePage=2')).json();
    expect(second.mine.map((m: { id: string }) => m.id)).toEqual([filed[0]]);
    expect(second.mineTotal).toBe(3);
    // The waiting page is paged apart: asking for its second page does not move "mine".
    const waitingPaged = (await agent.get('/api/v1/approvals/inbox?page=2&minePageSize=2')).json();
    expect(waitingPaged.mine).toHaveLength(2);
    expect((await agent.get('/api/v1/approvals/inbox?minePageSize=201')).statusCode).toBe(400);
  });

  it('RET-6: a denied request cannot be submitted (422 returns.not_allowed)', async () => {
    const o = await order('clerk', { orderedAt: '2026-03-03T10:00:00', line: { clearance: true } });
    const clerk = await as('clerk');
    const r = (
      await clerk.post('/api/v1/returns', {
        orderLineId: o.lines[0]!.id,
        kind: 'cancel',
        reason: 'change_of_mind',
        reasonDetail: '不要了',
      })
    ).json();
    expect(r.decision).toMatchObject({ outcome: 'denied', rule: 'RET-6', refundFen: 0 });
    const res = await clerk.post(`/api/v1/returns/${r.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('returns.not_allowed');
  });

  it('RET-9: an online return within 30 days goes parcel received → shop administrator refunds → shop ERP → parcel tracking → logistics warehouse', async () => {
    kefu.clock.set(sh('2026-03-31T10:00:00'));
    const clerk = await as('clerk');
    const placed = await clerk.post('/api/v1/orders', {
      unitId: org.storeA.id,
      orderNo: `TM-${++orderSeq}`,
      channel: 'online',
      customerName: '王建国',
      customerPhone: '13800138000',
      orderedAt: iso('2026-02-27T10:00:00'),
      paidAt: iso('2026-02-27T10:00:00'),
      deliveredAt: iso('2026-03-01T12:00:00'),
      lines: [{ product: '床头柜', priceFen: 59_900, paidFen: 59_900 }],
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const created = await clerk.post('/api/v1/returns', {
      orderLineId: placed.json().lines[0].id,
      kind: 'return',
      reason: 'change_of_mind',
      reasonDetail: '颜色与图片不符',
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r.decision).toMatchObject({ outcome: 'allowed', rule: 'RET-9', refundFen: 59_900 });
    expect(r.decision.explanation.zh).toContain('第 30 天申请');
    await clerk.post(`/api/v1/returns/${r.id}/documents`, { documents: r.requiredDocuments });
    const submitted = await clerk.post(`/api/v1/returns/${r.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const approval = submitted.json().approval;
    expect(approval.stages.map((s: { key: string }) => s.key)).toEqual([
      'parcel_received',
      'shop_refund',
      'shop_erp_logged',
      'parcel_tracking',
      'logistics_warehouse',
    ]);
    // The store's chain is not used: its finance clerk has no step here, nor the warehouse yet.
    expect((await (await as('fin')).post(`/api/v1/approvals/${approval.id}/approve`)).json().code).toBe(
      'approvals.not_your_step',
    );
    expect((await (await as('wh')).post(`/api/v1/approvals/${approval.id}/approve`)).json().code).toBe(
      'approvals.not_your_step',
    );
    for (const who of ['centre', 'shopadm', 'shopadm', 'tracker', 'wh']) {
      const res = await (await as(who)).post(`/api/v1/approvals/${approval.id}/approve`);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
    }
    const done = (await clerk.get(`/api/v1/returns/${r.id}`)).json();
    expect(done.state).toBe('approved');
    expect(done.approval.steps.map((s: { stage: string; by: string }) => `${s.stage}:${s.by}`)).toEqual([
      `parcel_received:${people.centre!.id}`,
      `shop_refund:${people.shopadm!.id}`,
      `shop_erp_logged:${people.shopadm!.id}`,
      `parcel_tracking:${people.tracker!.id}`,
      `logistics_warehouse:${people.wh!.id}`,
    ]);

    // Day 31 is refused, an exchange as much as a return.
    kefu.clock.set(sh('2026-04-01T10:00:00'));
    const late = await (
      await as('clerk')
    ).post('/api/v1/returns/preview', {
      orderLineId: placed.json().lines[0].id,
      kind: 'exchange',
      reason: 'change_of_mind',
    });
    expect(late.json()).toMatchObject({ outcome: 'denied', rule: 'RET-9' });
  });

  it('RET-9: a database seeded before the online chains gets them from migration 0049, after its own chains', async () => {
    const root = org.hq.path[0] as string;
    const online = and(
      eq(approvalChains.unitId, root),
      inArray(approvalChains.kind, ['online_return', 'online_exchange']),
    );
    // As if they had never been seeded (a request above keeps its chain row: set aside, not deleted).
    await kefu.deps.db
      .update(approvalChains)
      .set({ kind: sql`${approvalChains.kind} || '_set_aside'` })
      .where(online);
    const before = await kefu.deps.db.select().from(approvalChains).where(eq(approvalChains.unitId, root));
    const last = Math.max(...before.map((c) => c.position));
    const file = migrationPath('online_return_chains.sql');
    // The migration's first statement seeds the chains (the second is about permissions).
    const seed = readFileSync(file, 'utf8').split('--> statement-breakpoint')[0]!;
    await kefu.deps.db.execute(sql.raw(seed));
    // Run twice: the second adds nothing.
    await kefu.deps.db.execute(sql.raw(seed));
    const added = await kefu.deps.db.select().from(approvalChains).where(online);
    expect(added.map((c) => [c.kind, c.position]).sort()).toEqual([
      ['online_exchange', last + 2],
      ['online_return', last + 1],
    ]);
    const shipped = DEFAULT_APPROVAL_CHAINS.find((c) => c.subjectType === 'online_return')!;
    expect(added.find((c) => c.kind === 'online_return')!.stages).toEqual(shipped.stages);
  });

  it('delegates: an approver away is stood in for, and the step says on whose behalf', async () => {
    kefu.clock.set(sh('2026-03-10T10:00:00'));
    const away = await (
      await as('head')
    ).post('/api/v1/approvals/delegations', {
      toUserId: people.deputy!.id,
      startsAt: iso('2026-03-10T00:00:00'),
      endsAt: iso('2026-03-20T00:00:00'),
      reason: '出差',
    });
    expect(away.statusCode, away.body).toBe(201);
    const o = await order('clerk', { orderedAt: '2026-03-08T10:00:00', deliveredAt: '2026-03-09T10:00:00' });
    const clerk = await as('clerk');
    const r = (
      await clerk.post('/api/v1/returns', {
        orderLineId: o.lines[0]!.id,
        kind: 'exchange',
        reason: 'change_of_mind',
        reasonDetail: '想换大一号',
      })
    ).json();
    await clerk.post(`/api/v1/returns/${r.id}/documents`, { documents: r.requiredDocuments });
    await clerk.post(`/api/v1/returns/${r.id}/signature`, { onPaper: true });
    const approvalId = (await clerk.post(`/api/v1/returns/${r.id}/submit`)).json().approval.id;
    await (await as('tech')).post(`/api/v1/approvals/${approvalId}/approve`);
    const waiting = (await (await as('deputy')).get('/api/v1/approvals/inbox')).json().waiting as {
      id: string;
    }[];
    expect(waiting.map((w) => w.id)).toContain(approvalId);
    const done = await (await as('deputy')).post(`/api/v1/approvals/${approvalId}/approve`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().steps.at(-1)).toMatchObject({ stage: 'division_head', onBehalfOf: people.head!.id });
  });
});

describe('return policy versions', () => {
  it('RET-10: a new version cannot start in the past (400 returns.policy_backdated)', async () => {
    const res = await (
      await as('centre')
    ).post('/api/v1/returns/policies', {
      unitId: org.storeA.id,
      effectiveFrom: new Date(kefu.clock.now().getTime() - 3_600_000).toISOString(),
      freeCancellationHours: 24,
      cancellationFeePercent: 20,
      returnDays: 3,
      onlineReturnDays: 15,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('returns.policy_backdated');
  });

  it('RET-10 (property): the same stored facts and policy version give the same decision after any policy change', async () => {
    let day = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          hoursAgo: fc.integer({ min: 1, max: 24 * 12 }),
          kind: fc.constantFrom('cancel', 'return', 'exchange'),
          delivered: fc.boolean(),
          hours: fc.integer({ min: 0, max: 96 }),
          fee: fc.integer({ min: 0, max: 100 }),
          days: fc.integer({ min: 0, max: 30 }),
        }),
        async (p) => {
          // Each run on its own day, so every new version starts after the previous run's decision.
          kefu.clock.set(new Date(sh('2026-04-01T10:00:00').getTime() + ++day * 86_400_000));
          const now = kefu.clock.now().getTime();
          const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);
          const o = await order('clerk', {
            orderedAt: local(now - p.hoursAgo * 3_600_000),
            deliveredAt: p.delivered ? local(now - Math.floor(p.hoursAgo / 2) * 3_600_000) : null,
          });
          const created = await (
            await as('clerk')
          ).post('/api/v1/returns', {
            orderLineId: o.lines[0]!.id,
            kind: p.kind,
            reason: 'change_of_mind',
            reasonDetail: '性质测试',
          });
          expect(created.statusCode, created.body).toBe(201);
          const before = created.json().decision;
          const change = await (
            await as('centre')
          ).post('/api/v1/returns/policies', {
            unitId: org.storeA.id,
            effectiveFrom: new Date(now).toISOString(),
            freeCancellationHours: p.hours,
            cancellationFeePercent: p.fee,
            returnDays: p.days,
            onlineReturnDays: p.days,
          });
          expect(change.statusCode, change.body).toBe(201);
          kefu.clock.advanceBy(3_600_000);
          const after = (await (await as('clerk')).get(`/api/v1/returns/${created.json().id}`)).json()
            .decision;
          expect(after).toEqual(before);
          const [row] = await kefu.deps.db
            .select()
            .from(returnRequests)
            .where(eq(returnRequests.id, created.json().id));
          expect(rederive(row!)).toEqual(row!.decision);
        },
      ),
      { numRuns: 8 },
    );
    // The versions were really used: a request now is decided under the latest one.
    const list = (await (await as('clerk')).get(`/api/v1/returns/policies?unitId=${org.storeA.id}`)).json();
    expect(list.items.length).toBe(8);
    expect(list.inForce.version).toBe('v8');
  });

  it('the "what would happen" tester decides any facts against the version in force or a draft', async () => {
    const tester = await as('clerk');
    const body = {
      // Before the versions the property test added (April): the shipped default is in force.
      unitId: org.storeA.id,
      at: iso('2026-03-03T10:01:00'),
      line: {
        channel: 'store',
        fulfilment: 'delivery',
        priceFen: 100_000,
        paidFen: 100_000,
        custom: false,
        clearance: false,
        specialOffer: false,
        orderedAt: iso('2026-03-01T10:00:00'),
        paidAt: iso('2026-03-01T10:00:00'),
        handedOverAt: null,
        packaging: 'unopened',
        intact: true,
      },
      kind: 'cancel',
      reason: 'change_of_mind',
      inspection: null,
      customerInsists: false,
    };
    const res = await tester.post('/api/v1/returns/policies/test', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rule: 'RET-2', feeFen: 10_000, policyVersion: 'default' });
    const draft = await tester.post('/api/v1/returns/policies/test', {
      ...body,
      draft: { freeCancellationHours: 72, cancellationFeePercent: 10, returnDays: 7, onlineReturnDays: 30 },
    });
    expect(draft.json()).toMatchObject({ feeFen: 0, policyVersion: 'draft' });
  });
});
