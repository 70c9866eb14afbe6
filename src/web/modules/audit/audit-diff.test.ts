import { describe, expect, it } from 'vitest';
import { diffSnapshots, displayValue, stableJson } from './audit-diff';

describe('audit diff', () => {
  it('marks changed, added and removed fields', () => {
    const rows = diffSnapshots(
      { name: '天河店', code: 'TH', active: true },
      { name: '天河旗舰店', active: true, timezone: 'Asia/Shanghai' },
    );
    expect(rows).toEqual([
      { field: 'active', before: true, after: true, changed: false },
      { field: 'code', before: 'TH', after: undefined, changed: true },
      { field: 'name', before: '天河店', after: '天河旗舰店', changed: true },
      { field: 'timezone', before: undefined, after: 'Asia/Shanghai', changed: true },
    ]);
  });

  it('treats a created record (no before) as every field added', () => {
    expect(diffSnapshots(null, { a: 1 })).toEqual([
      { field: 'a', before: undefined, after: 1, changed: true },
    ]);
  });

  it('compares nested values regardless of key order', () => {
    const rows = diffSnapshots({ m: { x: 1, y: [1, 2] } }, { m: { y: [1, 2], x: 1 } });
    expect(rows[0]?.changed).toBe(false);
    expect(stableJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('handles empty and scalar snapshots', () => {
    expect(diffSnapshots(null, null)).toEqual([]);
    expect(diffSnapshots('old', 'new')).toEqual([{ field: '', before: 'old', after: 'new', changed: true }]);
    expect(displayValue({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(displayValue(undefined)).toBe('');
  });
});
