import type { Unit, UnitKind } from '../../api/types';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

export const KIND_ORDER: Record<UnitKind, number> = { headquarters: 0, region: 1, store: 2, department: 3 };
export const UNIT_KINDS = Object.keys(KIND_ORDER) as UnitKind[];

const byKindThenName = (a: UnitNode, b: UnitNode) =>
  KIND_ORDER[a.unit.kind] - KIND_ORDER[b.unit.kind] || a.unit.name.localeCompare(b.unit.name, 'zh-CN');

/**
 * Builds the tree from the flat list (GET /units). A unit whose parent the caller cannot see
 * becomes a root, so a store manager sees their store at the top.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { unit: u, children: [] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort(byKindThenName);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Kinds a new child of `parent` may have: lower in the hierarchy; departments can nest. */
export function childKinds(parent: UnitKind): UnitKind[] {
  return UNIT_KINDS.filter(
    (k) => KIND_ORDER[k] > KIND_ORDER[parent] || (k === 'department' && parent === 'department'),
  );
}

export function flattenTree(roots: readonly UnitNode[]): Unit[] {
  return roots.flatMap((n) => [n.unit, ...flattenTree(n.children)]);
}
