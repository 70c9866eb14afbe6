import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../jobs/worker';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { careTasks } from '../care/care.table';
import { findMessageByKey } from '../messages/messages.repository';
import { buildWorkOrderWorld, login } from './workorders.test-world';

describe('JRN-3: reconfirmation call 5 working days ahead; the one-hour reminder is never dropped', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  const s: Record<string, HttpSession> = {};

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'rc');
    for (const k of ['sup', 'tech']) s[k] = await login(kefu, `rc${k}`);
    // The store trades every day but closes on official holidays (清明 2026-04-04…06).
    const cal = await world.admin.request('PUT', `/api/v1/calendars/${world.store.id}`, {
      publicHolidays: 'observe',
    });
    expect(cal.statusCode, cal.body).toBe(200);
  });
  afterAll(() => kefu.close());

  const install = async () => {
    const res = await s.sup!.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'install',
      customerId: world.customerId,
      assetId: world.inWarrantyAssetId,
      contactPhone: '13812345678',
      problem: '新机安装',
    });
    expect(res.statusCode, res.body).toBe(201);
    const url = `/api/v1/workorders/${res.json().id}`;
    expect((await s.sup!.post(`${url}/assign`, { technicianId: world.people.tech.id })).statusCode).toBe(200);
    return { id: res.json().id as string, number: res.json().number as string, url };
  };
  const reconfirmations = (id: string) =>
    kefu.deps.db
      .select()
      .from(careTasks)
      .where(and(eq(careTasks.sourceId, id), eq(careTasks.ruleCode, 'installation_reconfirm')));

  it('JRN-3: the reconfirmation call is a care task on the 5th working day before the visit, counted past the 清明 holiday; a new window moves it', async () => {
    const wo = await install();
    const booked = await s.sup!.post(`${wo.url}/appointment`, {
      start: '2026-04-09T10:00:00+08:00',
      end: '2026-04-09T12:00:00+08:00',
      customerAgreed: true,
    });
    expect(booked.statusCode, booked.body).toBe(200);
    // Working days back from Thu 9 April: 8, 7, (6, 5, 4 are 清明), 3, 2, 1 → 1 April, at the visit's hour.
    const [task, ...more] = await reconfirmations(wo.id);
    expect(more).toEqual([]);
    expect(task).toMatchObject({
      channel: 'call',
      purpose: 'service',
      state: 'open',
      sourceType: 'workorder',
      dueDate: '2026-04-01',
    });
    expect(task!.dueAt.toISOString()).toBe(new Date('2026-04-01T10:00:00+08:00').toISOString());
    expect(task!.note).toContain('2026-04-09 10:00–12:00');

    const moved = await s.sup!.post(`${wo.url}/reschedule`, {
      start: '2026-04-10T10:00:00+08:00',
      end: '2026-04-10T12:00:00+08:00',
      reason: '客户改到周五',
      customerConsent: true,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await reconfirmations(wo.id);
    expect(after.map((t) => [t.id, t.dueDate, t.state])).toEqual([[task!.id, '2026-04-02', 'open']]);
  });

  it('JRN-3: a repair books no reconfirmation call', async () => {
    const res = await s.sup!.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      assetId: world.inWarrantyAssetId,
      problem: '不制冷',
    });
    const url = `/api/v1/workorders/${res.json().id}`;
    await s.sup!.post(`${url}/assign`, { technicianId: world.people.tech.id });
    await s.sup!.post(`${url}/appointment`, {
      start: '2026-04-09T14:00:00+08:00',
      end: '2026-04-09T16:00:00+08:00',
      customerAgreed: true,
    });
    expect(await reconfirmations(res.json().id)).toEqual([]);
  });

  // Runs last: it moves the clock forward.
  it('JRN-3: a 09:00 visit’s reminder falls in quiet hours and goes the evening before instead of being dropped', async () => {
    const wo = await install();
    const booked = await s.sup!.post(`${wo.url}/appointment`, {
      start: '2026-04-15T09:00:00+08:00',
      end: '2026-04-15T11:00:00+08:00',
      customerAgreed: true,
    });
    expect(booked.statusCode, booked.body).toBe(200);
    // 08:00 is before contact hours (09:00–20:30) and 09:00 is the visit itself: 19:30 the evening before.
    expect(booked.json().workOrder.appointment.reminderAt).toBe(
      new Date('2026-04-14T19:30:00+08:00').toISOString(),
    );
    const key = `workorder:${wo.id}:reminder:${Date.parse('2026-04-15T09:00:00+08:00')}`;
    kefu.clock.set(new Date('2026-04-14T19:30:00+08:00'));
    expect((await runWorkerOnce(kefu.deps)).failed).toBe(0);
    const reminder = await findMessageByKey(kefu.deps.db, key);
    expect(reminder).toMatchObject({ channel: 'sms', templateCode: 'appointment_reminder' });
    expect(reminder!.body).toContain('09:00');
  });
});
