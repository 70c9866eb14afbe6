import { describe, expect, it } from 'vitest';
import { fenToYuanInput, formatYuan, parseYuan } from './money';

describe('money in fen shown as yuan (PAY-3)', () => {
  it('PAY-3: formats fen as yuan with two decimals and thousands separators', () => {
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(123450)).toBe('¥1,234.50');
    expect(formatYuan(-1999)).toBe('-¥19.99');
    expect(formatYuan(null)).toBe('');
  });

  it('PAY-3: parses typed yuan into whole fen', () => {
    expect(parseYuan('12')).toBe(1200);
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('12.05')).toBe(1205);
    expect(parseYuan('¥1,200.00')).toBe(120000);
    expect(parseYuan(' 80 元')).toBe(8000);
  });

  it('PAY-3: refuses fractions of a fen, negatives and text instead of rounding them', () => {
    expect(parseYuan('12.345')).toBeNull();
    expect(parseYuan('-5')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
    expect(parseYuan('')).toBeNull();
    expect(parseYuan('1e3')).toBeNull();
  });

  it('round-trips fen through the input text', () => {
    for (const fen of [0, 1, 99, 100, 12345, 9_999_999]) expect(parseYuan(fenToYuanInput(fen))).toBe(fen);
  });
});
