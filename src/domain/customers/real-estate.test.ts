import { describe, expect, it } from 'vitest';
import {
  archiveDueOn,
  handoverCheckMissing,
  handoverCheckOutcome,
  propertyTitleDueOn,
  propertyTitleState,
} from './real-estate';

describe('property title number (产权证号)', () => {
  it('CUS-1: the title number is due 14 calendar days after the certificate date', () => {
    expect(propertyTitleDueOn('2026-03-01')).toBe('2026-03-15');
    // Calendar days: across a month end and the National Day holiday alike.
    expect(propertyTitleDueOn('2026-09-25')).toBe('2026-10-09');
    expect(propertyTitleDueOn('2026-12-25')).toBe('2027-01-08');
  });

  it('CUS-1: pending through the due day, overdue after it, supplied once on file', () => {
    const house = { titleCertificateOn: '2026-03-01', titleNumber: null };
    expect(propertyTitleState(house, '2026-03-15')).toBe('pending');
    expect(propertyTitleState(house, '2026-03-16')).toBe('overdue');
    expect(
      propertyTitleState({ ...house, titleNumber: '沪(2026)徐汇区不动产权第0012345号' }, '2026-04-01'),
    ).toBe('supplied');
    expect(propertyTitleState({ titleCertificateOn: null, titleNumber: null }, '2026-04-01')).toBe('none');
  });
});

describe('CUS-5 hand-over check of the sales archive', () => {
  it('CUS-5: the archive is due one calendar month before the handover', () => {
    expect(archiveDueOn('2026-06-15')).toBe('2026-05-15');
    expect(archiveDueOn('2026-01-10')).toBe('2025-12-10');
    expect(archiveDueOn('2026-03-31')).toBe('2026-02-28');
  });

  it('CUS-5: each item is ticked, or the problem is noted', () => {
    const all = { roomOk: true, phoneOk: true, addressOk: true, problem: null };
    expect(handoverCheckMissing(all)).toEqual([]);
    expect(handoverCheckOutcome(all)).toBe('passed');
    expect(handoverCheckMissing({ ...all, phoneOk: false })).toEqual(['phone']);
    expect(handoverCheckMissing({ ...all, phoneOk: false, problem: '  ' })).toEqual(['phone']);
    const noted = { ...all, phoneOk: false, problem: '号码已停机' };
    expect(handoverCheckMissing(noted)).toEqual([]);
    expect(handoverCheckOutcome(noted)).toBe('problem');
  });
});
