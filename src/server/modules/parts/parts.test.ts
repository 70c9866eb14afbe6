import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { buildWorkOrderWorld, login, SIGNATURE } from '../workorders/workorders.test-world';
import { partMovements, partStock } from './parts.table';
import { stockFromJournal } from './parts.usecases';

describe('spare parts over HTTP (issue 18: stock, requisition, old parts; REP-4, REP-5, PAY-3)', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  const s: Record<string, HttpSession> = {};
  let warehouse: string;
  let van: string;
  let otherStoreWarehouse: string;
  let capacitor: string;

  const movementsCount = async () =>
    (await kefu.deps.db.select({ id: partMovements.id }).from(partMovements)).length;
  const held = async (locationId: string, partId: string) => {
    const [row] = await kefu.deps.db
      .select({ q: partStock.quantity })
      .from(partStock)
      .where(and(eq(partStock.locationId, locationId), eq(partStock.partId, partId)));
    return row?.q ?? 0;
  };
  const move = (who: HttpSession, body: Record<string, unknown>) =>
    who.post('/api/v1/part-movements', { partId: capacitor, ...body });

  beforeAll(async () => {
    kefu = await createTestKefu();
    kefu.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    world = await buildWorkOrderWorld(kefu, 'pt');
    for (const [k, u] of Object.entries({
      sup: 'ptsup',
      tech: 'pttech',
      agent: 'ptagent',
      fin: 'ptfin',
      wh: 'ptwh',
      mgr: 'ptmgr',
      supB: 'ptsupb',
    }))
      s[k] = await login(kefu, u);
  });
  afterAll(() => kefu.close());

  it('issue 18 catalogue: parts per unit with price in fen and a low-stock threshold; bad input 400, duplicate code 409, no right 403, another store 404', async () => {
    const part = (body: Record<string, unknown>) =>
      s.wh!.post('/api/v1/parts', {
        unitId: world.store.id,
        code: 'C-35',
        name: '启动电容',
        model: '35μF',
        uom: '个',
        priceFen: 1250,
        lowStockThreshold: 3,
        ...body,
      });
    expect((await part({ priceFen: -1 })).statusCode).toBe(400);
    expect((await part({ priceFen: 12.5 })).statusCode).toBe(400);
    expect((await part({ lowStockThreshold: -2 })).statusCode).toBe(400);
    const created = await part({});
    expect(created.statusCode, created.body).toBe(201);
    capacitor = created.json().id;
    expect((await part({})).json().code).toBe('parts.code_taken');
    expect((await s.agent!.post('/api/v1/parts', { unitId: world.store.id })).statusCode).toBe(403);
    // Store B's installation supervisor moves parts in store B only: store A is not there for them.
    expect((await s.supB!.get(`/api/v1/parts?unitId=${world.store.id}`)).json().code).toBe(
      'org.unit_not_found',
    );
    const list = (await s.tech!.get(`/api/v1/parts?unitId=${world.store.id}`)).json().items;
    // Nothing on hand yet, with a threshold of 3: already on the low-stock list.
    expect(list).toMatchObject([{ code: 'C-35', priceFen: 1250, onHand: 0, low: true }]);
    const changed = await s.wh!.request('PATCH', `/api/v1/parts/${capacitor}`, { priceFen: 1300 });
    expect(changed.json()).toMatchObject({ priceFen: 1300, code: 'C-35' });
  });

  it('issue 18 locations: warehouses per unit and one van per technician of the unit', async () => {
    const loc = (body: Record<string, unknown>) =>
      s.wh!.post('/api/v1/stock-locations', { unitId: world.store.id, ...body });
    const w = await loc({ kind: 'warehouse', name: '徐汇店仓库' });
    expect(w.statusCode, w.body).toBe(201);
    warehouse = w.json().id;
    expect((await loc({ kind: 'van', name: '车载库' })).json().code).toBe('parts.van_needs_technician');
    expect(
      (await loc({ kind: 'warehouse', name: '二号仓', technicianId: world.people.tech.id })).json().code,
    ).toBe('parts.van_needs_technician');
    expect(
      (await loc({ kind: 'van', name: '外店技师', technicianId: world.people.otherTech.id })).json().code,
    ).toBe('parts.technician_not_in_unit');
    const v = await loc({ kind: 'van', name: '张师傅车载库', technicianId: world.people.tech.id });
    expect(v.statusCode, v.body).toBe(201);
    van = v.json().id;
    expect((await loc({ kind: 'warehouse', name: '徐汇店仓库' })).json().code).toBe(
      'parts.location_name_taken',
    );
    const admin = world.admin;
    const b = await admin.post('/api/v1/stock-locations', {
      unitId: world.org.storeB.id,
      kind: 'warehouse',
      name: '春熙店仓库',
    });
    expect(b.statusCode, b.body).toBe(201);
    otherStoreWarehouse = b.json().id;
    const listed = (await s.tech!.get(`/api/v1/stock-locations?unitId=${world.store.id}`)).json().items;
    expect(listed.map((l: { name: string }) => l.name).sort()).toEqual(['张师傅车载库', '徐汇店仓库'].sort());
    // A department's order draws on its store's warehouse: asked with the units above, it is listed.
    const dept = world.org.storeAEngineering.id;
    expect((await s.wh!.get(`/api/v1/stock-locations?unitId=${dept}`)).json().items).toEqual([]);
    const around = (await s.wh!.get(`/api/v1/stock-locations?unitId=${dept}&withAncestors=true`)).json()
      .items;
    expect(around.map((l: { name: string }) => l.name).sort()).toEqual(['张师傅车载库', '徐汇店仓库'].sort());
  });

  it('issue 18 movements: receive and transfer move stock; negative or zero quantity 400, unknown part 404, another store’s location 404, wrong shape 400', async () => {
    const receive = await move(s.wh!, { kind: 'receive', toLocationId: warehouse, quantity: 10 });
    expect(receive.statusCode, receive.body).toBe(201);
    expect(await held(warehouse, capacitor)).toBe(10);
    expect((await move(s.wh!, { kind: 'receive', toLocationId: warehouse, quantity: -5 })).statusCode).toBe(
      400,
    );
    expect((await move(s.wh!, { kind: 'receive', toLocationId: warehouse, quantity: 0 })).statusCode).toBe(
      400,
    );
    const unknown = await move(s.wh!, {
      kind: 'receive',
      toLocationId: warehouse,
      quantity: 1,
      partId: '00000000-0000-4000-8000-000000000000',
    });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'parts.not_found']);
    const foreign = await move(s.wh!, { kind: 'receive', toLocationId: otherStoreWarehouse, quantity: 1 });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'parts.location_not_found']);
    // Store A's part is not in store B's catalogue, even for someone who may move stock there.
    const notInCatalogue = await world.admin.post('/api/v1/part-movements', {
      kind: 'receive',
      partId: capacitor,
      toLocationId: otherStoreWarehouse,
      quantity: 1,
    });
    expect([notInCatalogue.statusCode, notInCatalogue.json().code]).toEqual([404, 'parts.not_found']);
    expect((await move(s.wh!, { kind: 'receive', toLocationId: van, quantity: 1 })).json()).toMatchObject({
      code: 'parts.bad_movement',
      details: { problem: 'to_not_allowed' },
    });
    expect(
      (await move(s.wh!, { kind: 'adjust', fromLocationId: warehouse, quantity: 1 })).json().details.problem,
    ).toBe('reason_required');
    expect((await move(s.agent!, { kind: 'receive', toLocationId: warehouse, quantity: 1 })).statusCode).toBe(
      403,
    );

    const t = await move(s.wh!, {
      kind: 'transfer',
      fromLocationId: warehouse,
      toLocationId: van,
      quantity: 4,
    });
    expect(t.statusCode, t.body).toBe(201);
    expect([await held(warehouse, capacitor), await held(van, capacitor)]).toEqual([6, 4]);
  });

  it('issue 18 never negative: a movement taking more than the source holds is refused with 409 and writes nothing (no movement, no balance, no audit row)', async () => {
    const before = await movementsCount();
    const audits = (await kefu.deps.db.select({ id: auditLog.id }).from(auditLog)).length;
    const r = await move(s.wh!, {
      kind: 'transfer',
      fromLocationId: warehouse,
      toLocationId: van,
      quantity: 7,
    });
    expect([r.statusCode, r.json().code, r.json().details]).toEqual([
      409,
      'parts.insufficient_stock',
      { available: 6 },
    ]);
    const out = await move(s.wh!, { kind: 'adjust', fromLocationId: van, quantity: 5, reason: '盘亏' });
    expect(out.json().code).toBe('parts.insufficient_stock');
    expect(await movementsCount()).toBe(before);
    expect((await kefu.deps.db.select({ id: auditLog.id }).from(auditLog)).length).toBe(audits);
    expect([await held(warehouse, capacitor), await held(van, capacitor)]).toEqual([6, 4]);
  });

  it('PAY-3, REP-4: a requisition for a charged order waits for the approved, customer-signed quote; then it moves stock from the warehouse to the van of the order’s technician', async () => {
    const wo = await s.sup!.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      assetId: world.inWarrantyAssetId,
      problem: '不制冷',
      faultCause: 'misuse',
    });
    expect(wo.statusCode, wo.body).toBe(201);
    const id = wo.json().id as string;
    const url = `/api/v1/workorders/${id}`;
    const req = () =>
      s.wh!.post('/api/v1/part-requisitions', {
        workOrderId: id,
        partId: capacitor,
        warehouseId: warehouse,
        quantity: 2,
      });
    expect((await req()).json().code).toBe('parts.work_order_without_technician');
    expect((await s.sup!.post(`${url}/assign`, { technicianId: world.people.tech.id })).statusCode).toBe(200);
    expect((await req()).json().code).toBe('parts.quote_not_approved');
    // The generic movement endpoint is held to the same rule.
    expect(
      (
        await move(s.wh!, {
          kind: 'requisition',
          fromLocationId: warehouse,
          toLocationId: van,
          quantity: 1,
          workOrderId: id,
        })
      ).json().code,
    ).toBe('parts.quote_not_approved');
    const drafted = await s.sup!.request('PUT', `${url}/quote`, {
      lines: [
        { kind: 'service', name: '上门维修费', quantity: 1, unitPriceFen: 8000 },
        { kind: 'part', name: '启动电容', quantity: 2, unitPriceFen: 1300 },
      ],
    });
    expect(drafted.statusCode, drafted.body).toBe(200);
    expect((await s.fin!.post(`${url}/quote/confirm-service`, {})).statusCode).toBe(200);
    expect((await s.wh!.post(`${url}/quote/confirm-parts`, {})).statusCode).toBe(200);
    expect(
      (await s.sup!.post(`${url}/quote/customer-confirm`, { how: 'phone', note: '客户同意' })).statusCode,
    ).toBe(200);
    // A small charge (¥106, under the ¥200 threshold) needs no managers' approval, but the customer
    // signs the itemised quote before its parts leave the warehouse.
    expect((await req()).json().code).toBe('parts.quote_not_approved');
    const signed = await s.sup!.post(`${url}/quote/sign`, { signerName: '王女士', signature: SIGNATURE });
    expect(signed.statusCode, signed.body).toBe(200);
    // Issue 18 item 7: the signed quote now waits on the warehouse (parts) and on finance (payment).
    const waiting = async () =>
      ((await s.wh!.get('/api/v1/part-requisitions/pending')).json().items as { workOrderId: string }[]).map(
        (i) => i.workOrderId,
      );
    expect(await waiting()).toContain(id);
    const forFinance = (await s.fin!.get('/api/v1/workorders/quotes-waiting-finance')).json().items;
    expect(forFinance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ workOrderId: id, totalFen: 10600, paymentAt: null }),
      ]),
    );
    const ok = await req();
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await waiting()).not.toContain(id);
    expect(ok.json()).toMatchObject({
      kind: 'requisition',
      fromLocationId: warehouse,
      toLocationId: van,
      quantity: 2,
    });
    expect([await held(warehouse, capacitor), await held(van, capacitor)]).toEqual([4, 6]);

    // REP-5: used on the visit and the unused one signed back to the warehouse, both for this order.
    const used = await move(s.tech!, { kind: 'use', fromLocationId: van, quantity: 1, workOrderId: id });
    expect(used.statusCode, used.body).toBe(201);
    const back = await move(s.tech!, {
      kind: 'return_unused',
      fromLocationId: van,
      toLocationId: warehouse,
      quantity: 1,
      workOrderId: id,
    });
    expect(back.statusCode, back.body).toBe(201);
    expect([await held(warehouse, capacitor), await held(van, capacitor)]).toEqual([5, 4]);
    // The supervisor moves stock too, but not out of a technician's van.
    const notTheirs = await move(s.sup!, { kind: 'use', fromLocationId: van, quantity: 1, workOrderId: id });
    expect([notTheirs.statusCode, notTheirs.json().code]).toEqual([403, 'parts.not_your_van']);
    expect(
      (await move(s.tech!, { kind: 'use', fromLocationId: van, quantity: 1 })).json().details.problem,
    ).toBe('work_order_required');
    const journal = (
      await s.sup!.get(`/api/v1/part-movements?unitId=${world.store.id}&workOrderId=${id}`)
    ).json();
    expect(journal.items.map((m: { kind: string }) => m.kind)).toEqual([
      'return_unused',
      'use',
      'requisition',
    ]);
    expect(journal.items[2]).toMatchObject({
      workOrder: { id },
      from: { name: '徐汇店仓库' },
      to: { name: '张师傅车载库' },
    });

    // 旧件返回: collected on the visit, owed until the warehouse signs it in.
    const old = await s.tech!.post('/api/v1/old-parts', {
      workOrderId: id,
      partId: capacitor,
      quantity: 1,
      note: '鼓包',
    });
    expect(old.statusCode, old.body).toBe(201);
    const pending = (await s.wh!.get(`/api/v1/old-parts?unitId=${world.store.id}&pending=true`)).json().items;
    expect(pending).toMatchObject([
      { quantity: 1, note: '鼓包', receivedAt: null, collectedBy: { name: 'pttech' } },
    ]);
    expect(
      (await s.wh!.post(`/api/v1/old-parts/${old.json().id}/receive`, { warehouseId: otherStoreWarehouse }))
        .statusCode,
    ).toBe(404);
    const received = await s.wh!.post(`/api/v1/old-parts/${old.json().id}/receive`, {
      warehouseId: warehouse,
    });
    expect(received.statusCode, received.body).toBe(200);
    expect(
      (await s.wh!.post(`/api/v1/old-parts/${old.json().id}/receive`, { warehouseId: warehouse })).json()
        .code,
    ).toBe('parts.old_part_already_received');
    expect((await s.wh!.get(`/api/v1/old-parts?unitId=${world.store.id}&pending=true`)).json().items).toEqual(
      [],
    );
    // Old parts are not stock.
    expect(await held(warehouse, capacitor)).toBe(5);
  });

  it('issue 18 audited and reproducible: every movement has its audit row and part_stock equals the sum of the journal', async () => {
    const rows = await kefu.deps.db.select().from(partMovements);
    const audited = await kefu.deps.db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(
        sql`${auditLog.action} like 'part.%' and ${auditLog.action} not in ('part.created', 'part.updated')`,
      );
    expect(audited.map((a) => (a.after as { id: number }).id).sort()).toEqual(rows.map((r) => r.id).sort());
    const journal = await stockFromJournal(kefu.deps.db, [warehouse, van]);
    const stock = await kefu.deps.db.select().from(partStock);
    for (const j of journal)
      expect(stock.find((x) => x.locationId === j.location_id && x.partId === j.part_id)?.quantity).toBe(
        j.quantity,
      );
    expect(journal.length).toBe(stock.filter((x) => [warehouse, van].includes(x.locationId)).length);
  });

  it('issue 18 low stock and journal export: parts at or below their threshold are listed; the journal exports to Excel', async () => {
    // 5 left in the warehouse and 4 in the van: 9 > 3, not low; take 7 out and it is.
    expect(
      (
        await move(s.wh!, {
          kind: 'adjust',
          fromLocationId: warehouse,
          quantity: 5,
          reason: '盘亏，账实不符',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await move(s.tech!, {
          kind: 'return_unused',
          fromLocationId: van,
          toLocationId: warehouse,
          quantity: 2,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await move(s.tech!, { kind: 'adjust', fromLocationId: van, quantity: 1, reason: '丢失' })).statusCode,
    ).toBe(201);
    const low = (await s.wh!.get(`/api/v1/parts?unitId=${world.store.id}&lowOnly=true`)).json().items;
    expect(low).toMatchObject([{ code: 'C-35', onHand: 3, low: true }]);
    const stock = (await s.wh!.get(`/api/v1/part-stock?unitId=${world.store.id}`)).json().items;
    expect(
      stock.map((l: { location: { name: string }; quantity: number }) => [l.location.name, l.quantity]),
    ).toEqual([
      ['徐汇店仓库', 2],
      ['张师傅车载库', 1],
    ]);
    const file = await s.wh!.get(`/api/v1/part-movements/export.xlsx?unitId=${world.store.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['x-export-rows']).toBe(String((await movementsCount()) - 0));
    expect(
      (await s.agent!.get(`/api/v1/part-movements/export.xlsx?unitId=${world.store.id}`)).statusCode,
    ).toBe(403);
  });

  it('issue 18 DB-enforced: a direct UPDATE of a balance below zero, a direct movement larger than the stock, and an edit of the journal all fail in the database', async () => {
    const db = kefu.deps.db;
    await expect(
      db.execute(sql`update part_stock set quantity = -1 where location_id = ${warehouse}::uuid`),
    ).rejects.toThrow();
    await expect(
      db.insert(partMovements).values({
        unitId: world.store.id,
        partId: capacitor,
        kind: 'use',
        fromLocationId: van,
        quantity: 1000,
        at: new Date(),
      }),
    ).rejects.toThrow();
    await expect(db.execute(sql`update part_movements set quantity = 1`)).rejects.toThrow();
    await expect(db.execute(sql`delete from part_movements`)).rejects.toThrow();
    expect(await held(warehouse, capacitor)).toBe(2);
    expect(await held(van, capacitor)).toBe(1);
  });

  it('issue 18 cross-unit transfer: one unit’s warehouse to another’s as two journal rows in one transaction; never negative; both units in the caller’s reach', async () => {
    const admin = world.admin;
    const shared = await admin.post('/api/v1/parts', {
      unitId: world.org.hq.id,
      code: 'HQ-FAN',
      name: '外机风扇电机',
      uom: '个',
      priceFen: 21000,
      lowStockThreshold: 0,
    });
    expect(shared.statusCode, shared.body).toBe(201);
    const fan = shared.json().id as string;
    const received = await admin.post('/api/v1/part-movements', {
      kind: 'receive',
      partId: fan,
      toLocationId: warehouse,
      quantity: 5,
    });
    expect(received.statusCode, received.body).toBe(201);
    const transfer = (who: HttpSession, body: Record<string, unknown>) =>
      who.post('/api/v1/part-transfers', {
        partId: fan,
        fromLocationId: warehouse,
        toLocationId: otherStoreWarehouse,
        ...body,
      });
    const before = await movementsCount();
    // More than the source holds: 409, nothing written.
    const tooMany = await transfer(admin, { quantity: 6 });
    expect(tooMany.statusCode).toBe(409);
    expect(await movementsCount()).toBe(before);
    // Store A's warehouse keeper cannot reach store B's warehouse.
    expect((await transfer(s.wh!, { quantity: 1 })).json().code).toBe('parts.location_not_found');
    // Within one unit it is an ordinary transfer; the capacitor is store A's only, unknown to store B.
    expect((await transfer(admin, { quantity: 1, toLocationId: warehouse })).json().code).toBe(
      'parts.bad_movement',
    );
    expect((await transfer(admin, { quantity: 1, partId: capacitor })).json().code).toBe('parts.not_found');
    // The generic movement endpoint does not take half a transfer.
    expect(
      (
        await admin.post('/api/v1/part-movements', {
          kind: 'transfer_out',
          partId: fan,
          fromLocationId: warehouse,
          quantity: 1,
        })
      ).statusCode,
    ).toBe(400);

    const ok = await transfer(admin, { quantity: 3, reason: '春熙店缺货' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      out: { kind: 'transfer_out', fromLocationId: warehouse, toLocationId: null, quantity: 3 },
      in: { kind: 'transfer_in', fromLocationId: null, toLocationId: otherStoreWarehouse, quantity: 3 },
    });
    expect(await movementsCount()).toBe(before + 2);
    expect([await held(warehouse, fan), await held(otherStoreWarehouse, fan)]).toEqual([2, 3]);
    // Balance = sum of the journal, on both sides.
    const journal = await stockFromJournal(kefu.deps.db, [warehouse, otherStoreWarehouse]);
    expect(journal.filter((r) => r.part_id === fan).sort((a, b) => a.quantity - b.quantity)).toEqual([
      { location_id: warehouse, part_id: fan, quantity: 2 },
      { location_id: otherStoreWarehouse, part_id: fan, quantity: 3 },
    ]);
    // Each unit's journal shows its own row; one audit entry carries both.
    const bJournal = (
      await admin.get(`/api/v1/part-movements?unitId=${world.org.storeB.id}&partId=${fan}`)
    ).json().items;
    expect(bJournal.map((m: { kind: string }) => m.kind)).toEqual(['transfer_in']);
    const audits = await kefu.deps.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'part.transferred_between_units'), eq(auditLog.subjectId, fan)));
    expect(audits).toHaveLength(1);
  });
});
