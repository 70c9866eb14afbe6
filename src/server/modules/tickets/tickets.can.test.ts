import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketCan, TicketDetail } from '../../../shared/tickets';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

let kefu: TestKefu;
let agent: HttpSession;
let auditor: HttpSession;
let otherStoreAgent: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'can_agent', org.storeA.id, 'agent');
  await createUser(admin, 'can_auditor', org.storeA.id, 'auditor');
  await createUser(admin, 'can_agent_b', org.storeB.id, 'agent');
  agent = await kefu.login('can_agent', TEST_PASSWORD);
  auditor = await kefu.login('can_auditor', TEST_PASSWORD);
  otherStoreAgent = await kefu.login('can_agent_b', TEST_PASSWORD);
});
afterAll(() => kefu.close());

async function open(type = 'repair'): Promise<TicketDetail> {
  const res = await agent.post('/api/v1/tickets', {
    unitId: org.storeA.id,
    type,
    channel: 'phone',
    subject: '沙发扶手开裂，要求上门维修',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const read = async (session: HttpSession, id: string) => (await session.get(`/api/v1/tickets/${id}`)).json();
const move = async (id: string, to: string, reason?: string): Promise<TicketDetail> => {
  const res = await agent.post(`/api/v1/tickets/${id}/transition`, { to, reason });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const NOTHING: TicketCan = {
  edit: false,
  note: false,
  reply: false,
  milestone: false,
  assign: false,
  reclassify: false,
  merge: false,
  transition: false,
  resolve: false,
  close: false,
  reopen: false,
  cancel: false,
};

describe('ORG-1: the ticket says what this person may do on it now (can)', () => {
  it('ORG-1: an agent of the store may work an open ticket; a read-only auditor of the same store may do nothing', async () => {
    const t = await open();
    expect(t.can).toEqual({
      edit: true,
      note: true,
      reply: true,
      milestone: true,
      assign: true,
      reclassify: true,
      merge: true,
      transition: true,
      resolve: true,
      close: false,
      reopen: false,
      cancel: true,
    });
    const seen = await read(auditor, t.id);
    expect(seen.id).toBe(t.id);
    expect(seen.can).toEqual(NOTHING);
    // The server still refuses what `can` withholds, and allows what it grants.
    expect(
      (await auditor.post(`/api/v1/tickets/${t.id}/notes`, { body: '审计员试图加备注' })).statusCode,
    ).toBe(403);
    expect((await agent.post(`/api/v1/tickets/${t.id}/notes`, { body: '已约客户周三上门' })).statusCode).toBe(
      200,
    );
  });

  it('ORG-1: an agent of another store does not see the ticket at all, so it carries no `can` for them', async () => {
    const t = await open();
    expect((await otherStoreAgent.get(`/api/v1/tickets/${t.id}`)).statusCode).toBe(404);
  });

  it('ORG-1: the state decides too: a resolved ticket may be closed or reopened, a closed one only reopened, a cancelled one nothing', async () => {
    const t = await open();
    const resolved = await move(t.id, 'resolved');
    expect(resolved.can).toMatchObject({
      assign: false,
      reclassify: false,
      merge: false,
      resolve: false,
      close: true,
      reopen: true,
      cancel: false,
      transition: true,
    });
    const closed = await move(t.id, 'closed');
    expect(closed.can).toMatchObject({ close: false, reopen: true, cancel: false, assign: false });
    expect((await read(auditor, t.id)).can).toEqual(NOTHING);

    const other = await open();
    const cancelled = await move(other.id, 'cancelled', '客户重复来电，已在另一张工单处理');
    expect(cancelled.can).toMatchObject({
      transition: false,
      resolve: false,
      close: false,
      reopen: false,
      cancel: false,
      assign: false,
      edit: true,
    });
  });

  it('ORG-1 with CMP-5: a resolved hard complaint closes only through the close-out chain, so `close` stays false', async () => {
    const t = await open('hard_complaint');
    const resolved = await move(t.id, 'resolved');
    expect(resolved.allowedTransitions).toContain('closed');
    expect(resolved.can.close).toBe(false);
    expect(resolved.can.reopen).toBe(true);
    const refused = await agent.post(`/api/v1/tickets/${t.id}/transition`, { to: 'closed' });
    expect(refused.statusCode).toBe(409);
  });
});
