import { describe, expect, it } from 'vitest';
import { checkRow, mappingProblems, parseSheetDate, rememberedMapping, suggestMapping } from './index';

describe('CUS-5 import rules (pure)', () => {
  it('CUS-5: dates are read from date cells, Excel day numbers and the ways people type them', () => {
    expect(parseSheetDate(new Date(Date.UTC(2026, 2, 1)))).toBe('2026-03-01');
    expect(parseSheetDate(46082)).toBe('2026-03-01');
    for (const text of ['2026-3-1', '2026/03/01', '2026.3.1', '2026年3月1日', '20260301', '2026-03-01 10:00'])
      expect(parseSheetDate(text), text).toBe('2026-03-01');
    for (const bad of ['2026-02-30', '3/1/2026', '明天', '1800-01-01', 0])
      expect(parseSheetDate(bad), String(bad)).toBeNull();
  });

  it('CUS-5: a remembered mapping follows its headers when columns move; a mapping must name the required fields once', () => {
    const remembered = rememberedMapping({ name: 0, phone: 1 }, ['甲', '乙']);
    expect(suggestMapping('customers', ['乙', '甲', '地址'], remembered)).toEqual({
      phone: 0,
      name: 1,
      address: 2,
    });
    expect(mappingProblems('customers', { name: 0, phone: 0 }, 2)).toHaveLength(1);
    expect(mappingProblems('customers', { name: 0 }, 2)).toEqual([
      '必须指定“手机号”对应的列 / Choose the column for Phone',
    ]);
    expect(mappingProblems('customers', { name: 0, phone: 5 }, 2)).toHaveLength(1);
  });

  it('CUS-5: a row keeps its phone normalised and drops a second phone equal to the first', () => {
    const r = checkRow(
      'customers',
      2,
      ['王芳', '138 0013 8000', '+86 13800138000'],
      { name: 0, phone: 1, phone2: 2 },
      ['姓名', '电话', '电话2'],
    );
    expect(r).toMatchObject({
      ok: true,
      value: { name: '王芳', phone: { normalized: '13800138000' }, phone2: null },
    });
  });
});
