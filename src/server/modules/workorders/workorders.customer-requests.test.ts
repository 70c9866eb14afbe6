import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { acceptance, buildWorkOrderWorld, login } from './workorders.test-world';

// The clock starts on Monday 2026-03-02 10:00 in Shanghai.
describe('customer requests through the work-order link, fault cause and charges before completion', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  let sup: HttpSession;
  let tech: HttpSession;
  let customer: HttpSession;

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'cr');
    sup = await login(kefu, 'crsup');
    tech = await login(kefu, 'crtech');
    customer = new (sup.constructor as new (app: unknown) => HttpSession)(kefu.app);
  });
  afterAll(() => kefu.close());

  /** An order booked for Tuesday 09:00–11:00, in warranty (class C) unless `charged`, and its link. */
  const booked = async (opts: { charged?: boolean } = {}) => {
    const created = await sup.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      assetId: opts.charged ? world.outOfWarrantyAssetId : world.inWarrantyAssetId,
      problem: '空调不制冷',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const url = `/api/v1/workorders/${id}`;
    await sup.post(`${url}/assign`, { technicianId: world.people.tech.id });
    await sup.post(`${url}/appointment`, {
      start: '2026-03-03T09:00:00+08:00',
      end: '2026-03-03T11:00:00+08:00',
      customerAgreed: true,
    });
    const link = await sup.post(`${url}/customer-link`, {});
    return { id, url, token: link.json().token as string, serviceClass: created.json().serviceClass };
  };
  const ask = (token: string, body: unknown) =>
    customer.post(`/api/v1/public/workorders/${token}/requests`, body);
  const laterWindows = [
    { start: '2026-03-05T14:00:00+08:00', end: '2026-03-05T16:00:00+08:00' },
    { start: '2026-03-06T09:00:00+08:00', end: '2026-03-06T11:00:00+08:00' },
  ];

  it('REP-3: the customer asks for another time; staff see 需确认 and confirm it through the reschedule', async () => {
    const { id, url, token } = await booked();
    const asked = await ask(token, { kind: 'reschedule', windows: laterWindows, note: '周二要上班' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ kind: 'reschedule', state: 'pending' });

    // The same kind again while it waits: 409; the page no longer offers it.
    const again = await ask(token, { kind: 'reschedule', windows: laterWindows });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('workorders.customer_request_pending');
    const page = (await customer.get(`/api/v1/public/workorders/${token}`)).json();
    expect(page.canRequest).toEqual({ reschedule: false, cancel: true });
    expect(page.requests).toMatchObject([{ kind: 'reschedule', state: 'pending', note: '周二要上班' }]);

    // Staff: the list row carries the badge, the detail the request.
    const list = (await sup.get(`/api/v1/workorders?q=${(await sup.get(url)).json().number}`)).json();
    expect(list.items[0].pendingCustomerRequests).toEqual(['reschedule']);
    const detail = (await sup.get(url)).json();
    const request = detail.customerRequests[0];
    expect(request).toMatchObject({
      kind: 'reschedule',
      state: 'pending',
      windows: laterWindows.map((w) => ({
        start: new Date(w.start).toISOString(),
        end: new Date(w.end).toISOString(),
      })),
    });

    // The audit trail names the customer (through the link), not a member of staff.
    const audit = (await world.admin.get(`/api/v1/audit?subjectType=work_order&subjectId=${id}`)).json();
    const row = audit.items.find((e: { action: string }) => e.action === 'workorder.customer_request');
    expect(row).toMatchObject({ actor: null, actorOrigin: 'customer_link' });

    const confirmed = await sup.post(`${url}/customer-requests/${request.id}/confirm`, laterWindows[1]);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().appointment).toMatchObject({
      start: new Date(laterWindows[1]!.start).toISOString(),
      end: new Date(laterWindows[1]!.end).toISOString(),
    });
    expect(confirmed.json().pendingCustomerRequests).toEqual([]);
    const history = (await sup.get(`${url}/appointments`)).json().items;
    expect(history.at(-1)).toMatchObject({
      kind: 'rescheduled',
      customerConsent: true,
      reason: '客户申请改约：周二要上班',
    });
    // Decided once only.
    expect(
      (await sup.post(`${url}/customer-requests/${request.id}/confirm`, laterWindows[0])).json().code,
    ).toBe('workorders.customer_request_decided');
    // The customer's page shows the outcome.
    const after = (await customer.get(`/api/v1/public/workorders/${token}`)).json();
    expect(after.requests[0]).toMatchObject({
      state: 'confirmed',
      booked: { start: new Date(laterWindows[1]!.start).toISOString() },
    });
    expect(after.appointment.start).toBe(new Date(laterWindows[1]!.start).toISOString());
  });

  it('REP-3: the customer asks to cancel; staff decline with a reason, then confirm a second request', async () => {
    const { url, token } = await booked();
    const asked = await ask(token, { kind: 'cancel', reason: '已经自己修好了' });
    expect(asked.statusCode, asked.body).toBe(201);
    const first = (await sup.get(url)).json().customerRequests[0];
    const declined = await sup.post(`${url}/customer-requests/${first.id}/decline`, {
      reason: '配件已领出，请先联系门店',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const page = (await customer.get(`/api/v1/public/workorders/${token}`)).json();
    expect(page.requests[0]).toMatchObject({ state: 'declined', declineReason: '配件已领出，请先联系门店' });
    expect(page.canRequest.cancel).toBe(true);

    await ask(token, { kind: 'cancel', reason: '确实不需要了' });
    const second = (await sup.get(url))
      .json()
      .customerRequests.find((r: { state: string }) => r.state === 'pending');
    const cancelled = await sup.post(`${url}/customer-requests/${second.id}/confirm`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      state: 'cancelled',
      cancelReason: '客户申请取消：确实不需要了',
    });
    // The customer still reads their page: cancelled, as asked.
    const after = (await customer.get(`/api/v1/public/workorders/${token}`)).json();
    expect(after).toMatchObject({ state: 'cancelled', canRequest: { reschedule: false, cancel: false } });
    expect(after.requests[0]).toMatchObject({ kind: 'cancel', state: 'confirmed' });
    // REP-3: nothing more can be asked of a cancelled order.
    const late = await ask(token, { kind: 'reschedule', windows: laterWindows });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('workorders.customer_request_order_closed');
  });

  it('PORTAL-2: bad input — a past time is 400, a wrong token 404, a technician cannot confirm, the link takes a bounded number', async () => {
    const { url, token } = await booked();
    const past = await ask(token, {
      kind: 'reschedule',
      windows: [{ start: '2026-03-01T09:00:00+08:00', end: '2026-03-01T10:00:00+08:00' }],
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('workorders.customer_request_window_in_past');
    expect((await ask(token, { kind: 'reschedule', windows: [] })).statusCode).toBe(400);
    expect((await ask(token, { kind: 'cancel', reason: '' })).statusCode).toBe(400);
    const wrong = await ask('A'.repeat(43), { kind: 'cancel', reason: '不需要了' });
    expect(wrong.statusCode).toBe(404);

    await ask(token, { kind: 'cancel', reason: '再想想' });
    const request = (await sup.get(url)).json().customerRequests[0];
    expect((await tech.post(`${url}/customer-requests/${request.id}/confirm`, {})).statusCode).toBe(403);
    const otherOrder = await booked();
    expect(
      (await sup.post(`${otherOrder.url}/customer-requests/${request.id}/decline`, { reason: 'x' }))
        .statusCode,
    ).toBe(404);
    // Declined and asked again until the order's cap.
    let last = 201;
    for (let i = 0; i < 8 && last !== 429; i++) {
      const pending = (await sup.get(url))
        .json()
        .customerRequests.find((r: { state: string }) => r.state === 'pending');
      if (pending) await sup.post(`${url}/customer-requests/${pending.id}/decline`, { reason: '请致电门店' });
      last = (await ask(token, { kind: 'cancel', reason: '还是取消吧' })).statusCode;
    }
    expect(last).toBe(429);
  });

  it('REP-5: completion is refused without the fault cause, and "other" needs words', async () => {
    const { url } = await booked();
    await onSite(url);
    const finish = (extra: object) =>
      tech.post(`${url}/finish`, {
        workDone: '更换电容',
        minutesSpent: 40,
        acceptance: acceptance(),
        ...extra,
      });
    const missing = await finish({});
    expect(missing.statusCode).toBe(409);
    expect(missing.json().code).toBe('workorders.fault_cause_required');
    const vague = await finish({ diagnosis: { finding: 'other' } });
    expect(vague.statusCode).toBe(400);
    expect(vague.json().code).toBe('workorders.fault_cause_note_required');
    const done = await finish({ diagnosis: { finding: 'component_failure', note: '启动电容鼓包' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      state: 'completed',
      diagnosis: { finding: 'component_failure', note: '启动电容鼓包', by: { id: world.people.tech.id } },
    });
    const print = (await sup.get(`${url}/print?form=feedback`)).json();
    expect(print.workOrder.diagnosis.finding).toBe('component_failure');
  });

  it('PAY-3, REP-5: a charged order completes only once the technician recorded its charges (the quote items, in fen)', async () => {
    const charged = await booked({ charged: true });
    expect(charged.serviceClass).toBe('A');
    // PAY-3: a charged order does not leave without a quote approved and signed by the customer.
    await tech.post(`${charged.url}/checklist`, {
      partsPrepared: true,
      documentsPrinted: true,
      addressConfirmed: true,
      arrivalTimeConfirmed: true,
    });
    expect((await tech.post(`${charged.url}/depart`, {})).json().code).toBe('workorders.quote_required');
    // In warranty (free), until the technician finds misuse on site (PAY-5): then it is charged.
    const { url } = await booked();
    await onSite(url);
    const visit = await tech.post(`${url}/visit`, {
      workDone: '清洗热交换器',
      minutesSpent: 50,
      diagnosis: { finding: 'misuse', note: '长期未除垢' },
    });
    expect(visit.json()).toMatchObject({ diagnosis: { finding: 'misuse' }, faultCause: 'misuse' });
    // The supervisor, told from site, makes it charged work (PAY-5: misuse is charged in warranty).
    const classed = await sup.post(`${url}/service-class`, {
      serviceClass: 'A',
      reason: '现场发现长期未除垢',
      opinion: { department: '售后服务部', givenBy: '技术员', proposedClass: 'A', reason: '人为损坏收费' },
    });
    expect(classed.json().serviceClass).toBe('A');
    expect((await tech.get(url)).json().allowedActions).toContain('charges');
    const noCharges = await tech.post(`${url}/finish`, {
      workDone: '清洗热交换器',
      minutesSpent: 50,
      acceptance: acceptance(),
    });
    expect(noCharges.statusCode).toBe(409);
    expect(noCharges.json().code).toBe('workorders.charges_required');
    // PAY-3: charges found on site above the small-charge threshold need the approvals and the
    // customer's signature on the quote before the visit is signed off.
    const large = await tech.request('PUT', `${url}/quote`, {
      lines: [{ kind: 'part', name: '热交换器', quantity: 1, unitPriceFen: 38000 }],
    });
    expect(large.statusCode, large.body).toBe(200);
    const unapproved = await tech.post(`${url}/finish`, {
      workDone: '清洗热交换器',
      minutesSpent: 50,
      acceptance: acceptance(),
    });
    expect(unapproved.json().code).toBe('workorders.quote_not_approved');
    // PAY-4: a small charge is collected on site, signed with the visit.
    const charges = await tech.request('PUT', `${url}/quote`, {
      lines: [
        { kind: 'service', name: '除垢清洗', quantity: 1, unitPriceFen: 8000 },
        { kind: 'part', name: '密封圈', quantity: 2, unitPriceFen: 1250 },
      ],
    });
    expect(charges.statusCode, charges.body).toBe(200);
    expect(charges.json().quote).toMatchObject({ totalFen: 10500, serviceFen: 8000, partsFen: 2500 });
    // Another technician of the store may not write this order's charges.
    const other = await login(kefu, 'crtech2');
    expect(
      (
        await other.request('PUT', `${url}/quote`, {
          lines: [{ kind: 'service', name: 'x', quantity: 1, unitPriceFen: 1 }],
        })
      ).statusCode,
    ).toBe(404);
    const done = await tech.post(`${url}/finish`, {
      workDone: '清洗热交换器',
      minutesSpent: 50,
      acceptance: acceptance(),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().state).toBe('completed');
  });

  const onSite = async (url: string) => {
    await tech.post(`${url}/checklist`, {
      partsPrepared: true,
      documentsPrinted: true,
      addressConfirmed: true,
      arrivalTimeConfirmed: true,
    });
    expect((await tech.post(`${url}/depart`, {})).json().state).toBe('en_route');
    expect((await tech.post(`${url}/arrive`, {})).json().state).toBe('on_site');
  };
});
