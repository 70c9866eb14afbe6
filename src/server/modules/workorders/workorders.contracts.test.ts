import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { notifications } from '../notifications/notifications.table';
import { remindContractRenewals } from './contracts.usecases';
import { buildWorkOrderWorld, login } from './workorders.test-world';

describe('PAY-2 maintenance contracts: edit, list, renewal follow-up (issue 18 item 7)', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  let sup: HttpSession;
  let agent: HttpSession;
  let soon: string;
  let later: string;

  beforeAll(async () => {
    kefu = await createTestKefu();
    kefu.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    world = await buildWorkOrderWorld(kefu, 'mc');
    sup = await login(kefu, 'mcsup');
    agent = await login(kefu, 'mcagent');
    const create = async (number: string, startsOn: string, endsOn: string) => {
      const r = await sup.post('/api/v1/maintenance-contracts', {
        unitId: world.store.id,
        customerId: world.customerId,
        number,
        startsOn,
        endsOn,
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    soon = await create('WB-2025-01', '2025-03-21', '2026-03-20');
    later = await create('WB-2026-07', '2026-01-01', '2026-12-31');
  });
  afterAll(() => kefu.close());

  const notices = (contractId: string) =>
    kefu.deps.db
      .select({ id: notifications.id, recipientId: notifications.recipientId })
      .from(notifications)
      .where(and(eq(notifications.kind, 'contract_renewal_due'), eq(notifications.subjectId, contractId)));

  it('PAY-2: contracts are listed with their state and filtered by state and expiry; the list exports', async () => {
    const all = (await agent.get(`/api/v1/maintenance-contracts?unitId=${world.store.id}`)).json().items;
    expect(all.map((c: { number: string; state: string }) => [c.number, c.state])).toEqual([
      ['WB-2025-01', 'expiring'],
      ['WB-2026-07', 'active'],
    ]);
    expect(all[0]).toMatchObject({ customerName: '王女士', assetName: null, unitName: world.store.name });
    const expiring = (await agent.get('/api/v1/maintenance-contracts?state=expiring')).json().items;
    expect(expiring.map((c: { id: string }) => c.id)).toEqual([soon]);
    const byEnd = (await agent.get('/api/v1/maintenance-contracts?endsBy=2026-06-30')).json().items;
    expect(byEnd.map((c: { id: string }) => c.id)).toEqual([soon]);
    const file = await agent.get('/api/v1/maintenance-contracts/export.xlsx?state=active');
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheet');
  });

  it('PAY-2: a contract is edited with its dates checked and the change audited; no right 403, bad dates 422', async () => {
    const url = `/api/v1/maintenance-contracts/${later}`;
    expect((await agent.request('PATCH', url, { number: 'X' })).statusCode).toBe(403);
    const bad = await sup.request('PATCH', url, { endsOn: '2025-12-31' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('workorders.contract_dates');
    expect((await sup.request('PATCH', url, {})).statusCode).toBe(400);
    const foreignAsset = await sup.request('PATCH', url, { assetId: '00000000-0000-4000-8000-000000000000' });
    expect(foreignAsset.json().code).toBe('workorders.asset_not_found');
    const ok = await sup.request('PATCH', url, { number: 'WB-2026-07A', assetId: world.inWarrantyAssetId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ number: 'WB-2026-07A', assetId: world.inWarrantyAssetId });
    const audit = (
      await world.admin.get(`/api/v1/audit?subjectType=maintenance_contract&subjectId=${later}`)
    ).json();
    const row = audit.items.find((e: { action: string }) => e.action === 'maintenance_contract.updated');
    expect(JSON.stringify(row)).toContain('WB-2026-07A');
    // Created with its end before its start: refused too.
    const created = await sup.post('/api/v1/maintenance-contracts', {
      unitId: world.store.id,
      customerId: world.customerId,
      number: 'BAD',
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
    });
    expect(created.json().code).toBe('workorders.contract_dates');
  });

  it('PAY-2: the renewal follow-up is raised once per contract term by the scheduler, to the unit’s supervisor', async () => {
    expect(await remindContractRenewals(kefu.deps)).toBe(1);
    expect(await remindContractRenewals(kefu.deps)).toBe(0);
    const first = await notices(soon);
    expect(first.map((n) => n.recipientId)).toEqual([world.people.supervisor.id]);
    expect(await notices(later)).toEqual([]);
    const mine = (await sup.get('/api/v1/notifications')).json().items;
    expect(mine.some((n: { kind: string }) => n.kind === 'contract_renewal_due')).toBe(true);

    // Renewed to a new end still inside the notice period: a new term, one new follow-up.
    await sup.request('PATCH', `/api/v1/maintenance-contracts/${soon}`, { endsOn: '2026-03-28' });
    await Promise.all([remindContractRenewals(kefu.deps), remindContractRenewals(kefu.deps)]);
    expect(await notices(soon)).toHaveLength(2);
    expect(await remindContractRenewals(kefu.deps)).toBe(0);

    // The later contract's turn comes 30 days before its end, once.
    kefu.clock.set(new Date('2026-12-05T09:00:00+08:00'));
    expect(await remindContractRenewals(kefu.deps)).toBe(1);
    kefu.clock.set(new Date('2026-12-20T09:00:00+08:00'));
    expect(await remindContractRenewals(kefu.deps)).toBe(0);
    expect(await notices(later)).toHaveLength(1);
  });
  it('PAY-2: the contract list is paged by the server with its total, the state filter counted by the database', async () => {
    kefu.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const make = async (number: string, startsOn: string, endsOn: string) => {
      const r = await sup.post('/api/v1/maintenance-contracts', {
        unitId: world.store.id,
        customerId: world.customerId,
        number,
        startsOn,
        endsOn,
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const expired = await make('PG-X1', '2024-01-01', '2025-01-31');
    const upcoming = await make('PG-U1', '2026-04-01', '2027-03-31');
    for (const n of [1, 2, 3, 4, 5]) await make(`PG-A${n}`, '2026-01-01', `2027-0${n}-15`);
    type Item = { id: string; number: string; state: string };
    const list = async (query: string) => {
      const r = await agent.get(`/api/v1/maintenance-contracts?unitId=${world.store.id}&${query}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { items: Item[]; total: number };
    };
    const all = await list('pageSize=200');
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThanOrEqual(9);
    // Pages of three put together are the whole list, in the same order (soonest end first).
    const pages: Item[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 3); page++) {
      const p = await list(`page=${page}&pageSize=3`);
      expect(p.total).toBe(all.total);
      expect(p.items.length).toBeLessThanOrEqual(3);
      pages.push(...p.items);
    }
    expect(pages.map((c) => c.id)).toEqual(all.items.map((c) => c.id));
    expect((await list(`page=${all.total + 1}&pageSize=3`)).items).toEqual([]);
    // Each state is cut in SQL on the unit's date and agrees with the state each row shows.
    for (const state of ['upcoming', 'active', 'expiring', 'expired']) {
      const one = await list(`state=${state}&pageSize=2`);
      const expected = all.items.filter((c) => c.state === state);
      expect(one.total, state).toBe(expected.length);
      expect(one.items.map((c) => c.id)).toEqual(expected.slice(0, 2).map((c) => c.id));
    }
    expect((await list('state=expired')).items.map((c) => c.id)).toContain(expired);
    expect((await list('state=upcoming')).items.map((c) => c.id)).toContain(upcoming);
    expect((await list('state=active')).total).toBeGreaterThanOrEqual(5);
    const tooBig = await agent.get('/api/v1/maintenance-contracts?pageSize=201');
    expect(tooBig.statusCode).toBe(400);
  });
});
