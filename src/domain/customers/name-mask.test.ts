import { describe, expect, it } from 'vitest';
import { maskPersonName } from './name-mask';

describe('maskPersonName', () => {
  it('CUS-4: keeps the surname and hides the given name', () => {
    expect(maskPersonName('刘自助')).toBe('刘**');
    expect(maskPersonName('王芳')).toBe('王*');
    expect(maskPersonName('刘')).toBe('刘*');
  });

  it('CUS-4: a long or Latin name shows its initial and at most three stars; an empty one shows a star', () => {
    expect(maskPersonName('Alexander Smith')).toBe('A***');
    expect(maskPersonName('  ')).toBe('*');
  });
});
