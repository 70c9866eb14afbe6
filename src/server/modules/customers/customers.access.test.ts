import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { ACCESS_COALESCE_MINUTES } from './customers.access';

// CUS-3: every staff view, unmask and export of the archive is logged; an export above the
// configured row count (here 2) leaves the system only once approved.

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let keeperA: HttpSession;
let keeperB: HttpSession;
let gm: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let agentAId: string;
const ids: string[] = [];

interface Entry {
  kind: string;
  times: number;
  user: { id: string; displayName: string };
  customer: { id: string; name: string } | null;
  reason: string | null;
  rows: number | null;
  exportId: string | null;
}

async function accessOf(session: HttpSession, query: string) {
  const res = await session.get(`/api/v1/customers/access?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Entry[]; total: number };
}

beforeAll(async () => {
  kefu = await createTestKefu({ KEFU_CUSTOMER_EXPORT_APPROVAL_ROWS: '2' });
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  agentAId = (await createUser(admin, 'acc.agent.a', org.storeA.id, 'agent')).id;
  await createUser(admin, 'acc.keeper.a', org.storeA.id, 'cs_supervisor');
  await createUser(admin, 'acc.keeper.b', org.storeB.id, 'cs_supervisor');
  await createUser(admin, 'acc.gm', org.hq.id, 'general_manager');
  agentA = await kefu.login('acc.agent.a', TEST_PASSWORD);
  keeperA = await kefu.login('acc.keeper.a', TEST_PASSWORD);
  keeperB = await kefu.login('acc.keeper.b', TEST_PASSWORD);
  gm = await kefu.login('acc.gm', TEST_PASSWORD);
  for (const [name, phone] of [
    ['赵一', '13900000001'],
    ['钱二', '13900000002'],
    ['孙三', '13900000003'],
  ] as const) {
    const res = await agentA.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name,
      phones: [{ number: phone }],
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
});
afterAll(() => kefu.close());

describe('CUS-3 access log', () => {
  it('CUS-3: every view of a record and of its caller card is logged; repeats within the window are one row', async () => {
    const [zhao, qian] = ids;
    expect((await agentA.get(`/api/v1/customers/${zhao}`)).statusCode).toBe(200);
    expect((await agentA.get(`/api/v1/customers/${zhao}`)).statusCode).toBe(200);
    expect((await agentA.get(`/api/v1/customers/${zhao}/card`)).statusCode).toBe(200);
    let log = await accessOf(keeperA, `customerId=${zhao}&userId=${agentAId}`);
    expect(log.items.map((e) => [e.kind, e.times]).sort()).toEqual([
      ['card', 1],
      ['view', 2],
    ]);
    // After the window a view is a new row.
    kefu.clock.advanceBy((ACCESS_COALESCE_MINUTES + 1) * 60_000);
    await agentA.get(`/api/v1/customers/${zhao}`);
    await agentA.get(`/api/v1/customers/${qian}`);
    log = await accessOf(keeperA, `customerId=${zhao}&kind=view`);
    expect(log.items.map((e) => e.times)).toEqual([1, 2]);
    // By person: the agent's rows cover both customers.
    const byPerson = await accessOf(keeperA, `userId=${agentAId}&kind=view`);
    expect(new Set(byPerson.items.map((e) => e.customer?.name))).toEqual(new Set(['赵一', '钱二']));
    // Paging.
    const page = await accessOf(keeperA, `userId=${agentAId}&pageSize=1&page=2`);
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(4);
  });

  it('CUS-3 / CUS-4: an unmask is logged with its reason', async () => {
    const res = await keeperA.post(`/api/v1/customers/${ids[2]}/unmask`, { reason: '客户来电核对号码' });
    expect(res.statusCode, res.body).toBe(200);
    const log = await accessOf(keeperA, `customerId=${ids[2]}&kind=unmask`);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ reason: '客户来电核对号码', user: { displayName: 'acc.keeper.a' } });
  });

  it('CUS-3: the log is the keeper’s: an agent is refused, another store’s keeper sees none of it', async () => {
    expect((await agentA.get('/api/v1/customers/access')).statusCode).toBe(403);
    expect((await accessOf(keeperB, '')).total).toBe(0);
    const other = await keeperB.get(`/api/v1/customers/access?customerId=${ids[0]}`);
    expect(other.statusCode).toBe(404);
  });

  it('CUS-3: the access log exports to Excel for the keeper', async () => {
    const res = await keeperA.get(`/api/v1/customers/access/export.xlsx?userId=${agentAId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-export-rows']).toBe('4');
  });
});

describe('CUS-3 exports: a reason always, an approval above the limit', () => {
  it('CUS-3: an export without a reason is refused (400); within the limit it is logged with its reason', async () => {
    const noReason = await agentA.get(`/api/v1/customers/export.xlsx?q=${encodeURIComponent('赵一')}`);
    expect(noReason.statusCode).toBe(400);
    const ok = await agentA.get(
      `/api/v1/customers/export.xlsx?q=${encodeURIComponent('赵一')}&reason=${encodeURIComponent('寄送保修卡')}`,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const log = await accessOf(keeperA, `kind=export&userId=${agentAId}`);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ reason: '寄送保修卡', rows: 1, customer: null });
  });

  it('CUS-3: above the limit the export is refused until a request is approved, then downloadable by its requester', async () => {
    const reason = encodeURIComponent('年度回访名单');
    const direct = await agentA.get(`/api/v1/customers/export.xlsx?unitId=${org.storeA.id}&reason=${reason}`);
    expect(direct.statusCode).toBe(403);
    expect(direct.json().code).toBe('customers.export_needs_approval');

    const noReason = await agentA.post('/api/v1/customers/exports', { filter: { unitId: org.storeA.id } });
    expect(noReason.statusCode).toBe(400);
    const small = await agentA.post('/api/v1/customers/exports', {
      filter: { q: '赵一' },
      reason: '寄送保修卡',
    });
    expect(small.statusCode).toBe(409);
    expect(small.json().code).toBe('customers.export_needs_no_approval');

    const req = await agentA.post('/api/v1/customers/exports', {
      filter: { unitId: org.storeA.id },
      reason: '年度回访名单',
    });
    expect(req.statusCode, req.body).toBe(201);
    const exportId = req.json().id as string;
    expect(req.json()).toMatchObject({ status: 'pending', rows: 3 });
    const early = await agentA.get(`/api/v1/customers/exports/${exportId}/download.xlsx`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('customers.export_not_approved');

    const inbox = (await gm.get('/api/v1/approvals/inbox')).json().waiting as {
      id: string;
      subjectId: string;
    }[];
    const approval = inbox.find((a) => a.subjectId === exportId);
    expect(approval).toBeTruthy();
    const approved = await gm.post(`/api/v1/approvals/${approval!.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);

    const mine = (await agentA.get('/api/v1/customers/exports?mine=true')).json();
    expect(mine.items[0]).toMatchObject({ id: exportId, status: 'approved' });
    // Only the requester downloads it.
    expect((await keeperA.get(`/api/v1/customers/exports/${exportId}/download.xlsx`)).statusCode).toBe(404);
    const file = await agentA.get(`/api/v1/customers/exports/${exportId}/download.xlsx`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['x-export-rows']).toBe('3');
    const log = await accessOf(keeperA, `kind=export&userId=${agentAId}`);
    expect(log.items.find((e) => e.exportId === exportId)).toMatchObject({ reason: '年度回访名单', rows: 3 });
    // The keeper sees the request among the unit's exports.
    const all = (await keeperA.get('/api/v1/customers/exports')).json();
    expect(all.items.map((e: { id: string }) => e.id)).toContain(exportId);
  });
});
