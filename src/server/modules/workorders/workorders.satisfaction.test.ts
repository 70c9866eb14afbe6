import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { careTasks } from '../care/care.table';
import { acceptance, buildWorkOrderWorld, dataUrl, login, signaturePng } from './workorders.test-world';

describe('SAT-1: one satisfaction call per service, by its owner, meeting the 24-hour target', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  const s: Record<string, HttpSession> = {};

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'sc');
    await relogin();
  });
  const relogin = async () => {
    for (const k of ['sup', 'tech', 'agent', 'mgr']) s[k] = await login(kefu, `sc${k}`);
  };
  const moveTo = async (at: string) => {
    kefu.clock.set(new Date(at));
    await relogin();
  };
  afterAll(() => kefu.close());

  const surveyCalls = async () =>
    (await kefu.deps.db.select().from(careTasks).where(eq(careTasks.customerId, world.customerId))).filter(
      (t) => t.surveyTemplateCode !== null && t.channel === 'call',
    );

  it('SAT-1: the owner’s call meets the follow-up target; nobody else may make it; closing the order adds no second call', async () => {
    // The agent who took the customer's call raises the order: they own the service.
    const created = await s.agent!.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      assetId: world.inWarrantyAssetId,
      problem: '空调不制冷',
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
    const carried = await s.tech!.post(`${url}/carry-in`, {
      items: [{ name: '空调室内机主板', quantity: 1, condition: '完好' }],
      signerName: '王女士',
      signature: dataUrl(signaturePng()),
    });
    expect(carried.statusCode, carried.body).toBe(200);
    await s.sup!.post(`${url}/return-appointment`, {
      start: '2026-03-05T14:00:00+08:00',
      end: '2026-03-05T16:00:00+08:00',
      customerAgreed: true,
    });
    await moveTo('2026-03-05T14:30:00+08:00');
    const returned = await s.tech!.post(`${url}/deliver`, { acceptance: acceptance() });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().sla.find((t: { code: string }) => t.code === 'follow_up').state).toBe('on_track');

    // The call is planned with the work done, owned by the agent who raised the order.
    const [call, ...more] = await surveyCalls();
    expect(more).toEqual([]);
    expect(call).toMatchObject({
      ruleCode: 'survey_after_workorder',
      sourceType: 'workorder',
      ownerId: world.people.agent.id,
      state: 'open',
    });
    expect(call!.dueAt.getTime()).toBeLessThanOrEqual(Date.parse('2026-03-06T14:30:00+08:00'));

    // 不可多人重复回访: the store manager may work the care list, but not this call.
    const other = await s.mgr!.post(`/api/v1/care/tasks/${call!.id}/claim`, {});
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('care.task_owned_by_other');

    await moveTo('2026-03-05T17:00:00+08:00');
    expect((await s.agent!.post(`/api/v1/care/tasks/${call!.id}/claim`, {})).statusCode).toBe(200);
    const made = await s.agent!.post(`/api/v1/care/tasks/${call!.id}/attempts`, {
      outcome: 'reached_satisfied',
      note: '客户满意',
    });
    expect(made.statusCode, made.body).toBe(200);
    // The call itself meets the 24-hour target, before the supervisor's check.
    const afterCall = (await s.sup!.get(url)).json();
    expect(afterCall.state).toBe('returned');
    expect(afterCall.sla.find((t: { code: string }) => t.code === 'follow_up')).toMatchObject({
      state: 'met',
      metAt: new Date('2026-03-05T17:00:00+08:00').toISOString(),
    });

    await moveTo('2026-03-06T10:00:00+08:00');
    expect((await s.sup!.post(`${url}/verify`, {})).statusCode).toBe(200);
    const closed = await s.sup!.post(`${url}/close`, {});
    expect(closed.json().state).toBe('closed');
    // No second satisfaction call after the closing.
    expect((await surveyCalls()).map((t) => t.id)).toEqual([call!.id]);
  });

  it('SAT-1: closing the order does not pass for the call — an order closed before the call leaves the target unmet', async () => {
    const created = await s.sup!.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      assetId: world.inWarrantyAssetId,
      problem: '遥控失灵',
    });
    const url = `/api/v1/workorders/${created.json().id}`;
    await s.sup!.post(`${url}/assign`, { technicianId: world.people.tech.id });
    await s.sup!.post(`${url}/appointment`, {
      start: '2026-03-09T09:00:00+08:00',
      end: '2026-03-09T11:00:00+08:00',
      customerAgreed: true,
    });
    await s.tech!.post(`${url}/checklist`, {
      partsPrepared: true,
      documentsPrinted: true,
      addressConfirmed: true,
      arrivalTimeConfirmed: true,
    });
    await s.tech!.post(`${url}/depart`, {});
    await s.tech!.post(`${url}/arrive`, {});
    await s.tech!.post(`${url}/carry-in`, {
      items: [{ name: '遥控器', quantity: 1, condition: '完好' }],
      signerName: '王女士',
      signature: dataUrl(signaturePng()),
    });
    await s.sup!.post(`${url}/return-appointment`, {
      start: '2026-03-10T14:00:00+08:00',
      end: '2026-03-10T16:00:00+08:00',
      customerAgreed: true,
    });
    await moveTo('2026-03-10T14:30:00+08:00');
    expect((await s.tech!.post(`${url}/deliver`, { acceptance: acceptance() })).statusCode).toBe(200);
    await moveTo('2026-03-11T09:30:00+08:00');
    await s.sup!.post(`${url}/verify`, {});
    const closed = (await s.sup!.post(`${url}/close`, {})).json();
    expect(closed.state).toBe('closed');
    expect(closed.sla.find((t: { code: string }) => t.code === 'follow_up').state).not.toBe('met');
  });
});
