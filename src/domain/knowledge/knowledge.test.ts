import { describe, expect, it } from 'vitest';
import { expandSynonyms, expiryReminderDue, isOffered, rankBm25 } from './knowledge';

const at = (iso: string) => new Date(iso);
const now = at('2026-06-01T00:00:00Z');

describe('knowledge rules', () => {
  it('KB-1: only the approved version inside its validity is offered', () => {
    const v = { validFrom: at('2026-01-01T00:00:00Z'), validUntil: at('2026-07-01T00:00:00Z') };
    expect(isOffered({ ...v, state: 'approved' }, now)).toBe(true);
    for (const state of ['pending', 'sent_back', 'superseded'] as const)
      expect(isOffered({ ...v, state }, now)).toBe(false);
    expect(isOffered({ ...v, state: 'approved' }, at('2026-07-01T00:00:00Z'))).toBe(false);
    expect(isOffered({ ...v, state: 'approved' }, at('2025-12-31T23:59:59Z'))).toBe(false);
    expect(isOffered({ ...v, validUntil: null, state: 'approved' }, at('2099-01-01T00:00:00Z'))).toBe(true);
  });

  it('KB-1: the expiry reminder is due within N days before the end, not after it', () => {
    const until = at('2026-06-10T00:00:00Z');
    expect(expiryReminderDue(until, now, 14)).toBe(true);
    expect(expiryReminderDue(until, now, 7)).toBe(false);
    expect(expiryReminderDue(until, at('2026-06-10T00:00:01Z'), 14)).toBe(false);
    expect(expiryReminderDue(null, now, 14)).toBe(false);
  });

  it('KB-3: BM25 puts the document holding the rare word first; recency breaks near-ties', () => {
    const docs = [
      { item: 'a', tokens: ['空调', '噪音', '大'], at: at('2020-01-01T00:00:00Z') },
      { item: 'b', tokens: ['空调', '安装', '费用'], at: at('2026-05-01T00:00:00Z') },
      { item: 'c', tokens: ['冰箱', '安装', '费用'], at: at('2026-05-01T00:00:00Z') },
      { item: 'd', tokens: ['门店', '营业', '时间'], at: at('2026-05-01T00:00:00Z') },
    ];
    const ranked = rankBm25(['空调', '噪音'], docs, now).map((r) => r.item);
    expect(ranked[0]).toBe('a');
    expect(ranked).not.toContain('d');
    const tie = rankBm25(['安装', '费用'], docs.slice(1, 3), now).map((r) => r.item);
    expect(tie).toHaveLength(2);
    const old = { item: 'old', tokens: ['退货'], at: at('2016-01-01T00:00:00Z') };
    const fresh = { item: 'new', tokens: ['退货'], at: at('2026-05-30T00:00:00Z') };
    expect(rankBm25(['退货'], [old, fresh], now).map((r) => r.item)).toEqual(['new', 'old']);
  });

  it('KB-3: a synonym group widens the query both ways', () => {
    expect(
      expandSynonyms(
        ['冷气', '不制冷'],
        [
          ['空调', '冷气'],
          ['退货', '退款'],
        ],
      ).sort(),
    ).toEqual(['不制冷', '冷气', '空调'].sort());
  });
});
