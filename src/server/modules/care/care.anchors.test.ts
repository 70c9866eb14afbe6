import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { outboxMessages } from '../messages/messages.table';
import { surveyInvitations } from '../surveys/surveys.table';
import { acceptance, buildWorkOrderWorld, login } from '../workorders/workorders.test-world';
import { runCareDay } from './care.daily';
import { careTasks } from './care.table';

/** CARE-1: care anchored on the right person and date (issue 18, item 4). */
describe('CARE-1 anchors: the vehicle leaving the shop, the sale, the letter actually sent', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  const s: Record<string, HttpSession> = {};

  beforeAll(async () => {
    kefu = await createTestKefu();
    kefu.clock.set(new Date('2026-03-03T08:00:00+08:00'));
    world = await buildWorkOrderWorld(kefu, 'ca');
    await relogin();
  });
  const relogin = async () => {
    for (const k of ['sup', 'tech', 'agent', 'mgr']) s[k] = await login(kefu, `ca${k}`);
  };
  /** Moves the clock; sessions older than that expire, so everyone logs in again. */
  const moveTo = async (at: string) => {
    kefu.clock.set(new Date(at));
    await relogin();
  };
  afterAll(() => kefu.close());

  const tasksOf = (customerId: string) =>
    kefu.deps.db.select().from(careTasks).where(eq(careTasks.customerId, customerId));

  /** An in-warranty repair done on site, by the world's technician. */
  async function finishedRepair(problem: string) {
    const created = await s.sup!.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      assetId: world.inWarrantyAssetId,
      problem,
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/v1/workorders/${created.json().id}`;
    expect((await s.sup!.post(`${url}/assign`, { technicianId: world.people.tech.id })).statusCode).toBe(200);
    await s.sup!.post(`${url}/appointment`, {
      start: '2026-03-03T09:00:00+08:00',
      end: '2026-03-03T11:00:00+08:00',
      customerAgreed: true,
    });
    await s.tech!.post(`${url}/checklist`, {
      partsPrepared: true,
      documentsPrinted: true,
      addressConfirmed: true,
      arrivalTimeConfirmed: true,
    });
    expect((await s.tech!.post(`${url}/depart`, {})).statusCode).toBe(200);
    await s.tech!.post(`${url}/arrive`, {});
    return { id: created.json().id as string, number: created.json().number as string, url };
  }

  it('CARE-1: the 30-minute SMS follows 出厂 recorded by the front-desk advisor and names the advisor, not the technician', async () => {
    const order = await finishedRepair('空调不制冷');
    // Not finished yet: nothing can leave the shop.
    const early = await s.agent!.post('/api/v1/care/departures', { workOrderNumber: order.number });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('care.work_not_done');
    const done = await s.tech!.post(`${order.url}/finish`, {
      workDone: '清洗冷凝器，补充冷媒',
      minutesSpent: 50,
      diagnosis: { finding: 'component_failure', note: '冷媒不足' },
      acceptance: acceptance(),
    });
    expect(done.statusCode, done.body).toBe(200);
    // The technician finishing is not the vehicle leaving: no SMS yet.
    const sms = async () =>
      (await tasksOf(world.customerId)).filter(
        (t) => t.ruleCode === 'service_done_sms' && t.sourceId === order.id,
      );
    expect(await sms()).toEqual([]);

    await moveTo('2026-03-03T15:00:00+08:00');
    const left = await s.agent!.post('/api/v1/care/departures', {
      workOrderNumber: order.number,
      leftAt: '2026-03-03T14:50:00+08:00',
    });
    expect(left.statusCode, left.body).toBe(201);
    expect(left.json()).toMatchObject({ workOrderId: order.id, advisorId: world.people.agent.id });
    const [task, ...more] = await sms();
    expect(more).toEqual([]);
    expect(task).toMatchObject({ state: 'sent', employeeId: world.people.agent.id });
    // Due within 30 minutes of leaving (at once).
    expect(task!.dueAt.getTime() - Date.parse('2026-03-03T14:50:00+08:00')).toBeLessThanOrEqual(30 * 60_000);
    const [message] = await kefu.deps.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, task!.messageId!));
    expect(message!.body).toContain('服务顾问caagent');
    expect(message!.body).not.toContain('catech');

    const again = await s.agent!.post('/api/v1/care/departures', { workOrderNumber: order.number });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('care.already_left');
    const unknown = await s.agent!.post('/api/v1/care/departures', { workOrderNumber: 'NOPE-1' });
    expect(unknown.json().code).toBe('care.work_order_not_found');
    const audit = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'care.left_shop_recorded'), eq(auditLog.subjectId, order.id)));
    expect(audit).toHaveLength(1);
  });

  it('CARE-1: a retail sale is called within 24 hours with the store satisfaction form; the second call is on the 7th day after the letter was actually sent', async () => {
    await moveTo('2026-03-10T19:40:00+08:00');
    const customer = await s.mgr!.post('/api/v1/customers', {
      unitId: world.store.id,
      name: '陈先生',
      phones: [{ number: '13912340018' }],
    });
    const customerId = customer.json().id as string;
    const sold = await s.mgr!.post('/api/v1/orders', {
      unitId: world.store.id,
      customerId,
      orderNo: 'CARE18-R1',
      orderedAt: '2026-03-10T19:30:00+08:00',
      lines: [{ product: '洗碗机', priceFen: 399900, paidFen: 399900 }],
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const rows = await tasksOf(customerId);
    const call = rows.find((r) => r.ruleCode === 'retail_sale_call')!;
    expect(call).toMatchObject({ sourceType: 'order', sourceId: sold.json().id, state: 'open' });
    // Counted from the sale: next morning 09:00, inside 24 hours — not "purchase date + 1 day".
    expect(call.dueAt.toISOString()).toBe(new Date('2026-03-11T09:00:00+08:00').toISOString());
    expect(call.surveyTemplateCode).toBe('retail_store_satisfaction');
    const [invitation] = await kefu.deps.db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.id, call.surveyInvitationId!));
    expect(invitation).toBeDefined();
    // The form the agent fills in during the call (CARE-5): the manual's five points.
    const form = await s.mgr!.get(`/api/v1/surveys/invitations/${call.surveyInvitationId}`);
    expect(form.statusCode, form.body).toBe(200);
    const labels = JSON.stringify(form.json());
    for (const q of ['门店环境', '购物过程', '服务态度', '商品及安装', '送货']) expect(labels).toContain(q);

    const letter = rows.find((r) => r.ruleCode === 'retail_thank_you_letter')!;
    expect(letter.channel).toBe('letter');
    expect(rows.some((r) => r.ruleCode === 'retail_second_call')).toBe(false);

    // A call task cannot be "sent"; a letter sent in the future is refused.
    expect((await s.mgr!.post(`/api/v1/care/tasks/${call.id}/letter-sent`, {})).json().code).toBe(
      'care.task_not_a_letter',
    );
    await moveTo('2026-03-16T18:00:00+08:00');
    const future = await s.mgr!.post(`/api/v1/care/tasks/${letter.id}/letter-sent`, {
      sentAt: '2026-03-17T10:00:00+08:00',
    });
    expect(future.json().code).toBe('care.time_in_future');
    const sent = await s.mgr!.post(`/api/v1/care/tasks/${letter.id}/letter-sent`, {
      sentAt: '2026-03-16T11:00:00+08:00',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().state).toBe('done');
    const second = (await tasksOf(customerId)).find((r) => r.ruleCode === 'retail_second_call')!;
    // 16 March + 7 days = 23 March (the old rule said purchase + 10 days = 20 March).
    expect(second).toMatchObject({ dueDate: '2026-03-23', sourceType: 'care', sourceId: letter.id });
    const twice = await s.mgr!.post(`/api/v1/care/tasks/${letter.id}/letter-sent`, {});
    expect(twice.json().code).toBe('care.task_not_open');
  });

  it('CARE-1: the 3-month residence follow-up counts from the estate’s main move-in date, one date for every house; the follow-up table and its export list them', async () => {
    // Earlier tests moved the clock: the administrator logs in afresh.
    const admin = await kefu.login('admin');
    const estate = world.org.storeB.id;
    const owner = async (name: string, phone: string, room: string, bought: string) => {
      const res = await admin.post('/api/v1/customers', {
        unitId: estate,
        name,
        phones: [{ number: phone }],
        assets: [{ kind: 'house', name: '桂语兰庭', number: room, purchaseDate: bought }],
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const early = await owner('林先生', '13912340181', '3-1201', '2025-12-01');
    const late = await owner('周女士', '13912340182', '5-0802', '2026-04-20');
    const bad = await admin.request('PUT', `/api/v1/care/units/${estate}/estate`, {
      moveInDate: '2026-13-01',
    });
    expect(bad.statusCode).toBe(400);
    const set = await admin.request('PUT', `/api/v1/care/units/${estate}/estate`, {
      moveInDate: '2026-05-01',
    });
    expect(set.statusCode, set.body).toBe(200);
    // Each purchase + 3 months (the old anchor) brings nothing.
    await runCareDay(kefu.deps, estate, '2026-03-01');
    await runCareDay(kefu.deps, estate, '2026-07-20');
    const residence = async (c: string) =>
      (await tasksOf(c)).filter((t) => t.ruleCode === 'real_estate_residence');
    expect(await residence(early)).toEqual([]);
    expect(await residence(late)).toEqual([]);
    // Move-in 1 May + 3 months = 1 August, for both houses.
    await runCareDay(kefu.deps, estate, '2026-08-01');
    expect((await residence(early)).map((t) => t.dueDate)).toEqual(['2026-08-01']);
    expect((await residence(late)).map((t) => t.dueDate)).toEqual(['2026-08-01']);

    const table = await admin.get(`/api/v1/care/units/${estate}/estate/follow-ups`);
    expect(table.statusCode, table.body).toBe(200);
    expect(table.json()).toMatchObject({
      moveInDate: '2026-05-01',
      summary: { houses: 2, open: 2, reached: 0 },
    });
    expect(
      table
        .json()
        .items.map((i: { house: string }) => i.house)
        .sort(),
    ).toEqual(['桂语兰庭 3-1201', '桂语兰庭 5-0802']);
    const file = await admin.get(`/api/v1/care/estate-follow-ups/export.xlsx?unitId=${estate}`);
    expect(file.statusCode).toBe(200);
    const audit = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'care.estate_saved'), eq(auditLog.subjectId, estate)));
    expect(audit).toHaveLength(1);
  });
});
