import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { buildWorkOrderWorld, login } from './workorders.test-world';

describe("PAY-1: the class is set from the checking department's opinion on the intake sheet", () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  let sup: HttpSession;

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'co');
    sup = await login(kefu, 'cosup');
  });
  afterAll(() => kefu.close());

  async function order(source: 'after_sales' | 'sales' | 'project') {
    const created = await sup.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      assetId: world.inWarrantyAssetId,
      source,
      problem: '不制冷',
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: string; serviceClass: string; checkedBy: string };
  }

  it('PAY-1: without an opinion on file the class cannot be set; the answer names what is missing', async () => {
    const wo = await order('after_sales');
    expect(wo.serviceClass).toBe('C');
    const url = `/api/v1/workorders/${wo.id}`;
    const refused = await sup.post(`${url}/service-class`, { serviceClass: 'A', reason: '人为损坏' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('workorders.class_opinion_missing');
    expect(refused.json().message).toContain('核实部门的意见');
    const after = (await sup.get(url)).json();
    expect(after).toMatchObject({ serviceClass: 'C', classOpinion: null });
  });

  it('PAY-1: the opinion (department, who, when, proposed class, reason) is recorded, shown and audited; the class follows it', async () => {
    const wo = await order('sales');
    expect(wo.checkedBy).toBe('sales');
    const url = `/api/v1/workorders/${wo.id}`;
    const recorded = await sup.post(`${url}/class-opinion`, {
      department: '二号店销售部',
      givenBy: '李业务',
      proposedClass: 'A',
      reason: '保修卡显示已过保',
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({
      serviceClass: 'C',
      classOpinion: {
        checker: 'sales',
        department: '二号店销售部',
        givenBy: '李业务',
        proposedClass: 'A',
        reason: '保修卡显示已过保',
        by: { id: world.people.supervisor.id },
      },
    });
    expect(Date.parse(recorded.json().classOpinion.at)).not.toBeNaN();

    // Only the class the opinion proposes.
    const other = await sup.post(`${url}/service-class`, { serviceClass: 'B', reason: '合同内' });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('workorders.class_differs_from_opinion');
    const set = await sup.post(`${url}/service-class`, { serviceClass: 'A', reason: '销售核实已过保' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ serviceClass: 'A', classOpinion: { proposedClass: 'A' } });

    const audit = (await world.admin.get(`/api/v1/audit?subjectType=work_order&subjectId=${wo.id}`)).json();
    const actions = audit.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['workorder.class_opinion_recorded', 'workorder.service_class_set']),
    );
    const classSet = audit.items.find((e: { action: string }) => e.action === 'workorder.service_class_set');
    expect(JSON.stringify(classSet)).toContain('李业务');
  });

  it('PAY-1: an opinion given with the class is recorded in the same step; a technician cannot record one', async () => {
    const wo = await order('project');
    const url = `/api/v1/workorders/${wo.id}`;
    const set = await sup.post(`${url}/service-class`, {
      serviceClass: 'B',
      reason: '工程合同维保范围内',
      opinion: { department: '工程部', givenBy: '赵工', proposedClass: 'B', reason: '合同第 5 条' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      serviceClass: 'B',
      classOpinion: { checker: 'engineering', department: '工程部', givenBy: '赵工' },
    });
    // A mismatching inline opinion writes nothing.
    const mismatch = await sup.post(`${url}/service-class`, {
      serviceClass: 'A',
      reason: 'x',
      opinion: { department: '工程部', givenBy: '赵工', proposedClass: 'C', reason: 'y' },
    });
    expect(mismatch.json().code).toBe('workorders.class_differs_from_opinion');
    expect((await sup.get(url)).json()).toMatchObject({
      serviceClass: 'B',
      classOpinion: { proposedClass: 'B' },
    });
    const incomplete = await sup.post(`${url}/class-opinion`, { department: '工程部', proposedClass: 'A' });
    expect(incomplete.statusCode).toBe(400);

    const tech = await login(kefu, 'cotech');
    const denied = await tech.post(`${url}/class-opinion`, {
      department: '工程部',
      givenBy: '赵工',
      proposedClass: 'A',
      reason: 'x',
    });
    expect([403, 404]).toContain(denied.statusCode);
  });
});
