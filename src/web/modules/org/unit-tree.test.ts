import { describe, expect, it } from 'vitest';
import type { Unit } from '../../api/types';
import { buildUnitTree, childKinds, flattenTree } from './unit-tree';

const unit = (id: string, parentId: string | null, kind: Unit['kind'], name = id): Unit => ({
  id,
  parentId,
  kind,
  name,
  code: null,
  timezone: 'Asia/Shanghai',
  active: true,
  path: [],
  displayName: null,
  address: null,
  servicePhone: null,
  businessType: null,
});

describe('buildUnitTree', () => {
  it('nests units under their parents and sorts by kind then name', () => {
    const tree = buildUnitTree([
      unit('d1', 'hq', 'department', '客服部'),
      unit('r2', 'hq', 'region', '华南区'),
      unit('hq', null, 'headquarters', '总部'),
      unit('s1', 'r2', 'store', '广州天河店'),
    ]);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.children.map((n) => n.unit.id)).toEqual(['r2', 'd1']);
    expect(tree[0]?.children[0]?.children.map((n) => n.unit.id)).toEqual(['s1']);
    expect(flattenTree(tree).map((u) => u.id)).toEqual(['hq', 'r2', 's1', 'd1']);
  });

  it('makes a unit whose parent is not visible a root', () => {
    const tree = buildUnitTree([unit('s1', 'invisible-region', 'store'), unit('d1', 's1', 'department')]);
    expect(tree.map((n) => n.unit.id)).toEqual(['s1']);
    expect(tree[0]?.children.map((n) => n.unit.id)).toEqual(['d1']);
  });
});

describe('childKinds', () => {
  it('offers only kinds below the parent; departments may nest', () => {
    expect(childKinds('headquarters')).toEqual(['region', 'store', 'department']);
    expect(childKinds('store')).toEqual(['department']);
    expect(childKinds('department')).toEqual(['department']);
  });
});
