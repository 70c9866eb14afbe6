import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

// Real estate: the property-title number (产权证号) is due 14 calendar days after the certificate
// date (CUS-1); the archive handed over from sales is checked on arrival (CUS-5).

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let agentB: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;

async function buyer(session: HttpSession, unitId: string, name: string, house?: Record<string, unknown>) {
  const res = await session.post('/api/v1/customers', {
    unitId,
    name,
    phones: [{ number: '13911112222' }],
    addresses: [{ address: '上海市徐汇区漕溪北路 1 号 2 栋 1201 室' }],
    ...(house ? { assets: [{ kind: 'house', name: '徐汇公馆', number: '2-1201', ...house }] } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; assets: { id: string; titleDueOn: string | null }[] };
}

beforeAll(async () => {
  kefu = await createTestKefu();
  // 2026-03-20 in Shanghai.
  kefu.clock.set(new Date('2026-03-20T02:00:00Z'));
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 're.agent.a', org.storeA.id, 'agent');
  await createUser(admin, 're.agent.b', org.storeB.id, 'agent');
  agentA = await kefu.login('re.agent.a', TEST_PASSWORD);
  agentB = await kefu.login('re.agent.b', TEST_PASSWORD);
});
afterAll(() => kefu.close());

type TitleList = {
  items: { customerName: string; dueOn: string; daysOverdue: number; roomNumber: string }[];
  total: number;
};

describe('property-title number', () => {
  it('CUS-1: a house keeps its room and title number; the title is due 14 calendar days after the certificate', async () => {
    const late = await buyer(agentA, org.storeA.id, '产权逾期', { titleCertificateOn: '2026-03-05' });
    expect(late.assets[0]!.titleDueOn).toBe('2026-03-19');
    const onTime = await buyer(agentA, org.storeA.id, '产权未到期', { titleCertificateOn: '2026-03-06' });
    expect(onTime.assets[0]!.titleDueOn).toBe('2026-03-20');
    await buyer(agentA, org.storeA.id, '产权已交', {
      titleCertificateOn: '2026-03-01',
      titleNumber: '沪(2026)徐汇区不动产权第0012345号',
    });
    await buyer(agentB, org.storeB.id, '成都逾期', { titleCertificateOn: '2026-03-01' });

    const overdue = (await agentA.get('/api/v1/customers/property-titles?state=overdue')).json() as TitleList;
    expect(overdue.items.map((i) => [i.customerName, i.dueOn, i.daysOverdue, i.roomNumber])).toEqual([
      ['产权逾期', '2026-03-19', 1, '2-1201'],
    ]);
    const pending = (await agentA.get('/api/v1/customers/property-titles?state=pending')).json() as TitleList;
    expect(pending.items.map((i) => i.customerName)).toEqual(['产权未到期']);
    // The whole company's list holds both stores' overdue titles.
    const all = (await admin.get('/api/v1/customers/property-titles')).json() as TitleList;
    expect(all.items.map((i) => i.customerName).sort()).toEqual(['产权逾期', '成都逾期'].sort());
  });

  it('CUS-1: supplying the title number takes the house off the overdue list; other edits keep it', async () => {
    const c = await buyer(agentA, org.storeA.id, '补交产权', { titleCertificateOn: '2026-03-02' });
    const house = c.assets[0]!;
    // An edit that leaves the title fields out keeps them.
    let res = await agentA.patch(`/api/v1/customers/${c.id}`, {
      assets: [{ id: house.id, kind: 'house', name: '徐汇公馆', number: '2-1201', note: '精装' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assets[0].titleCertificateOn).toBe('2026-03-02');
    let overdue = (await agentA.get('/api/v1/customers/property-titles')).json() as TitleList;
    expect(overdue.items.map((i) => i.customerName)).toContain('补交产权');
    res = await agentA.patch(`/api/v1/customers/${c.id}`, {
      assets: [
        { id: house.id, kind: 'house', name: '徐汇公馆', number: '2-1201', titleNumber: '沪(2026)第0099号' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    overdue = (await agentA.get('/api/v1/customers/property-titles')).json() as TitleList;
    expect(overdue.items.map((i) => i.customerName)).not.toContain('补交产权');
  });
});

describe('CUS-5 hand-over check', () => {
  it('CUS-5: a received record is listed until checked; room, phone and address ticked or the problem noted', async () => {
    const c = await buyer(agentA, org.storeA.id, '移交核对');
    const other = await buyer(agentA, org.storeA.id, '移交有问题');
    // The house is handed over on 2026-04-25: the archive was due by 2026-03-25, received 2026-03-20.
    let res = await agentA.post(`/api/v1/customers/${c.id}/handover`, { handoverOn: '2026-04-25' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      receivedOn: '2026-03-20',
      dueOn: '2026-03-25',
      receivedLate: false,
      checked: false,
    });
    expect(
      (await agentA.post(`/api/v1/customers/${c.id}/handover`, { handoverOn: '2026-04-25' })).statusCode,
    ).toBe(409);
    res = await agentA.post(`/api/v1/customers/${other.id}/handover`, { handoverOn: '2026-04-10' });
    expect(res.json()).toMatchObject({ dueOn: '2026-03-10', receivedLate: true });

    let unchecked = (await agentA.get('/api/v1/customers/handover-checks')).json() as {
      items: { customerName: string }[];
    };
    expect(unchecked.items.map((i) => i.customerName).sort()).toEqual(['移交核对', '移交有问题'].sort());
    // Another store's agent sees none of them.
    expect((await agentB.get('/api/v1/customers/handover-checks')).json().total).toBe(0);

    // An item not ticked needs the problem written down.
    res = await agentA.post(`/api/v1/customers/${other.id}/handover/check`, {
      roomOk: true,
      phoneOk: false,
      addressOk: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'customers.handover_check_incomplete',
      details: { unticked: ['phone'] },
    });
    res = await agentA.post(`/api/v1/customers/${other.id}/handover/check`, {
      roomOk: true,
      phoneOk: false,
      addressOk: true,
      problem: '销售登记的电话是空号，已联系销售核实',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ checked: true, outcome: 'problem', checkedBy: expect.any(String) });
    res = await agentA.post(`/api/v1/customers/${c.id}/handover/check`, {
      roomOk: true,
      phoneOk: true,
      addressOk: true,
    });
    expect(res.json()).toMatchObject({ outcome: 'passed', problem: null });
    expect(
      (
        await agentA.post(`/api/v1/customers/${c.id}/handover/check`, {
          roomOk: true,
          phoneOk: true,
          addressOk: true,
        })
      ).statusCode,
    ).toBe(409);

    unchecked = (await agentA.get('/api/v1/customers/handover-checks')).json();
    expect(unchecked.items).toEqual([]);
    const checked = (await agentA.get('/api/v1/customers/handover-checks?state=checked')).json() as {
      total: number;
    };
    expect(checked.total).toBe(2);
    expect((await agentA.get(`/api/v1/customers/${c.id}/handover`)).json().check).toMatchObject({
      outcome: 'passed',
    });
    // Checking a record never received is 404.
    const none = await buyer(agentA, org.storeA.id, '未移交');
    expect(
      (
        await agentA.post(`/api/v1/customers/${none.id}/handover/check`, {
          roomOk: true,
          phoneOk: true,
          addressOk: true,
        })
      ).statusCode,
    ).toBe(404);
    const audit = await admin.get(
      `/api/v1/audit?subjectType=customer&subjectId=${other.id}&action=customer.handover_checked`,
    );
    expect(audit.json().items).toHaveLength(1);
  });
});
