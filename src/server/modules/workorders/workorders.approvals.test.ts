import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, roleId, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { quoteApprovedForRequisition } from './workorders.service';
import { buildWorkOrderWorld, dataUrl, login, signaturePng, SIGNATURE } from './workorders.test-world';

// PAY-3/PAY-4 and REP-8 on the approval engine (decision 0016), over HTTP on both databases.
describe('work-order approvals on the approval engine (PAY-3, PAY-4, REP-8)', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  const s: Record<string, HttpSession> = {};

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'wa');
    // The store's after-sales department head approves quotes first; the company head (GM) second.
    await createUser(world.admin, 'wadh', world.store.id, 'department_head');
    // A supervisor who is also a department head: may record the customer's agreement, and so is
    // the requester who may not approve it.
    const both = await world.admin.post('/api/v1/users', {
      username: 'wasupdh',
      displayName: 'wasupdh',
      password: TEST_PASSWORD,
      memberships: [
        { unitId: world.store.id, roleId: await roleId(world.admin, 'installation_supervisor') },
        { unitId: world.store.id, roleId: await roleId(world.admin, 'department_head') },
      ],
    });
    expect(both.statusCode, both.body).toBe(201);
    for (const [k, u] of Object.entries({
      sup: 'wasup',
      tech: 'watech',
      qm: 'waqm',
      gm: 'wagm',
      fin: 'wafin',
      wh: 'wawh',
      dh: 'wadh',
      supdh: 'wasupdh',
    }))
      s[k] = await login(kefu, u);
  });
  afterAll(() => kefu.close());

  const create = async (body: Record<string, unknown> = {}) => {
    const res = await s.sup!.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      assetId: world.outOfWarrantyAssetId,
      problem: '热水器不点火',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; serviceClass: string; [k: string]: unknown };
  };
  /** Assigned, appointment agreed and checklist done: ready to depart but for the approvals. */
  const ready = async (body: Record<string, unknown> = {}) => {
    const wo = await create(body);
    const url = `/api/v1/workorders/${wo.id}`;
    expect((await s.sup!.post(`${url}/assign`, { technicianId: world.people.tech.id })).statusCode).toBe(200);
    const agreed = await s.sup!.post(`${url}/appointment`, {
      start: '2026-03-03T09:00:00+08:00',
      end: '2026-03-03T11:00:00+08:00',
      customerAgreed: true,
    });
    expect(agreed.statusCode, agreed.body).toBe(200);
    await s.tech!.post(`${url}/checklist`, {
      partsPrepared: true,
      documentsPrinted: true,
      addressConfirmed: true,
      arrivalTimeConfirmed: true,
    });
    return { wo, url };
  };
  /** A quote priced by finance (service only) and agreed by the customer, recorded by `by`. */
  const quoted = async (url: string, fen: number, by: HttpSession = s.sup!) => {
    const drafted = await s.sup!.request('PUT', `${url}/quote`, {
      lines: [{ kind: 'service', name: '更换热交换器（含工时）', quantity: 1, unitPriceFen: fen }],
    });
    expect(drafted.statusCode, drafted.body).toBe(200);
    expect((await s.fin!.post(`${url}/quote/confirm-service`, {})).statusCode).toBe(200);
    const agreed = await by.post(`${url}/quote/customer-confirm`, { how: 'phone', note: '客户电话同意' });
    expect(agreed.statusCode, agreed.body).toBe(200);
    return agreed.json().quote as {
      status: string;
      approvalStatus: string | null;
      approvalRequestId: string | null;
      approvalStage: string | null;
    };
  };
  const inbox = async (who: HttpSession) =>
    (await who.get('/api/v1/approvals/inbox')).json() as {
      waiting: { id: string; subjectType: string; subjectId: string }[];
    };

  it('PAY-3: a charged quote is approved by the department head, then the company head, then signed by the customer; only then the technician departs', async () => {
    const { wo, url } = await ready();
    expect(wo.serviceClass).toBe('A');
    // No quote at all: the charged order cannot leave, and the answer says what is missing.
    const bare = await s.tech!.post(`${url}/depart`, {});
    expect(bare.statusCode).toBe(409);
    expect(bare.json()).toMatchObject({
      code: 'workorders.quote_required',
      details: { missing: 'quote_missing' },
    });

    const quote = await quoted(url, 45000);
    expect(quote).toMatchObject({
      status: 'awaiting_approval',
      approvalStatus: 'pending',
      approvalStage: 'department_head',
    });
    expect((await s.tech!.post(`${url}/depart`, {})).json().code).toBe('workorders.quote_not_approved');
    const requestId = quote.approvalRequestId!;
    // The request waits in the department head's inbox, linked to the order; not yet the GM's.
    expect((await inbox(s.dh!)).waiting).toContainEqual(
      expect.objectContaining({ id: requestId, subjectType: 'work_order_quote', subjectId: wo.id }),
    );
    expect((await inbox(s.gm!)).waiting.map((r) => r.id)).not.toContain(requestId);
    // The company head cannot take the department head's stage.
    const early = await s.gm!.post(`/api/v1/approvals/${requestId}/approve`, {});
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('approvals.not_your_step');

    expect((await s.dh!.post(`/api/v1/approvals/${requestId}/approve`, {})).statusCode).toBe(200);
    const mid = (await s.sup!.get(url)).json().quote;
    expect(mid).toMatchObject({ status: 'awaiting_approval', approvalStage: 'company_head' });
    // The order's own route decides the stage the request waits on (the GM's now).
    const approved = await s.gm!.post(`${url}/quote/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().quote).toMatchObject({
      status: 'approved',
      approvalStatus: 'approved',
      approved: { by: { id: world.people.gm.id } },
      customerSigned: null,
    });
    expect((await s.sup!.get(url)).json().allowedActions).toContain('quote_sign');

    // Approved but not signed by the customer: no departure, no parts requisition.
    expect((await s.tech!.post(`${url}/depart`, {})).json().code).toBe('workorders.quote_not_signed');
    expect(await quoteApprovedForRequisition(kefu.deps.db, wo.id)).toBe(false);
    const blank = await s.tech!.post(`${url}/quote/sign`, {
      signerName: '王女士',
      signature: dataUrl(signaturePng(true)),
    });
    expect(blank.json().code).toBe('workorders.signature_invalid');
    const signed = await s.tech!.post(`${url}/quote/sign`, { signerName: '王女士', signature: SIGNATURE });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().quote).toMatchObject({ status: 'signed', customerSigned: { signerName: '王女士' } });
    expect(
      (await s.tech!.post(`${url}/quote/sign`, { signerName: '王女士', signature: SIGNATURE })).json().code,
    ).toBe('workorders.quote_not_signable');
    expect(await quoteApprovedForRequisition(kefu.deps.db, wo.id)).toBe(true);
    expect((await s.tech!.post(`${url}/depart`, {})).json().state).toBe('en_route');
  });

  it('PAY-3: nobody approves their own quote; a send-back needs the corrected quote agreed again, which starts a new round', async () => {
    const { wo, url } = await ready();
    // A supervisor who is also a department head records the customer's agreement: the department
    // head's stage is not theirs to take.
    const quote = await quoted(url, 30000, s.supdh!);
    const id = quote.approvalRequestId!;
    const own = await s.supdh!.post(`/api/v1/approvals/${id}/approve`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('approvals.own_request');
    const sentBack = await s.dh!.post(`/api/v1/approvals/${id}/send-back`, {
      reason: '工时单价请按新价目表',
    });
    expect(sentBack.statusCode, sentBack.body).toBe(200);
    expect((await s.sup!.get(url)).json().quote).toMatchObject({
      status: 'sent_back',
      approvalStatus: 'sent_back',
    });
    const again = await s.supdh!.post(`${url}/quote/customer-confirm`, { how: 'phone' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().quote).toMatchObject({
      status: 'awaiting_approval',
      approvalStage: 'department_head',
    });
    expect((await s.dh!.post(`/api/v1/approvals/${id}/approve`, {})).statusCode).toBe(200);
    expect((await s.tech!.post(`${url}/depart`, {})).json().code).toBe('workorders.quote_not_approved');
    // A redraft withdraws the pending request: confirmations and approvals start over.
    const redrafted = await s.supdh!.request('PUT', `${url}/quote`, {
      lines: [{ kind: 'service', name: '更换热交换器', quantity: 1, unitPriceFen: 28000 }],
    });
    expect(redrafted.json().quote).toMatchObject({ status: 'draft', approvalStatus: null });
    expect((await inbox(s.gm!)).waiting.map((r) => r.subjectId)).not.toContain(wo.id);
    expect((await s.sup!.get(`/api/v1/approvals/${id}`)).json().status).toBe('withdrawn');
  });

  it('PAY-4: below the small-charge threshold a quote needs no approval (no request opens) but still the customer’s signature', async () => {
    const { wo, url } = await ready();
    const quote = await quoted(url, 19900);
    expect(quote).toMatchObject({
      status: 'approved',
      approvalStatus: 'not_required',
      approvalRequestId: null,
    });
    expect((await inbox(s.dh!)).waiting.map((r) => r.subjectId)).not.toContain(wo.id);
    expect((await s.tech!.post(`${url}/depart`, {})).json().code).toBe('workorders.quote_not_signed');
    await s.sup!.post(`${url}/quote/sign`, { signerName: '王女士', signature: SIGNATURE });
    expect((await s.tech!.post(`${url}/depart`, {})).json().state).toBe('en_route');
    // ¥200.00 is not a small charge: it goes to the department head.
    const { url: url2 } = await ready();
    expect((await quoted(url2, 20000)).approvalStatus).toBe('pending');
  });

  it('REP-8: the field-service record of a complaint-driven visit runs on the engine: quality manager, then general manager; a send-back is resubmitted', async () => {
    // In warranty (class C): only the field record holds the visit back.
    const { wo, url } = await ready({ complaintDriven: true, assetId: world.inWarrantyAssetId });
    let detail = (await s.sup!.get(url)).json();
    expect(detail.approvals).toMatchObject({
      required: true,
      status: 'pending',
      quality: null,
      general: null,
    });
    const id = detail.approvals.requestId as string;
    expect((await inbox(s.qm!)).waiting).toContainEqual(
      expect.objectContaining({ id, subjectType: 'work_order_field_record', subjectId: wo.id }),
    );
    expect((await s.tech!.post(`${url}/depart`, {})).json().code).toBe('workorders.approval_required');
    expect((await s.gm!.post(`/api/v1/approvals/${id}/approve`, {})).json().code).toBe(
      'approvals.not_your_step',
    );
    // The quality manager sends it back through the order's route (a rejection with its reason).
    const rejected = await s.qm!.post(`${url}/approvals`, {
      stage: 'quality',
      decision: 'rejected',
      note: '现场处理方案未写明',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().approvals).toMatchObject({
      status: 'sent_back',
      quality: { decision: 'rejected', note: '现场处理方案未写明' },
    });
    expect((await s.sup!.get(url)).json().allowedActions).toContain('submit_field_record');
    expect(
      (await s.qm!.post(`${url}/approvals`, { stage: 'quality', decision: 'approved' })).json().code,
    ).toBe('workorders.field_record_not_submitted');
    const resubmitted = await s.sup!.post(`${url}/field-record/submit`, {});
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json().approvals).toMatchObject({ status: 'pending', quality: null });
    expect((await s.qm!.post(`/api/v1/approvals/${id}/approve`, {})).statusCode).toBe(200);
    expect((await s.gm!.get(url)).json().allowedActions).toContain('approve_general');
    expect(
      (await s.gm!.post(`${url}/approvals`, { stage: 'general', decision: 'approved' })).statusCode,
    ).toBe(200);
    detail = (await s.sup!.get(url)).json();
    expect(detail.approvals).toMatchObject({
      status: 'approved',
      quality: { decision: 'approved', by: { id: world.people.qm.id } },
      general: { decision: 'approved', by: { id: world.people.gm.id } },
    });
    expect((await s.tech!.post(`${url}/depart`, {})).json().state).toBe('en_route');
  });

  it('PAY-4: money collected on site is handed over to finance and listed; an invoice sent later is tracked', async () => {
    const paidOrder = async (method: 'on_site' | 'invoice') => {
      const { wo, url } = await ready();
      await quoted(url, 15000);
      await s.sup!.post(`${url}/quote/sign`, { signerName: '王女士', signature: SIGNATURE });
      const paid = await s.sup!.post(`${url}/payment`, {
        method,
        amountFen: 15000,
        ...(method === 'invoice' ? { invoiceTitle: '王女士' } : {}),
      });
      expect(paid.statusCode, paid.body).toBe(200);
      return { wo, url };
    };
    const cash = await paidOrder('on_site');
    const queue = async (q: string) =>
      (
        (await s.fin!.get(`/api/v1/workorders/payments?queue=${q}`)).json().items as { workOrderId: string }[]
      ).map((i) => i.workOrderId);
    expect(await queue('awaiting_handover')).toContain(cash.wo.id);
    expect((await s.tech!.post(`${cash.url}/payment/handover`, {})).statusCode).toBe(403);
    expect((await s.fin!.post(`${cash.url}/payment/invoice-mailed`, {})).json().code).toBe(
      'workorders.payment_not_invoiced',
    );
    const handed = await s.fin!.post(`${cash.url}/payment/handover`, { note: '现金 150 元已收' });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json().payment).toMatchObject({
      method: 'on_site',
      handedOver: { to: { id: world.people.finance.id }, note: '现金 150 元已收' },
    });
    expect((await s.fin!.post(`${cash.url}/payment/handover`, {})).statusCode).toBe(409);
    expect(await queue('awaiting_handover')).not.toContain(cash.wo.id);
    expect(await queue('handed_over')).toContain(cash.wo.id);

    const invoiced = await paidOrder('invoice');
    expect(await queue('invoice_to_mail')).toContain(invoiced.wo.id);
    expect((await s.fin!.post(`${invoiced.url}/payment/handover`, {})).json().code).toBe(
      'workorders.payment_not_collected',
    );
    const mailed = await s.fin!.post(`${invoiced.url}/payment/invoice-mailed`, { tracking: 'SF1234567890' });
    expect(mailed.json().payment).toMatchObject({ invoiceMailed: { tracking: 'SF1234567890' } });
    expect(await queue('invoice_mailed')).toContain(invoiced.wo.id);
    expect(await queue('invoice_to_mail')).not.toContain(invoiced.wo.id);
  });
});
