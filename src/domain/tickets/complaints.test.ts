import { describe, expect, it } from 'vitest';
import { localDateBounds } from '../calendar';
import {
  clusterKey,
  clusterWindow,
  DEFAULT_COMPLAINT_SETTINGS,
  causeAnalysisReason,
  isProductComplaint,
  mayEvaluate,
  MEETING_DEPARTMENTS,
  PROGRESS_SLA_EVENTS,
  seriousReason,
} from './complaints';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 2, 2, 2);

describe('complaint rules', () => {
  it('CMP-4: a hard complaint, or a claim above the threshold (default ¥5,000), is serious', () => {
    const limit = DEFAULT_COMPLAINT_SETTINGS.seriousClaimThresholdFen;
    expect(limit).toBe(500_000);
    expect(seriousReason('hard_complaint', null, limit)).toBe('hard_complaint');
    expect(seriousReason('soft_complaint', 500_000, limit)).toBeNull();
    expect(seriousReason('soft_complaint', 500_001, limit)).toBe('claim_over_threshold');
    expect(seriousReason('rectification', null, limit)).toBeNull();
  });

  it('CMP-8: 3 complaints within 7 days make a cluster that starts at the earliest of them', () => {
    const s = DEFAULT_COMPLAINT_SETTINGS;
    expect(clusterWindow([t0, t0 + DAY], s)).toBeNull();
    expect(clusterWindow([t0 + 6 * DAY, t0, t0 + 2 * DAY], s)).toEqual({
      start: t0,
      end: t0 + 7 * DAY,
      count: 3,
    });
    // Spread over more than 7 days: no three fall in one window.
    expect(clusterWindow([t0, t0 + 5 * DAY, t0 + 10 * DAY], s)).toBeNull();
    // The first complaint is too early, the later three still cluster.
    expect(clusterWindow([t0, t0 + 9 * DAY, t0 + 10 * DAY, t0 + 11 * DAY], s)?.start).toBe(t0 + 9 * DAY);
  });

  it('CMP-8: product and cause compare without case and stray spaces', () => {
    expect(clusterKey('  A100   沙发 ')).toBe(clusterKey('a100 沙发'));
  });

  it('CMP-4: a product complaint is a hard complaint, or a complaint naming a product or marked product-caused', () => {
    const none = { product: null, productCaused: false };
    expect(isProductComplaint('hard_complaint', none)).toBe(true);
    expect(isProductComplaint('soft_complaint', none)).toBe(false);
    expect(isProductComplaint('soft_complaint', { product: '  ', productCaused: false })).toBe(false);
    expect(isProductComplaint('soft_complaint', { product: 'A100 布艺沙发', productCaused: false })).toBe(
      true,
    );
    expect(isProductComplaint('rectification', { product: null, productCaused: true })).toBe(true);
    expect(isProductComplaint('repair', { product: 'A100 布艺沙发', productCaused: true })).toBe(false);
  });

  it('CMP-4: the default trigger opens a meeting for every product complaint; serious_only and off narrow it', () => {
    const byDefault = DEFAULT_COMPLAINT_SETTINGS;
    expect(byDefault.causeAnalysisTrigger).toBe('product_complaints');
    const product = { product: '实木餐桌', productCaused: true, claimAmountFen: null };
    const service = { product: null, productCaused: false, claimAmountFen: null };
    expect(causeAnalysisReason('soft_complaint', product, byDefault)).toBe('product_complaint');
    expect(causeAnalysisReason('hard_complaint', service, byDefault)).toBe('hard_complaint');
    expect(causeAnalysisReason('soft_complaint', service, byDefault)).toBeNull();
    expect(causeAnalysisReason('soft_complaint', { ...service, claimAmountFen: 500_001 }, byDefault)).toBe(
      'claim_over_threshold',
    );
    const seriousOnly = { ...byDefault, causeAnalysisTrigger: 'serious_only' as const };
    expect(causeAnalysisReason('soft_complaint', product, seriousOnly)).toBeNull();
    expect(causeAnalysisReason('hard_complaint', product, seriousOnly)).toBe('hard_complaint');
    const off = { ...byDefault, causeAnalysisTrigger: 'off' as const };
    expect(causeAnalysisReason('hard_complaint', { ...product, claimAmountFen: 9_000_000 }, off)).toBeNull();
    expect(MEETING_DEPARTMENTS).toContain('workshop');
  });

  it('SAT-2: the customer evaluates a resolved or closed case', () => {
    expect(mayEvaluate('closed')).toBe(true);
    expect(mayEvaluate('resolved')).toBe(true);
    expect(mayEvaluate('waiting_department')).toBe(false);
  });

  it('CMP-6: progress updates emit the SLA-4/SLA-5/SLA-3 events; a plain update emits none', () => {
    expect(PROGRESS_SLA_EVENTS.verified).toBe('verified');
    expect(PROGRESS_SLA_EVENTS.second_response).toBe('second_responded');
    expect(PROGRESS_SLA_EVENTS.result).toBe('result_replied');
    expect(PROGRESS_SLA_EVENTS.progress).toBeNull();
  });

  it('committed dates are local days: 5 March in Shanghai starts at 4 March 16:00 UTC', () => {
    expect(new Date(localDateBounds('2026-03-05', 'Asia/Shanghai').from).toISOString()).toBe(
      '2026-03-04T16:00:00.000Z',
    );
    expect(new Date(localDateBounds('2026-07-01', 'Europe/Berlin').from).toISOString()).toBe(
      '2026-06-30T22:00:00.000Z',
    );
  });
});
