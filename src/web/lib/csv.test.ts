import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, UTF8_BOM } from './csv';

describe('CSV export', () => {
  it('starts with a UTF-8 BOM and uses CRLF line ends', () => {
    const csv = toCsv([{ name: '张三' }], [{ title: '姓名', value: (r) => r.name }]);
    expect(csv).toBe(`${UTF8_BOM}姓名\r\n张三\r\n`);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
  });

  it('writes empty cells for null and undefined, plain numbers and booleans', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(true)).toBe('true');
  });

  it('defuses spreadsheet formulas but keeps negative numbers written as text', () => {
    expect(csvCell('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('-12.5')).toBe('-12.5');
  });

  it('writes a header row even with no rows', () => {
    expect(
      toCsv(
        [],
        [
          { title: 'a', value: () => 1 },
          { title: 'b', value: () => 2 },
        ],
      ),
    ).toBe(`${UTF8_BOM}a,b\r\n`);
  });
});
