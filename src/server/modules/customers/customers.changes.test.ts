import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let agentB: HttpSession;
let supervisorA: HttpSession;
let property: HttpSession;
let regionalSales: HttpSession;
let trainee: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let customer: {
  id: string;
  phones: { id: string; number: string }[];
  addresses: { id: string; address: string }[];
  assets: { id: string; kind: string; number: string | null }[];
};

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'chg.agent.a', org.storeA.id, 'agent');
  await createUser(admin, 'chg.agent.b', org.storeB.id, 'agent');
  await createUser(admin, 'chg.super.a', org.storeA.id, 'cs_supervisor');
  // The property company's clerk works at the project (store A); regional sales at the region.
  await createUser(admin, 'chg.property', org.storeA.id, 'department_member');
  await createUser(admin, 'chg.sales', org.east.id, 'department_head');
  await createUser(admin, 'chg.trainee', org.storeA.id, 'trainee');
  agentA = await kefu.login('chg.agent.a', TEST_PASSWORD);
  agentB = await kefu.login('chg.agent.b', TEST_PASSWORD);
  supervisorA = await kefu.login('chg.super.a', TEST_PASSWORD);
  property = await kefu.login('chg.property', TEST_PASSWORD);
  regionalSales = await kefu.login('chg.sales', TEST_PASSWORD);
  trainee = await kefu.login('chg.trainee', TEST_PASSWORD);
  const res = await agentA.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: '赵丽华',
    identityNumber: '310104198502021234',
    phones: [{ number: '13912340001', label: '手机' }],
    addresses: [{ address: '上海市徐汇区宜山路 100 弄 5 号 602 室' }],
    assets: [{ kind: 'house', name: '宜山花园 5 号楼', number: '5-602' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  customer = res.json();
});
afterAll(() => kefu.close());

const path = () => `/api/v1/customers/${customer.id}`;

describe('CUS-2 identity fields change only through a verified change form', () => {
  it('CUS-2: direct edits of name, phone, address, ID or room number are refused with a code; nothing changes', async () => {
    const house = customer.assets[0]!;
    const attempts = [
      { name: '赵丽' },
      { identityNumber: '310104198502029999' },
      { phones: [{ number: '13912340002' }] },
      { phones: [] },
      { phones: [{ id: customer.phones[0]!.id, number: '13912340009' }] },
      { addresses: [{ id: customer.addresses[0]!.id, address: '上海市闵行区' }] },
      { assets: [{ id: house.id, kind: 'house', name: '宜山花园 5 号楼', number: '5-603' }] },
    ];
    for (const body of attempts) {
      const res = await supervisorA.patch(path(), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(409);
      expect(res.json().code).toBe('customers.identity_change_needs_form');
    }
    const got = (await supervisorA.get(path())).json();
    expect(got.name).toBe('赵丽华');
    expect(got.identityNumber).toBe('310104198502021234');
    expect(got.phones.map((p: { number: string }) => p.number)).toEqual(['139 1234 0001']);
    expect(got.assets[0].number).toBe('5-602');
  });

  it('CUS-2: the rest of the record, labels and unchanged values still save directly', async () => {
    const res = await agentA.patch(path(), {
      name: '赵丽华',
      note: '喜欢下午来电',
      phones: [{ id: customer.phones[0]!.id, label: '本人手机' }],
      addresses: customer.addresses.map((a) => ({ id: a.id, address: a.address })),
      assets: [
        { id: customer.assets[0]!.id, kind: 'house', name: '宜山花园 5 号楼', number: '5-602' },
        { kind: 'product', name: '中央空调', model: 'KFR-72' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().note).toBe('喜欢下午来电');
    expect(res.json().phones[0].label).toBe('本人手机');
  });

  it('CUS-2: the property company submits a form; customer service verifies the ID number and it applies as a new version', async () => {
    const submitted = await property.post(`${path()}/changes`, {
      source: 'property_company',
      reason: '业主换了手机号，物业前台登记',
      changes: {
        phones: [{ number: '139 1234 0002', label: '新手机' }],
        rooms: [{ assetId: customer.assets[0]!.id, number: '5-602A' }],
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const change = submitted.json();
    expect(change).toMatchObject({
      status: 'submitted',
      source: 'property_company',
      fields: ['phones', 'rooms'],
    });
    expect(change.submittedBy.displayName).toBe('chg.property');
    // The property clerk may not see full numbers: the proposal is masked for them.
    expect(change.proposed.phones[0].number).toBe('139****0002');
    // Nothing changed yet.
    expect((await supervisorA.get(path())).json().phones[0].number).toBe('139 1234 0001');

    // No proof: refused. Wrong proof: refused, nothing changes.
    const noProof = await agentA.post(`${path()}/changes/${change.id}/apply`, { proofs: [] });
    expect(noProof.statusCode).toBe(400);
    expect(noProof.json().code).toBe('customers.change_proof_required');
    const wrong = await agentA.post(`${path()}/changes/${change.id}/apply`, {
      proofs: [{ kind: 'id_number', value: '310104198502029999' }],
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('customers.change_proof_mismatch');
    expect((await supervisorA.get(path())).json().phones[0].number).toBe('139 1234 0001');
    // The submitter cannot verify.
    const bySubmitter = await property.post(`${path()}/changes/${change.id}/apply`, {
      proofs: [{ kind: 'id_number', value: '310104198502021234' }],
    });
    expect(bySubmitter.statusCode).toBe(403);

    const applied = await agentA.post(`${path()}/changes/${change.id}/apply`, {
      proofs: [
        { kind: 'id_number', value: '310104 19850202 1234' },
        { kind: 'room', value: '5－602' },
      ],
      note: '客户到访，核对身份证原件',
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ status: 'applied', proofs: ['id_number', 'room'], version: 2 });
    expect(applied.json().decidedBy.displayName).toBe('chg.agent.a');
    const after = (await supervisorA.get(path())).json();
    expect(after.phones.map((p: { number: string }) => p.number)).toEqual(['139 1234 0002']);
    expect(after.assets.find((a: { kind: string }) => a.kind === 'house').number).toBe('5-602A');

    // Applying twice is refused.
    const again = await agentA.post(`${path()}/changes/${change.id}/apply`, {
      proofs: [{ kind: 'phone', value: '13912340002' }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('customers.change_not_open');
  });

  it('CUS-2: every version is kept and shown with who, when, why and which proof; numbers masked for agents', async () => {
    const res = await supervisorA.get(`${path()}/versions`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(items[0]).toMatchObject({
      kind: 'change_form',
      reason: '业主换了手机号，物业前台登记',
      source: 'property_company',
      proofs: ['id_number', 'room'],
    });
    expect(items[0].by.displayName).toBe('chg.agent.a');
    expect(items[0].snapshot.phones[0].number).toBe('139 1234 0002');
    expect(items[1].snapshot.phones[0].number).toBe('139 1234 0001');
    expect(items[1].snapshot.rooms[0].number).toBe('5-602');
    expect(items[1]).toMatchObject({ kind: 'created', reason: null, source: null });
    expect(items[1].by.displayName).toBe('chg.agent.a');
    const masked = (await agentA.get(`${path()}/versions`)).json().items;
    expect(masked[1].snapshot.phones[0].number).toBe('139****0001');
    expect(masked[1].snapshot.identityNumber).toBe('310104********1234');
    expect(JSON.stringify(masked)).not.toContain('13912340001');
  });

  it('CUS-2: regional sales submits; a phone on file verifies; a refused form changes nothing and is audited', async () => {
    const form = await regionalSales.post(`${path()}/changes`, {
      source: 'regional_sales',
      reason: '交房前核对，客户更名',
      changes: { name: '赵丽华（业主）', identityNumber: '31010419850202123X' },
    });
    expect(form.statusCode, form.body).toBe(201);
    const refused = await supervisorA.post(`${path()}/changes/${form.json().id}/reject`, {
      note: '客户本人未到场，无法核实',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'rejected', decisionNote: '客户本人未到场，无法核实' });
    expect((await supervisorA.get(path())).json().name).toBe('赵丽华');

    const second = (
      await regionalSales.post(`${path()}/changes`, {
        source: 'sales_management',
        reason: '客户更名，提供户口本',
        changes: { name: '赵丽娟' },
      })
    ).json();
    const ok = await supervisorA.post(`${path()}/changes/${second.id}/apply`, {
      proofs: [{ kind: 'phone', value: '+86 139-1234-0002' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await supervisorA.get(path())).json().name).toBe('赵丽娟');

    const audit = (await admin.get(`/api/v1/audit?subjectType=customer&subjectId=${customer.id}`)).json();
    const actions = audit.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'customer.change_submitted',
        'customer.change_applied',
        'customer.change_refused',
      ]),
    );
    // The trail never holds the full numbers.
    expect(JSON.stringify(audit)).not.toContain('13912340002');

    const queueRes = await supervisorA.get('/api/v1/customers/changes?status=applied');
    expect(queueRes.statusCode, queueRes.body).toBe(200);
    const queue = queueRes.json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(second.id);
  });

  it('CUS-2: two waiting forms on one field — applying one makes the other stale (409 change_stale); a form on another field still applies', async () => {
    const created = await agentA.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '钱两表',
      identityNumber: '310104197703031235',
      phones: [{ number: '13912347001' }],
      addresses: [{ address: '上海市闵行区虹梅路 1 号' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const phoneId = created.json().phones[0].id as string;
    const submit = async (session: HttpSession, source: string, changes: Record<string, unknown>) => {
      const res = await session.post(`/api/v1/customers/${id}/changes`, {
        source,
        reason: '客户来电变更',
        changes,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    // The property company and regional sales each send a form for the phone, sales also one for the address.
    const byProperty = await submit(property, 'property_company', { phones: [{ number: '13912347002' }] });
    const bySales = await submit(regionalSales, 'regional_sales', {
      phones: [{ id: phoneId }, { number: '13912347003' }],
    });
    const address = await submit(regionalSales, 'regional_sales', {
      addresses: [{ address: '上海市闵行区虹梅路 2 号' }],
    });
    const proofs = { proofs: [{ kind: 'id_number', value: '310104197703031235' }] };
    const first = await supervisorA.post(`/api/v1/customers/${id}/changes/${byProperty}/apply`, proofs);
    expect(first.statusCode, first.body).toBe(200);

    const forms = async () =>
      (await supervisorA.get(`/api/v1/customers/${id}/changes`)).json().items as {
        id: string;
        status: string;
        decisionNote: string | null;
      }[];
    const stale = (await forms()).find((f) => f.id === bySales);
    expect(stale).toMatchObject({ status: 'stale' });
    expect(stale!.decisionNote).toContain('已被另一份变更登记表取代');
    const late = await supervisorA.post(`/api/v1/customers/${id}/changes/${bySales}/apply`, proofs);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('customers.change_stale');
    // The first form's phone stands; the stale one did not bring 13912347001 back.
    const record = (await supervisorA.get(`/api/v1/customers/${id}`)).json();
    expect(record.phones).toHaveLength(1);

    // The address form touched another field: it still waits and applies.
    expect((await forms()).find((f) => f.id === address)?.status).toBe('submitted');
    const other = await supervisorA.post(`/api/v1/customers/${id}/changes/${address}/apply`, proofs);
    expect(other.statusCode, other.body).toBe(200);
    const after = (await supervisorA.get(`/api/v1/customers/${id}`)).json();
    expect(after.addresses.map((a: { address: string }) => a.address)).toEqual(['上海市闵行区虹梅路 2 号']);
    expect(after.phones).toHaveLength(1);
    const queue = (await supervisorA.get('/api/v1/customers/changes?status=stale')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(bySales);
  });

  it('CUS-2: bad forms are refused: empty, unknown ids, bad numbers, no right, other store', async () => {
    const empty = await property.post(`${path()}/changes`, {
      source: 'property_company',
      reason: 'x',
      changes: {},
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('customers.change_empty');
    const foreign = await property.post(`${path()}/changes`, {
      source: 'property_company',
      reason: 'x',
      changes: { rooms: [{ assetId: crypto.randomUUID(), number: '1-101' }] },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('customers.item_not_found');
    const badPhone = await property.post(`${path()}/changes`, {
      source: 'property_company',
      reason: 'x',
      changes: { phones: [{ number: '12345' }] },
    });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().code).toBe('customers.invalid_phone');
    const noRight = await trainee.post(`${path()}/changes`, {
      source: 'customer_service',
      reason: 'x',
      changes: { name: 'y' },
    });
    expect(noRight.statusCode).toBe(403);
    const otherStore = await agentB.post(`${path()}/changes`, {
      source: 'customer_service',
      reason: 'x',
      changes: { name: 'y' },
    });
    expect(otherStore.statusCode).toBe(404);
    expect((await property.get(`${path()}/changes`)).json().total).toBe(3);
  });

  it('CUS-2: a draft taken down during a call is completed directly, and that is kept as a version', async () => {
    const draft = (
      await agentA.post('/api/v1/customers', {
        unitId: org.storeA.id,
        name: '来电 139 1234 0077',
        draft: true,
        phones: [{ number: '13912340077' }],
      })
    ).json();
    const done = await agentA.patch(`/api/v1/customers/${draft.id}`, { name: '孙强', draft: false });
    expect(done.statusCode, done.body).toBe(200);
    const versions = (await agentA.get(`/api/v1/customers/${draft.id}/versions`)).json().items;
    expect(versions.map((v: { kind: string }) => v.kind)).toEqual(['draft', 'created']);
    expect(versions[0].snapshot.name).toBe('孙强');
    const locked = await agentA.patch(`/api/v1/customers/${draft.id}`, { name: '孙小强' });
    expect(locked.statusCode).toBe(409);
  });
});
