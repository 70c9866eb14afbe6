import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approve,
  awaitedRoles,
  chooseChain,
  currentStage,
  delegationActive,
  openRequest,
  resubmit,
  sendBack,
  sendBackTargetOf,
  withdraw,
  type ApprovalChainRule,
  type ApprovalRequest,
} from './index';

/** PAY-3 as the manuals want it: department head, then company head, for a charged-service quote. */
const quoteChain: ApprovalChainRule = {
  subjectType: 'quote',
  stages: [
    { key: 'department', roles: ['department_head'], mode: 'any' },
    { key: 'company', roles: ['general_manager'], mode: 'any' },
  ],
};
/** CMP-5: three owners in turn. */
const closeOut: ApprovalChainRule = {
  subjectType: 'complaint_close_out',
  stages: [
    { key: 'quality', roles: ['quality_manager'], mode: 'any' },
    { key: 'assessment', roles: ['performance_assessor'], mode: 'any' },
    { key: 'approval', roles: ['general_manager'], mode: 'any' },
  ],
};
const T = Date.parse('2026-12-07T02:00:00Z');
const head = { userId: 'head', roles: ['department_head'] };
const gm = { userId: 'gm', roles: ['general_manager'] };
const unwrap = (r: ReturnType<typeof approve>): ApprovalRequest => {
  if (!r.ok) throw new Error(r.error.code);
  return r.request;
};

describe('approval chains chosen by rule', () => {
  it('RET-8 / PAY-3: the first fitting rule by subject, amount band and unit kind decides the chain', () => {
    const small: ApprovalChainRule = {
      subjectType: 'return',
      maxAmountFen: 100_000,
      stages: [quoteChain.stages[0]!],
    };
    const large: ApprovalChainRule = {
      subjectType: 'return',
      minAmountFen: 100_000,
      stages: quoteChain.stages,
    };
    const online: ApprovalChainRule = {
      subjectType: 'return',
      unitKinds: ['online_shop'],
      stages: [{ key: 'shop', roles: ['shop_administrator'], mode: 'any' }],
    };
    const rules = [online, small, large];
    expect(chooseChain(rules, { subjectType: 'return', amountFen: 99_999, unitKind: 'store' })).toBe(small);
    expect(chooseChain(rules, { subjectType: 'return', amountFen: 100_000, unitKind: 'store' })).toBe(large);
    expect(chooseChain(rules, { subjectType: 'return', amountFen: 5, unitKind: 'online_shop' })).toBe(online);
    expect(chooseChain(rules, { subjectType: 'quote', amountFen: 5, unitKind: 'store' })).toBeNull();
  });
});

describe('approval steps', () => {
  it('PAY-3: stages go in order — the company head cannot sign before the department head', () => {
    let request = openRequest('agent', quoteChain);
    expect(approve(request, gm, T)).toEqual({
      ok: false,
      error: { code: 'approvals.not_your_step', awaited: ['department_head'] },
    });
    request = unwrap(approve(request, head, T));
    expect(currentStage(request)?.key).toBe('company');
    request = unwrap(approve(request, gm, T + 1));
    expect(request.status).toBe('approved');
    expect(request.steps.map((s) => [s.stage, s.by])).toEqual([
      ['department', 'head'],
      ['company', 'gm'],
    ]);
  });

  it('REP-8: a parallel stage needs every role; the inbox shows who is still awaited', () => {
    const signOff: ApprovalChainRule = {
      subjectType: 'field_record',
      stages: [{ key: 'sign_off', roles: ['quality_manager', 'general_manager'], mode: 'all' }],
    };
    let request = openRequest('tech', signOff);
    request = unwrap(approve(request, gm, T));
    expect(request.status).toBe('pending');
    expect(awaitedRoles(request)).toEqual(['quality_manager']);
    expect(approve(request, gm, T)).toMatchObject({ ok: false, error: { code: 'approvals.not_your_step' } });
    request = unwrap(approve(request, { userId: 'qm', roles: ['quality_manager'] }, T));
    expect(request.status).toBe('approved');
  });

  it('CMP-5: a step sends it back with a reason; the resubmission starts again from the first owner', () => {
    let request = openRequest('sales', closeOut);
    request = unwrap(approve(request, { userId: 'q', roles: ['quality_manager'] }, T));
    expect(sendBack(request, { userId: 'p', roles: ['performance_assessor'] }, T, '  ')).toEqual({
      ok: false,
      error: { code: 'approvals.reason_required' },
    });
    request = unwrap(sendBack(request, { userId: 'p', roles: ['performance_assessor'] }, T, '考核结果未附'));
    expect(request.status).toBe('sent_back');
    expect(approve(request, gm, T)).toMatchObject({ ok: false, error: { code: 'approvals.not_pending' } });
    expect(resubmit(request, 'someone')).toMatchObject({
      ok: false,
      error: { code: 'approvals.not_requester' },
    });
    request = unwrap(resubmit(request, 'sales'));
    expect(currentStage(request)?.key).toBe('quality');
    expect(request.round).toBe(2);
  });

  it('ORG-3 / issue 17: nobody approves their own request, not even as a delegate', () => {
    const request = openRequest('gm', {
      subjectType: 'x',
      stages: [{ key: 's', roles: ['general_manager'], mode: 'any' }],
    });
    expect(approve(request, gm, T)).toEqual({ ok: false, error: { code: 'approvals.own_request' } });
    expect(
      approve(
        request,
        { userId: 'deputy', roles: [], standingInFor: { userId: 'gm', roles: ['general_manager'] } },
        T,
      ),
    ).toEqual({ ok: false, error: { code: 'approvals.own_request' } });
  });

  it('a delegate stands in for an approver away, and the step records on whose behalf', () => {
    const delegations = [{ from: 'gm', to: 'deputy', startsAt: T, endsAt: T + 7 * 86_400_000 }];
    expect(delegationActive(delegations, 'deputy', 'gm', T + 1)).toBe(true);
    expect(delegationActive(delegations, 'deputy', 'gm', T + 8 * 86_400_000)).toBe(false);
    let request = unwrap(approve(openRequest('agent', quoteChain), head, T));
    request = unwrap(
      approve(
        request,
        { userId: 'deputy', roles: [], standingInFor: { userId: 'gm', roles: ['general_manager'] } },
        T,
      ),
    );
    expect(request.status).toBe('approved');
    expect(request.steps.at(-1)).toMatchObject({ by: 'deputy', onBehalfOf: 'gm', role: 'general_manager' });
  });

  it('RET-1: the requester may withdraw an open request; a decided one stays decided', () => {
    const open = openRequest('agent', quoteChain);
    expect(unwrap(withdraw(open, 'agent')).status).toBe('withdrawn');
    const approved = unwrap(approve(unwrap(approve(open, head, T)), gm, T));
    expect(withdraw(approved, 'agent')).toMatchObject({
      ok: false,
      error: { code: 'approvals.not_pending' },
    });
  });

  it('whatever order people act in, a request is approved only when every stage is complete, in order', () => {
    const people = [head, gm, { userId: 'agent', roles: ['department_head'] }, { userId: 'x', roles: [] }];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: people.length - 1 }), { maxLength: 12 }), (order) => {
        let request = openRequest('agent', quoteChain);
        for (const i of order) {
          const r = approve(request, people[i]!, T);
          if (r.ok) request = r.request;
        }
        const approvedStages = request.steps.map((s) => s.stage);
        const inOrder = approvedStages.every((s, i) => s === quoteChain.stages[i]!.key);
        return inOrder && (request.status === 'approved') === (approvedStages.length === 2);
      }),
      { numRuns: 300 },
    );
  });
});

/** CMP-5 as the close-out runs it: every owner after the first sends back one stage. */
const closeOutBackOne: ApprovalChainRule = {
  subjectType: 'complaint_close_out',
  stages: closeOut.stages.map((s) => ({ ...s, sendBack: 'previous_stage' as const })),
};
const q = { userId: 'q', roles: ['quality_manager'] };
const p = { userId: 'p', roles: ['performance_assessor'] };

describe('send back one stage', () => {
  it('CMP-5: the general manager sends it back one stage with a reason; the assessment lead decides again, the quality opinion stands', () => {
    let request = unwrap(approve(unwrap(approve(openRequest('sales', closeOutBackOne), q, T)), p, T + 1));
    expect(currentStage(request)?.key).toBe('approval');
    expect(sendBackTargetOf(request)).toBe('assessment');
    expect(sendBack(request, gm, T + 2, ' ')).toEqual({
      ok: false,
      error: { code: 'approvals.reason_required' },
    });
    request = unwrap(sendBack(request, gm, T + 2, '考核依据不充分'));
    expect(request.status).toBe('pending');
    expect(request.round).toBe(1);
    expect(currentStage(request)?.key).toBe('assessment');
    expect(awaitedRoles(request)).toEqual(['performance_assessor']);
    expect(request.steps.at(-1)).toMatchObject({
      stage: 'approval',
      decision: 'sent_back',
      to: 'assessment',
      reason: '考核依据不充分',
      by: 'gm',
    });
    expect(approve(request, gm, T + 3)).toMatchObject({
      ok: false,
      error: { code: 'approvals.not_your_step' },
    });
    // Re-approval: the assessment lead confirms again, then the general manager approves.
    request = unwrap(approve(request, p, T + 3));
    expect(currentStage(request)?.key).toBe('approval');
    request = unwrap(approve(request, gm, T + 4));
    expect(request.status).toBe('approved');
  });

  it('CMP-5: from the first stage a one-stage send-back goes to the requester; a decision may ask for the requester anywhere', () => {
    const first = unwrap(sendBack(openRequest('sales', closeOutBackOne), q, T, '缺少整改照片'));
    expect(first.status).toBe('sent_back');
    expect(first.steps.at(-1)?.to).toBeUndefined();
    const atAssessment = unwrap(approve(openRequest('sales', closeOutBackOne), q, T));
    const toRequester = unwrap(sendBack(atAssessment, p, T, '请重新申请', 'requester'));
    expect(toRequester.status).toBe('sent_back');
    // And a chain that sends back to the requester may be asked to go back one stage.
    const quote = unwrap(approve(openRequest('agent', quoteChain), head, T));
    expect(sendBackTargetOf(quote)).toBeNull();
    const back = unwrap(sendBack(quote, gm, T, '报价明细不全', 'previous_stage'));
    expect([back.status, currentStage(back)?.key]).toEqual(['pending', 'department']);
  });

  it('CMP-5: whatever people do, the stage waited on moves one forward per completed stage and one back per send-back, and approval needs every stage in order', () => {
    const people = [q, p, gm, { userId: 'sales', roles: ['quality_manager'] }];
    const keys = closeOutBackOne.stages.map((s) => s.key);
    fc.assert(
      fc.property(
        fc.array(fc.record({ who: fc.integer({ min: 0, max: 3 }), back: fc.boolean() }), { maxLength: 16 }),
        (moves) => {
          let request = openRequest('sales', closeOutBackOne);
          let expected = 0;
          for (const m of moves) {
            const before = request;
            const r = m.back
              ? sendBack(request, people[m.who]!, T, '理由')
              : approve(request, people[m.who]!, T);
            if (!r.ok) {
              if (r.error.code === 'approvals.not_pending') expect(before.status).not.toBe('pending');
              continue;
            }
            request = r.request;
            if (m.back) expected -= 1;
            else expected += 1;
            if (expected < 0) expect(request.status).toBe('sent_back');
            else if (expected === keys.length) expect(request.status).toBe('approved');
            else expect(currentStage(request)?.key).toBe(keys[expected]);
            if (request.status !== 'pending') break;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
