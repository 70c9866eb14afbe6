import { describe, expect, it } from 'vitest';
import { mayPlaceUnit } from './units';

describe('unit tree shape', () => {
  it('ORG-1: headquarters → region → store → department, and only headquarters at the root', () => {
    expect(mayPlaceUnit(null, 'headquarters')).toBe(true);
    expect(mayPlaceUnit(null, 'store')).toBe(false);
    expect(mayPlaceUnit('headquarters', 'region')).toBe(true);
    expect(mayPlaceUnit('region', 'store')).toBe(true);
    expect(mayPlaceUnit('store', 'department')).toBe(true);
    expect(mayPlaceUnit('headquarters', 'department')).toBe(true);
    expect(mayPlaceUnit('department', 'department')).toBe(false);
    expect(mayPlaceUnit('store', 'region')).toBe(false);
    expect(mayPlaceUnit('region', 'headquarters')).toBe(false);
  });
});
