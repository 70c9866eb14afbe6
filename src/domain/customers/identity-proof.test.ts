import { describe, expect, it } from 'vitest';
import { proofMatches, type ProofRecord } from './identity-proof';

const record: ProofRecord = {
  identityNumber: '31010419900101123x',
  phones: ['13812345678', '02164321234'],
  rooms: ['3-1201', null],
};

describe('CUS-2 identity proof', () => {
  it('CUS-2: the ID number matches without spaces and whatever the case of its check letter', () => {
    expect(proofMatches('id_number', '310104 19900101 123X', record)).toBe(true);
    expect(proofMatches('id_number', '310104199001011239', record)).toBe(false);
    expect(proofMatches('id_number', '310104199001011239', { ...record, identityNumber: null })).toBe(false);
  });
  it('CUS-2: a phone matches in any spelling of a number on file, never a number not on file', () => {
    expect(proofMatches('phone', '+86 138-1234-5678', record)).toBe(true);
    expect(proofMatches('phone', '021 6432 1234', record)).toBe(true);
    expect(proofMatches('phone', '13900000000', record)).toBe(false);
    expect(proofMatches('phone', 'not a number', record)).toBe(false);
  });
  it('CUS-2: a room matches with any dash and spacing; an empty answer never matches', () => {
    expect(proofMatches('room', '3 － 1201', record)).toBe(true);
    expect(proofMatches('room', '3-1202', record)).toBe(false);
    expect(proofMatches('room', '  ', record)).toBe(false);
    expect(proofMatches('phone', '', record)).toBe(false);
  });
});
