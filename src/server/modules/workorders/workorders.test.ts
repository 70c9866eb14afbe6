import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onBusinessEvent, type BusinessEvent } from '../../app/business-events';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { acceptance, buildWorkOrderWorld, login } from './workorders.test-world';

const events: BusinessEvent[] = [];
onBusinessEvent('workorder.completed', 'workorders-test', async (_d, _t, e) => void events.push(e));
onBusinessEvent('workorder.closed', 'workorders-test', async (_d, _t, e) => void events.push(e));

describe('work orders over HTTP (REP-1…REP-7, SLA-6, SAT-1)', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  let sup: HttpSession;
  let tech: HttpSession;
  let agent: HttpSession;

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'wo');
    sup = await login(kefu, 'wosup');
    tech = await login(kefu, 'wotech');
    agent = await login(kefu, 'woagent');
    const profile = await sup.request('PUT', `/api/v1/workorders/technicians/${world.people.tech.id}`, {
      unitId: world.store.id,
      skills: ['空调'],
      areas: ['徐汇'],
    });
    expect(profile.statusCode).toBe(200);
  });
  afterAll(() => kefu.close());

  /** Moves the clock forward; sessions idle that long have expired, so everyone logs in again. */
  const moveTo = async (at: string) => {
    kefu.clock.set(new Date(at));
    sup = await login(kefu, 'wosup');
    tech = await login(kefu, 'wotech');
    agent = await login(kefu, 'woagent');
  };

  const createFromTicket = async (type = 'repair') => {
    const ticket = await agent.post('/api/v1/tickets', {
      unitId: world.store.id,
      type,
      channel: 'phone',
      subject: '空调不制冷',
      customerId: world.customerId,
      contactPhone: '13812345678',
      address: '上海市徐汇区漕溪北路 88 号 1201 室',
      assetId: world.inWarrantyAssetId,
    });
    expect(ticket.statusCode).toBe(201);
    const res = await agent.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      ticketId: ticket.json().id,
      problem: '空调开机后不制冷，外机不转',
      requiredSkill: '空调',
      area: '徐汇',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('REP-1: a work order from a repair ticket takes its customer, contact, asset; numbered per unit and day; SLA-6 targets run', async () => {
    const wo = await createFromTicket();
    expect(wo.number).toMatch(/^W20260302\d{5}$/);
    expect(wo.state).toBe('new');
    expect(wo.customer.name).toBe('王女士');
    expect(wo.contactPhone).toBe('138****5678'); // the agent is neither dispatcher nor technician (CUS-4)
    expect(wo.address).toContain('漕溪北路');
    expect(wo.asset.name).toBe('空调');
    expect(wo.ticket.subject).toBe('空调不制冷');
    expect(wo.serviceClass).toBe('C');
    expect(wo.serviceClassReason.code).toBe('in_warranty');
    expect(wo.sla.map((t: { code: string }) => t.code)).toEqual(['contact', 'solution', 'follow_up']);
    expect(wo.sla[0].state).toBe('on_track');
  });

  it('REP-1: the dispatch board shows the unassigned order and the technicians with skills, areas and load', async () => {
    const wo = await createFromTicket();
    const board = await sup.get(`/api/v1/workorders/dispatch-board?unitId=${world.store.id}&date=2026-03-03`);
    expect(board.statusCode).toBe(200);
    const b = board.json();
    expect(b.unassigned.map((o: { id: string }) => o.id)).toContain(wo.id);
    const t = b.technicians.find((x: { id: string }) => x.id === world.people.tech.id);
    expect(t).toMatchObject({ skills: ['空调'], areas: ['徐汇'], load: { visits: 0, minutesBooked: 0 } });
    // A technician of another store is not offered, nor the administrator, who holds every permission.
    expect(b.technicians.map((x: { id: string }) => x.id)).not.toContain(world.people.otherTech.id);
    const adminId = (await world.admin.get('/api/v1/me')).json().id as string;
    expect(b.technicians.map((x: { id: string }) => x.id)).not.toContain(adminId);
  });

  it('REP-1: an order assigned without a visit stays on the board under its technician, until a visit is booked', async () => {
    const wo = await createFromTicket();
    const url = `/api/v1/workorders/${wo.id}`;
    expect((await sup.post(`${url}/assign`, { technicianId: world.people.tech.id })).statusCode).toBe(200);
    const techOn = async (date: string) => {
      const board = await sup.get(`/api/v1/workorders/dispatch-board?unitId=${world.store.id}&date=${date}`);
      expect(board.statusCode, board.body).toBe(200);
      const b = board.json();
      expect(b.unassigned.map((o: { id: string }) => o.id)).not.toContain(wo.id);
      return b.technicians.find((x: { id: string }) => x.id === world.people.tech.id);
    };
    // Whatever day the board shows, the order waits for its call under the technician.
    for (const date of ['2026-03-03', '2026-03-10']) {
      const t = await techOn(date);
      expect(t.toBook.map((o: { id: string }) => o.id)).toEqual([wo.id]);
      expect(t.visits).toEqual([]);
    }
    const booked = await sup.post(`${url}/appointment`, {
      start: '2026-03-12T09:00:00+08:00',
      end: '2026-03-12T11:00:00+08:00',
      customerAgreed: true,
    });
    expect(booked.statusCode, booked.body).toBe(200);
    const t = await techOn('2026-03-12');
    expect(t.toBook).toEqual([]);
    expect(t.visits.map((o: { id: string }) => o.id)).toEqual([wo.id]);
    expect(t.load).toEqual({ visits: 1, minutesBooked: 120 });
  });

  it('REP-1…REP-7, SAT-1, SLA-6: the whole field path from assignment to closing, with events', async () => {
    const wo = await createFromTicket();
    const url = `/api/v1/workorders/${wo.id}`;
    // The technician sees nothing before being assigned (404, ORG-1).
    expect((await tech.get(url)).statusCode).toBe(404);

    const assigned = await sup.post(`${url}/assign`, { technicianId: world.people.tech.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ skillMissing: false, areaMismatch: false, conflicts: [] });
    expect(assigned.json().workOrder.state).toBe('assigned');

    const booked = await sup.post(`${url}/appointment`, {
      start: '2026-03-03T09:00:00+08:00',
      end: '2026-03-03T11:00:00+08:00',
      customerAgreed: true,
    });
    expect(booked.statusCode, booked.body).toBe(200);
    expect(booked.json().warnings).toEqual([]);
    const agreed = booked.json().workOrder;
    expect(agreed.state).toBe('appointment_agreed');
    // REP-2 / JRN-3: one hour before 09:00 is quiet time (contact from 09:00): the evening before, 19:30 CST.
    expect(agreed.appointment.reminderAt).toBe('2026-03-02T11:30:00.000Z');
    expect(agreed.sla[0].state).toBe('met'); // SLA-6: contacted within 1 working day

    // The technician's own list and phone view.
    const mine = await tech.get('/api/v1/workorders?mine=true&date=2026-03-03');
    expect(mine.json().items.map((o: { id: string }) => o.id)).toEqual([wo.id]);
    expect((await tech.get(url)).json().contactPhone).toBe('13812345678');

    // REP-4: no departure before the checklist.
    const early = await tech.post(`${url}/depart`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('workorders.checklist_incomplete');
    expect(
      (
        await tech.post(`${url}/checklist`, {
          partsPrepared: true,
          documentsPrinted: true,
          addressConfirmed: true,
          arrivalTimeConfirmed: true,
        })
      ).statusCode,
    ).toBe(200);
    await moveTo('2026-03-03T08:40:00+08:00');
    expect((await tech.post(`${url}/depart`, {})).json().state).toBe('en_route');
    await moveTo('2026-03-03T08:55:00+08:00');
    expect((await tech.post(`${url}/arrive`, {})).json().state).toBe('on_site');
    const parts = await tech.request('PUT', `${url}/parts`, {
      items: [{ name: '启动电容', quantityUsed: 1, quantityReturned: 1 }],
    });
    expect(parts.json().parts).toMatchObject([{ name: '启动电容', quantityUsed: 1, quantityReturned: 1 }]);

    await moveTo('2026-03-03T10:10:00+08:00');
    const done = await tech.post(`${url}/finish`, {
      workDone: '更换启动电容，试机正常',
      minutesSpent: 70,
      diagnosis: { finding: 'wear' },
      acceptance: acceptance(),
    });
    expect(done.statusCode, done.body).toBe(200);
    const completed = done.json();
    expect(completed.state).toBe('completed');
    expect(completed.acceptance).toMatchObject({ signerName: '王女士', via: 'technician' });
    expect(completed.acceptance.ratings).toEqual({ service: 5, workmanship: 4, punctuality: 5, attitude: 5 });
    expect(completed.verificationDueDate).toBe('2026-03-04');
    expect(completed.sla.find((t: { code: string }) => t.code === 'solution').state).toBe('met');
    expect(events.filter((e) => e.type === 'workorder.completed' && e.workOrderId === wo.id)).toHaveLength(1);

    // The signature is an attachment of the order, readable as a PNG.
    const image = await sup.get(`/api/v1/attachments/${completed.acceptance.signatureAttachmentId}/content`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');

    // REP-5: a second completion from another phone is a clear conflict; nothing is duplicated.
    const again = await tech.post(`${url}/finish`, {
      workDone: 'x',
      minutesSpent: 1,
      diagnosis: { finding: 'wear' },
      acceptance: acceptance(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('workorders.transition_not_allowed');

    // REP-7: verified the next working day; a technician cannot verify.
    expect((await tech.post(`${url}/verify`, {})).statusCode).toBe(403);
    await moveTo('2026-03-04T09:30:00+08:00');
    const verified = await sup.post(`${url}/verify`, { note: '签字齐全' });
    expect(verified.json()).toMatchObject({ state: 'verified', verification: { late: false } });
    const closed = await sup.post(`${url}/close`, {});
    expect(closed.json().state).toBe('closed');
    expect(events.filter((e) => e.type === 'workorder.closed' && e.workOrderId === wo.id)).toHaveLength(1);

    const print = await sup.get(`${url}/print?form=feedback`);
    expect(print.json()).toMatchObject({ form: 'feedback', workOrder: { id: wo.id, state: 'closed' } });
    expect((await sup.get(`${url}/print?form=receipt`)).json().code).toBe('workorders.no_receipt');
  });

  it('REP-7: verification after the next working day is flagged late', async () => {
    const wo = await createFromTicket();
    const url = `/api/v1/workorders/${wo.id}`;
    await sup.post(`${url}/assign`, { technicianId: world.people.tech.id });
    await sup.post(`${url}/appointment`, {
      start: '2026-03-04T14:00:00+08:00',
      end: '2026-03-04T16:00:00+08:00',
      customerAgreed: true,
    });
    await tech.post(`${url}/checklist`, {
      partsPrepared: true,
      documentsPrinted: true,
      addressConfirmed: true,
      arrivalTimeConfirmed: true,
    });
    await tech.post(`${url}/depart`, {});
    await tech.post(`${url}/arrive`, {});
    const done = await tech.post(`${url}/finish`, {
      workDone: '清洗',
      minutesSpent: 30,
      diagnosis: { finding: 'wear' },
      acceptance: acceptance(),
    });
    expect(done.statusCode, done.body).toBe(200);
    await moveTo('2026-03-06T10:00:00+08:00'); // Friday: the check was due by Thursday's close
    const overdue = await sup.get('/api/v1/workorders?verificationOverdue=true');
    expect(overdue.json().items.map((o: { id: string }) => o.id)).toEqual([wo.id]);
    const verified = await sup.post(`${url}/verify`, {});
    expect(verified.json().verification.late).toBe(true);
  });
});
