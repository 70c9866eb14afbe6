import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../app/db';
import { searchDocument } from '../../app/chinese-text';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { SEARCH_COUNT_CAP } from './tickets.queries';

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let agentB: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let sofa: { id: string; number: string };
let table: { id: string; number: string };
let wardrobe: { id: string; number: string };

type Item = { id: string; number: string; subject: string };
const found = async (session: HttpSession, query: string): Promise<string[]> => {
  const res = await session.get(`/api/v1/tickets?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Item[]).map((i) => i.id);
};
const q = (text: string) => `q=${encodeURIComponent(text)}`;

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'search_a', org.storeA.id, 'agent');
  await createUser(admin, 'search_b', org.storeB.id, 'agent');
  agentA = await kefu.login('search_a', TEST_PASSWORD);
  agentB = await kefu.login('search_b', TEST_PASSWORD);
  const customer = await agentA.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: '欧阳建华',
    phones: [{ number: '139 8765 4321' }],
  });
  expect(customer.statusCode, customer.body).toBe(201);
  const create = async (extra: Record<string, unknown>) => {
    const res = await agentA.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'soft_complaint',
      channel: 'phone',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; number: string };
  };
  sofa = await create({
    subject: '客户反映沙发扶手开裂',
    description: '去年购买的真皮沙发，扶手处出现开裂',
    contactPhone: '138-1234-5678',
  });
  table = await create({ subject: '餐桌桌面掉漆', customerId: customer.json().id });
  wardrobe = await create({ subject: '衣柜门板异响' });
  const reply = await agentA.post(`/api/v1/tickets/${wardrobe.id}/replies`, {
    body: '已安排师傅周三上门调整合页',
  });
  expect(reply.statusCode, reply.body).toBe(200);
  const note = await agentA.post(`/api/v1/tickets/${table.id}/notes`, { body: '客户要求赔偿补漆费用' });
  expect(note.statusCode, note.body).toBe(200);
});
afterAll(() => kefu.close());

describe('ticket search (GET /tickets?q=)', () => {
  it('finds a ticket by two Chinese words of its subject and description, every word required', async () => {
    expect(await found(agentA, q('沙发 开裂'))).toEqual([sofa.id]);
    expect(await found(agentA, q('真皮沙发扶手'))).toEqual([sofa.id]);
    expect(await found(agentA, q('沙发 掉漆'))).toEqual([]);
  });

  it('finds a ticket by the words of a reply, a note and the customer name', async () => {
    expect(await found(agentA, q('上门 合页'))).toEqual([wardrobe.id]);
    expect(await found(agentA, q('赔偿 补漆'))).toEqual([table.id]);
    expect(await found(agentA, q('欧阳建华'))).toEqual([table.id]);
  });

  it('IN-3: finds a ticket by part of the contact phone however it was typed, and by the customer phone', async () => {
    expect(await found(agentA, q('5678'))).toEqual([sofa.id]);
    expect(await found(agentA, q('1234-5678'))).toEqual([sofa.id]);
    expect(await found(agentA, q('87654321'))).toEqual([table.id]);
    expect(await found(agentA, q('+86 139 8765 4321'))).toEqual([table.id]);
  });

  it('finds a ticket by the start of its number, with or without the T', async () => {
    expect(await found(agentA, q(sofa.number))).toEqual([sofa.id]);
    expect(await found(agentA, q(table.number.slice(1)))).toEqual([table.id]);
    const all = await found(agentA, q(sofa.number.slice(0, 9)));
    expect(all).toEqual(expect.arrayContaining([sofa.id, table.id, wardrobe.id]));
  });

  it('combines the words with the other filters', async () => {
    const res = await found(agentA, `${q('沙发')}&type=repair`);
    expect(res).toEqual([]);
    expect(await found(agentA, `${q('沙发')}&type=soft_complaint&state=new`)).toEqual([sofa.id]);
  });

  it('ORG-1: an agent of another store never finds the ticket — by words, phone or number', async () => {
    expect(await found(agentB, q('沙发 开裂'))).toEqual([]);
    expect(await found(agentB, q('5678'))).toEqual([]);
    expect(await found(agentB, q(sofa.number))).toEqual([]);
    expect((await agentB.get(`/api/v1/tickets/${sofa.id}`)).statusCode).toBe(404);
    // HQ's administrator sees every store.
    expect(await found(admin, q('沙发 开裂'))).toEqual([sofa.id]);
  });

  it('query operators and punctuation in q cannot break the search', async () => {
    expect(await found(agentA, q("沙发 & !开裂 ' :*"))).toEqual([sofa.id]);
    expect((await agentA.get(`/api/v1/tickets?${q('，。！')}`)).statusCode).toBe(200);
  });
});

describe('saved views (GET/POST/DELETE /ticket-views)', () => {
  it('lists the built-in views, saves, refuses a duplicate name and bad filters, deletes only its own', async () => {
    const builtIn = (await agentA.get('/api/v1/ticket-views')).json().items as {
      id: string;
      builtIn: boolean;
    }[];
    expect(builtIn.map((v) => v.id)).toEqual([
      'my_queue',
      'due_today',
      'breached',
      'at_risk',
      'waiting_department',
    ]);
    const filters = { q: '沙发', type: 'soft_complaint,hard_complaint', view: 'my_queue' };
    const saved = await agentA.post('/api/v1/ticket-views', { name: '我的沙发投诉', filters });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ name: '我的沙发投诉', builtIn: false, filters });
    const again = await agentA.post('/api/v1/ticket-views', { name: '我的沙发投诉', filters: {} });
    expect([again.statusCode, again.json().code]).toEqual([409, 'tickets.view_name_taken']);
    const bad = await agentA.post('/api/v1/ticket-views', { name: '坏的', filters: { type: 'nonsense' } });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'validation.failed']);
    // The saved filters work as the list's query string.
    const viaView = await found(agentA, new URLSearchParams(filters).toString());
    expect(viaView).toEqual([sofa.id]);
    // Another person neither sees nor deletes it.
    const theirs = (await agentB.get('/api/v1/ticket-views')).json().items as { builtIn: boolean }[];
    expect(theirs.filter((v) => !v.builtIn)).toEqual([]);
    const id = saved.json().id as string;
    expect((await agentB.request('DELETE', `/api/v1/ticket-views/${id}`)).statusCode).toBe(404);
    expect((await agentA.request('DELETE', `/api/v1/ticket-views/${id}`)).statusCode).toBe(204);
    const mine = (await agentA.get('/api/v1/ticket-views')).json().items as { builtIn: boolean }[];
    expect(mine.filter((v) => !v.builtIn)).toEqual([]);
    const trail = await kefu.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
    expect(trail.map((a) => a.action).sort()).toEqual(['tickets.view_deleted', 'tickets.view_saved']);
  });
});

describe('a word that matches more tickets than are worth counting', () => {
  it('counts up to 1,000, says "more than", and pages newest first exactly as the whole list would', async () => {
    // 1,050 tickets of store A share two words, received one a day back over almost three years —
    // so pages lie in the newest month, the half year, the two years and beyond.
    const words = searchDocument('柜体开胶');
    const columns = rowsOf<{ name: string }>(
      await kefu.deps.db.execute(sql`select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = 'tickets' and is_generated = 'NEVER'
          and column_name not in ('id', 'number', 'received_at', 'search_text')`),
    )
      .map((c) => `"${c.name}"`)
      .join(', ');
    await kefu.deps.db.execute(
      sql.raw(`insert into tickets (id, number, received_at, search_text, ${columns})
        select gen_random_uuid(), 'S' || lpad(g::text, 6, '0'), now() - g * interval '1 day' * 1000 / 1050,
          '${words}', ${columns}
        from tickets, generate_series(1, 1050) g where id = '${wardrobe.id}'`),
    );
    const newestFirst = rowsOf<{ id: string }>(
      await kefu.deps.db.execute(
        sql`select id from tickets where number like 'S%' order by received_at desc, number desc`,
      ),
    ).map((r) => r.id);

    const page = async (n: number) => {
      const res = await agentA.get(`/api/v1/tickets?${q('柜体 开胶')}&page=${n}&pageSize=20`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Item[]; total: number; totalCapped: boolean };
    };
    const first = await page(1);
    expect(first).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    for (const n of [1, 2, 3, 20, 45, 53])
      expect(
        (await page(n)).items.map((i) => i.id),
        `page ${n}`,
      ).toEqual(newestFirst.slice((n - 1) * 20, n * 20));
    // A handful of matches is counted exactly.
    expect(
      (await agentA.get(`/api/v1/tickets?${q('沙发 开裂')}`)).json() as {
        total: number;
        totalCapped: boolean;
      },
    ).toMatchObject({ total: 1, totalCapped: false });
  });
});
