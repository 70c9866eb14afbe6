import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGrants } from '../org/org.repository';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { tinyPng } from '../attachments/attachments.test-images';
import { uploadAttachment } from '../attachments/attachments.usecases';
import { acceptance, buildWorkOrderWorld, login, signedCallOutQuote } from './workorders.test-world';

describe('technician on site (REP-3, REP-5, PORTAL-2)', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  let sup: HttpSession;
  let tech: HttpSession;

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'wf');
    sup = await login(kefu, 'wfsup');
    tech = await login(kefu, 'wftech');
  });
  afterAll(() => kefu.close());

  const actorOf = async (user: { id: string; username: string }) => ({
    userId: user.id,
    username: user.username,
    displayName: user.username,
    grants: await loadGrants(kefu.deps.db, user.id),
    ip: null,
  });

  const onTheWay = async () => {
    const created = await sup.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      // REP-1: dispatched only with the model and purchase date.
      productModel: 'JSQ-20',
      purchaseDate: '2024-05-05',
      problem: '热水器不出热水',
    });
    const url = `/api/v1/workorders/${created.json().id}`;
    await sup.post(`${url}/assign`, { technicianId: world.people.tech.id });
    await sup.post(`${url}/appointment`, {
      start: '2026-03-03T09:00:00+08:00',
      end: '2026-03-03T11:00:00+08:00',
      customerAgreed: true,
    });
    await tech.post(`${url}/checklist`, {
      partsPrepared: false,
      partsRequested: true,
      documentsPrinted: true,
      addressConfirmed: true,
      arrivalTimeConfirmed: true,
      note: '配件已向仓库申领',
    });
    // No warranty date: a charged order (class A), which leaves only with its quote signed (PAY-3).
    await signedCallOutQuote(kefu, 'wf', url);
    expect((await tech.post(`${url}/depart`, {})).json().state).toBe('en_route');
    return { id: created.json().id as string, url };
  };

  it('REP-3: a late technician records the call ahead; the description is locked once they left', async () => {
    const { url } = await onTheWay();
    const late = await tech.post(`${url}/late`, {
      expectedArrivalAt: '2026-03-03T09:40:00+08:00',
      note: '堵车，已电话告知客户',
    });
    expect(late.json().lateNotice).toMatchObject({ note: '堵车，已电话告知客户' });
    expect((await sup.patch(url, { problem: '改描述' })).json().code).toBe('workorders.not_editable');
    // The fault cause (PAY-5) may still be recorded.
    expect((await sup.patch(url, { faultCause: 'misuse' })).json().serviceClass).toBe('A');
  });

  it('REP-5: the technician adds before/after photos to their own order; another technician cannot', async () => {
    const { id } = await onTheWay();
    const photo = await uploadAttachment(kefu.deps, await actorOf(world.people.tech), {
      subjectType: 'work_order',
      subjectId: id,
      fileName: 'before-1.png',
      bytes: tinyPng(),
    });
    expect(photo.subjectId).toBe(id);
    const listed = await sup.get(`/api/v1/attachments?subjectType=work_order&subjectId=${id}`);
    // Beside the customer's signature on the quote (PAY-3), kept with the order's files.
    expect(
      listed
        .json()
        .items.map((a: { fileName: string }) => a.fileName)
        .sort(),
    ).toEqual(['before-1.png', expect.stringMatching(/^quote-signature-.+\.png$/)]);
    await expect(
      uploadAttachment(kefu.deps, await actorOf(world.people.tech2), {
        subjectType: 'work_order',
        subjectId: id,
        fileName: 'x.png',
        bytes: tinyPng(),
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('REP-5, PORTAL-2: the technician records the work, opens the link and the customer signs on the handed-over phone', async () => {
    const { url } = await onTheWay();
    await tech.post(`${url}/arrive`, {});
    const link = await tech.post(`${url}/customer-link`, {});
    expect(link.statusCode).toBe(201);
    const token = link.json().token as string;
    const customer = new (sup.constructor as new (app: unknown) => HttpSession)(kefu.app);
    const early = await customer.post(`/api/v1/public/workorders/${token}/acceptance`, acceptance());
    expect(early.json().code).toBe('workorders.visit_not_recorded');
    expect((await customer.get(`/api/v1/public/workorders/${token}`)).json().canSign).toBe(false);
    await tech.post(`${url}/visit`, { workDone: '更换点火针', minutesSpent: 40 });
    // REP-5: the customer cannot sign off before the technician recorded the fault cause and, on
    // this charged order (no warranty date: class A), its charges.
    const early2 = await customer.post(`/api/v1/public/workorders/${token}/acceptance`, acceptance());
    expect(early2.json().code).toBe('workorders.fault_cause_required');
    await tech.post(`${url}/visit`, {
      workDone: '更换点火针',
      minutesSpent: 40,
      diagnosis: { finding: 'component_failure', note: '点火针烧蚀' },
    });
    expect(
      (
        await tech.request('PUT', `${url}/quote`, {
          lines: [{ kind: 'part', name: '点火针', quantity: 1, unitPriceFen: 3500 }],
        })
      ).statusCode,
    ).toBe(200);
    const view = (await customer.get(`/api/v1/public/workorders/${token}`)).json();
    expect(view).toMatchObject({ canSign: true, state: 'on_site', visit: { workDone: '更换点火针' } });
    const signed = await customer.post(`/api/v1/public/workorders/${token}/acceptance`, acceptance());
    expect(signed.json()).toEqual({ ok: true, state: 'completed' });
    const detail = (await sup.get(url)).json();
    expect(detail.acceptance).toMatchObject({ via: 'customer_link', ratings: { workmanship: 4 } });
    expect(detail.visit).toMatchObject({ workDone: '更换点火针', minutesSpent: 40 });
    // The technician's phone, still open, cannot complete it a second time.
    const second = await tech.post(`${url}/finish`, {
      workDone: 'x',
      minutesSpent: 1,
      acceptance: acceptance(),
    });
    expect(second.statusCode).toBe(409);
  });
});
