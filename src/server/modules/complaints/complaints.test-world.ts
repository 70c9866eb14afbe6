import { expect } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession } from '../../test/test-app';

// Shared by complaints.test.ts and department-replies.test.ts: one organisation with a store
// department, the people who handle complaints, and the HTTP helpers the tests speak through.

export type Target = { key: string; state: string; dueAt: string | null; committedAt: string | null };
export type Ticket = {
  id: string;
  number: string;
  state: string;
  slaTargets: Target[];
  timeline: { type: string; visibility: string; body: Record<string, unknown> }[];
};
type Person =
  | 'c_agent_a'
  | 'c_agent_a2'
  | 'c_agent_b'
  | 'c_dept_member'
  | 'c_dept_head'
  | 'c_supervisor'
  | 'c_gm'
  | 'c_qm'
  | 'c_qm_b'
  | 'c_kpi';

/** The clock stands at Monday 2 March 2026, 10:00 in Shanghai; 2–6 and 9–13 March are working days. */
export async function createComplaintsWorld() {
  // Department replies come a day later: sessions must outlive the moved clock.
  const kefu = await createTestKefu({
    KEFU_SESSION_IDLE_MINUTES: '10080',
    KEFU_SESSION_ABSOLUTE_HOURS: '2000',
  });
  const admin = await kefu.login('admin');
  const org = await buildOrganisation(admin);
  const ids = {} as Record<Person, string>;
  const people: [Person, string, string][] = [
    ['c_agent_a', org.storeA.id, 'agent'],
    ['c_agent_a2', org.storeA.id, 'agent'],
    ['c_agent_b', org.storeB.id, 'agent'],
    ['c_dept_member', org.storeAEngineering.id, 'department_member'],
    ['c_dept_head', org.storeAEngineering.id, 'department_head'],
    ['c_supervisor', org.storeA.id, 'cs_supervisor'],
    ['c_gm', org.hq.id, 'general_manager'],
    ['c_qm', org.hq.id, 'quality_manager'],
    ['c_qm_b', org.storeB.id, 'quality_manager'],
    ['c_kpi', org.hq.id, 'performance_assessor'],
  ];
  for (const [name, unit, role] of people) ids[name] = (await createUser(admin, name, unit, role)).id;
  const login = (username: string) => kefu.login(username, TEST_PASSWORD);
  const agentA = await login('c_agent_a');
  const rules = await admin.request('PUT', `/api/v1/routing-rules?unitId=${org.storeA.id}`, {
    rules: [{ rectificationKind: 'engineering', departmentId: org.storeAEngineering.id }],
  });
  expect(rules.statusCode, rules.body).toBe(200);

  async function create(extra: Record<string, unknown>, session = agentA): Promise<Ticket> {
    const res = await session.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      channel: 'phone',
      subject: '客户投诉',
      type: 'soft_complaint',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const act = (session: HttpSession, id: string, path: string, body: unknown = {}) =>
    session.post(`/api/v1/tickets/${id}/${path}`, body);
  return {
    kefu,
    admin,
    org,
    ids,
    agentA,
    agentB: await login('c_agent_b'),
    deptMember: await login('c_dept_member'),
    deptHead: await login('c_dept_head'),
    supervisor: await login('c_supervisor'),
    gm: await login('c_gm'),
    qm: await login('c_qm'),
    qmB: await login('c_qm_b'),
    kpi: await login('c_kpi'),
    create,
    act,
    target: (t: Ticket, key: string) => t.slaTargets.find((x) => x.key === key)!,
    complaint: async (id: string, session = agentA) =>
      (await session.get(`/api/v1/tickets/${id}/complaint`)).json(),
    putComplaint: (id: string, body: unknown, session = agentA) =>
      session.request('PUT', `/api/v1/tickets/${id}/complaint`, body),
    resolve: async (id: string) => {
      const res = await act(agentA, id, 'transition', { to: 'resolved' });
      expect(res.statusCode, res.body).toBe(200);
    },
    notices: async (session: HttpSession) =>
      (await session.get('/api/v1/notifications?pageSize=100')).json().items as {
        kind: string;
        subjectId: string;
        payload: Record<string, unknown>;
      }[],
  };
}
