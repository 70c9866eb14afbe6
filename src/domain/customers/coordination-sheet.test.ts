import { describe, expect, it } from 'vitest';
import { coordinationSheetRule, formatCoordinationSheetNumber } from './coordination-sheet';
import { LETTER_CATEGORIES } from './letter-routing';

describe('IN-8 coordination sheet', () => {
  it('IN-8: a service report gets its sheet at once, a complaint by the assistant, praise and other letters never', () => {
    expect(Object.fromEntries(LETTER_CATEGORIES.map((c) => [c, coordinationSheetRule(c)]))).toEqual({
      service_report: 'at_once',
      complaint: 'assistant_decides',
      praise: 'never',
      other_business: 'never',
    });
  });

  it('IN-8: sheets are numbered XT + local date + a 4-digit daily sequence', () => {
    expect(formatCoordinationSheetNumber('2026-12-06', 7)).toBe('XT202612060007');
    expect(() => formatCoordinationSheetNumber('2026-12-06', 0)).toThrow(RangeError);
    expect(() => formatCoordinationSheetNumber('20261206', 1)).toThrow(RangeError);
    expect(() => formatCoordinationSheetNumber('2026-12-06', 10_000)).toThrow(RangeError);
  });
});
