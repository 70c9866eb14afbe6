import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLES } from '../permissions';
import {
  CLOSE_OUT_STEP_PERMISSION,
  CLOSE_OUT_STEPS,
  closeOutTransition,
  closeOutTurn,
  closesThroughCloseOut,
  currentStage,
  type CloseOutStage,
} from './close-out';
import { TICKET_STATES } from './tickets.types';

describe('CMP-5 close-out chain', () => {
  it('CMP-5: request → quality opinion → assessment → approval → filed, each step only in its turn', () => {
    let stage: CloseOutStage | null = null;
    const run = (command: Parameters<typeof closeOutTransition>[2]) => {
      const outcome = closeOutTransition(stage, 'resolved', command);
      if (!outcome.ok) throw new Error(outcome.refusal);
      stage = outcome.stage;
      return stage;
    };
    expect(run({ kind: 'request' })).toBe('quality_opinion');
    expect(closeOutTurn(stage)).toBe('quality_opinion');
    expect(run({ kind: 'complete', step: 'quality_opinion' })).toBe('assessment');
    expect(run({ kind: 'complete', step: 'assessment' })).toBe('approval');
    expect(run({ kind: 'complete', step: 'approval' })).toBe('filed');
    expect(closeOutTurn(stage)).toBeNull();
  });

  it('CMP-5: a step out of its turn is refused; a second request while one runs is refused', () => {
    for (const stage of [null, 'returned', 'filed', ...CLOSE_OUT_STEPS] as const)
      for (const step of CLOSE_OUT_STEPS)
        if (stage !== step) {
          expect(closeOutTransition(stage, 'resolved', { kind: 'complete', step })).toEqual({
            ok: false,
            refusal: 'out_of_order',
          });
          expect(closeOutTransition(stage, 'resolved', { kind: 'send_back', step })).toEqual({
            ok: false,
            refusal: 'out_of_order',
          });
        }
    for (const stage of [...CLOSE_OUT_STEPS, 'filed'] as const)
      expect(closeOutTransition(stage, 'resolved', { kind: 'request' })).toEqual({
        ok: false,
        refusal: 'already_requested',
      });
  });

  it('CMP-5: nothing moves unless the ticket is resolved', () => {
    for (const state of TICKET_STATES.filter((s) => s !== 'resolved')) {
      expect(closeOutTransition(null, state, { kind: 'request' })).toEqual({
        ok: false,
        refusal: 'not_resolved',
      });
      expect(closeOutTransition('approval', state, { kind: 'complete', step: 'approval' }).ok).toBe(false);
    }
  });

  it('CMP-5: each step sends back one step; the quality lead sends back to the intake agent, who asks again', () => {
    expect(closeOutTransition('approval', 'resolved', { kind: 'send_back', step: 'approval' })).toEqual({
      ok: true,
      stage: 'assessment',
    });
    expect(closeOutTransition('assessment', 'resolved', { kind: 'send_back', step: 'assessment' })).toEqual({
      ok: true,
      stage: 'quality_opinion',
    });
    expect(
      closeOutTransition('quality_opinion', 'resolved', { kind: 'send_back', step: 'quality_opinion' }),
    ).toEqual({ ok: true, stage: 'returned' });
    expect(closeOutTurn('returned')).toBe('intake_agent');
    expect(closeOutTransition('returned', 'resolved', { kind: 'request' })).toEqual({
      ok: true,
      stage: 'quality_opinion',
    });
  });

  it('CMP-5: a chain belongs to its resolution — reopening voids it; a filed chain stands while closed', () => {
    const requestedAt = 2_000;
    expect(currentStage('assessment', requestedAt, { state: 'resolved', resolvedAt: 1_000 })).toBe(
      'assessment',
    );
    expect(currentStage('assessment', requestedAt, { state: 'in_progress', resolvedAt: null })).toBeNull();
    expect(currentStage('assessment', requestedAt, { state: 'resolved', resolvedAt: 3_000 })).toBeNull();
    expect(currentStage('filed', requestedAt, { state: 'closed', resolvedAt: 1_000 })).toBe('filed');
    expect(currentStage('filed', requestedAt, { state: 'in_progress', resolvedAt: null })).toBeNull();
    expect(currentStage(null, null, { state: 'resolved', resolvedAt: 1_000 })).toBeNull();
  });

  it('CMP-5 / ORG-2: complaints close through close-out; each step has its own permission and default role', () => {
    expect(closesThroughCloseOut('soft_complaint')).toBe(true);
    expect(closesThroughCloseOut('hard_complaint')).toBe(true);
    expect(closesThroughCloseOut('rectification')).toBe(true);
    expect(closesThroughCloseOut('repair')).toBe(false);
    const permissions = CLOSE_OUT_STEPS.map((s) => CLOSE_OUT_STEP_PERMISSION[s]);
    expect(new Set(permissions).size).toBe(3);
    const holders = (p: string) =>
      DEFAULT_ROLES.filter((r) => r.code !== 'administrator' && (r.permissions as string[]).includes(p)).map(
        (r) => r.code,
      );
    expect(holders(CLOSE_OUT_STEP_PERMISSION.quality_opinion)).toEqual(['quality_manager']);
    expect(holders(CLOSE_OUT_STEP_PERMISSION.assessment)).toEqual(['performance_assessor']);
    expect(holders(CLOSE_OUT_STEP_PERMISSION.approval)).toEqual(['general_manager']);
  });
});
