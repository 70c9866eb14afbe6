import { describe, expect, it } from 'vitest';
import { maskIdentityNumber, maskPhone, normalizePhone, phoneSearchDigits } from './phone';

const normalizedOf = (input: string) => {
  const r = normalizePhone(input);
  return r.ok ? r.normalized : r.problem;
};

describe('IN-3 phone normalization: one number however it was typed', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '138.1234.5678',
    '+86 138 1234 5678',
    '+86-138-1234-5678',
    '+8613812345678',
    '0086 13812345678',
    '008613812345678',
    '86 138 1234 5678',
    '8613812345678',
    '(+86) 138 1234 5678',
    '１３８１２３４５６７８',
    '＋８６　１３８－１２３４－５６７８',
    '013812345678',
    ' 138 1234 5678 ',
  ])('IN-3: mobile %s → 13812345678', (input) => {
    expect(normalizePhone(input)).toEqual({
      ok: true,
      normalized: '13812345678',
      kind: 'mobile',
      display: '138 1234 5678',
    });
  });

  it.each([
    ['021-6432 1234', '02164321234', '021-6432 1234'],
    ['021-64321234', '02164321234', '021-6432 1234'],
    ['(021)64321234', '02164321234', '021-6432 1234'],
    ['（021）6432-1234', '02164321234', '021-6432 1234'],
    ['+86 21 6432 1234', '02164321234', '021-6432 1234'],
    ['0086-21-64321234', '02164321234', '021-6432 1234'],
    ['010-8765 4321', '01087654321', '010-8765 4321'],
    ['+86 10 87654321', '01087654321', '010-8765 4321'],
    ['(0571)87654321', '057187654321', '0571-8765 4321'],
    ['0571-87654321', '057187654321', '0571-8765 4321'],
    ['0898-6543210', '08986543210', '0898-654 3210'],
    ['028 8523 4567', '02885234567', '028-8523 4567'],
  ])('IN-3: landline %s → %s', (input, normalized, display) => {
    expect(normalizePhone(input)).toEqual({ ok: true, normalized, kind: 'landline', display });
  });

  it.each([
    ['400-820-1234', '4008201234', '400-820-1234'],
    ['4008201234', '4008201234', '400-820-1234'],
    ['400 820 1234', '4008201234', '400-820-1234'],
    ['800-810-5678', '8008105678', '800-810-5678'],
  ])('IN-3: service number %s', (input, normalized, display) => {
    expect(normalizePhone(input)).toEqual({ ok: true, normalized, kind: 'service', display });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['138abc45678', 'invalid_characters'],
    ['电话13812345678', 'invalid_characters'],
    ['+1 415 555 0100', 'foreign_number'],
    ['12345', 'not_a_phone_number'],
    ['12812345678', 'not_a_phone_number'],
    ['1381234567', 'not_a_phone_number'],
    ['138123456789', 'not_a_phone_number'],
    ['021-1234567', 'not_a_phone_number'],
    ['64321234', 'not_a_phone_number'],
  ])('IN-3: %j is not a phone number (%s)', (input, problem) => {
    expect(normalizePhone(input)).toEqual({ ok: false, problem });
  });

  it('IN-3: all spellings of a landline meet in one key, distinct from a mobile', () => {
    const keys = new Set(
      ['021-6432 1234', '+86 21 64321234', '(021) 6432-1234', '０２１６４３２１２３４'].map(normalizedOf),
    );
    expect([...keys]).toEqual(['02164321234']);
  });

  it('IN-3: a partial number searches by its digits; a full one by its normalized form', () => {
    expect(phoneSearchDigits('5678')).toBe('5678');
    expect(phoneSearchDigits('138 1234')).toBe('1381234');
    expect(phoneSearchDigits('+86 138 1234 5678')).toBe('13812345678');
    expect(phoneSearchDigits('+86 138')).toBe('138');
    expect(phoneSearchDigits('(021)6432')).toBe('0216432');
    expect(phoneSearchDigits('张三')).toBeNull();
    expect(phoneSearchDigits('张 138')).toBeNull();
  });
});

describe('CUS-4 masking', () => {
  it('CUS-4: mobiles show the first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('CUS-4: landlines keep the area code and last 4', () => {
    expect(maskPhone('02164321234')).toBe('021-****1234');
    expect(maskPhone('057187654321')).toBe('0571-****4321');
  });
  it('CUS-4: service numbers and unknown strings still hide the middle', () => {
    expect(maskPhone('4008201234')).toBe('400-***-1234');
    expect(maskPhone('99999999')).toBe('****9999');
    expect(maskPhone('123')).toBe('****');
  });
  it('CUS-4: ID card numbers keep region code and last 4; short numbers their ends', () => {
    expect(maskIdentityNumber('310104199001011234')).toBe('310104********1234');
    expect(maskIdentityNumber('沪A12345')).toBe('沪A***45');
    expect(maskIdentityNumber('3-1502')).toBe('3*****');
    expect(maskIdentityNumber('x')).toBe('*');
  });
});
