import { describe, expect, it } from 'vitest';
import {
  can,
  DEFAULT_ROLES,
  effectivePermissions,
  mayGrantRole,
  PERMISSIONS,
  scopeRoots,
  type Grant,
} from '.';

const hq = ['hq'];
const east = ['hq', 'east'];
const storeA = ['hq', 'east', 'store-a'];
const storeB = ['hq', 'west', 'store-b'];

describe('permissions', () => {
  it('ORG-1: a store agent may read its own store but not another store', () => {
    const grants: Grant[] = [{ unitId: 'store-a', unitPath: storeA, permissions: ['org.users.read'] }];
    expect(can(grants, 'org.users.read', storeA)).toBe(true);
    expect(can(grants, 'org.users.read', [...storeA, 'dept-cs'])).toBe(true);
    expect(can(grants, 'org.users.read', storeB)).toBe(false);
    expect(can(grants, 'org.users.read', east)).toBe(false);
  });

  it('ORG-1: a region manager sees every store of the region, not other regions', () => {
    const grants: Grant[] = [{ unitId: 'east', unitPath: east, permissions: ['org.users.read'] }];
    expect(can(grants, 'org.users.read', storeA)).toBe(true);
    expect(can(grants, 'org.users.read', storeB)).toBe(false);
    expect(can(grants, 'org.users.read', hq)).toBe(false);
  });

  it('ORG-1: a permission held in one unit does not leak to another grant', () => {
    const grants: Grant[] = [
      { unitId: 'store-a', unitPath: storeA, permissions: ['org.users.manage'] },
      { unitId: 'store-b', unitPath: storeB, permissions: ['org.users.read'] },
    ];
    expect(can(grants, 'org.users.manage', storeA)).toBe(true);
    expect(can(grants, 'org.users.manage', storeB)).toBe(false);
  });

  it('ORG-1: scope roots keep only the topmost units', () => {
    const grants: Grant[] = [
      { unitId: 'east', unitPath: east, permissions: ['org.users.read'] },
      { unitId: 'store-a', unitPath: storeA, permissions: ['org.users.read'] },
      { unitId: 'store-b', unitPath: storeB, permissions: ['org.users.read'] },
      { unitId: 'hq', unitPath: hq, permissions: ['audit.read'] },
    ];
    expect(scopeRoots(grants, 'org.users.read').sort()).toEqual(['east', 'store-b']);
    expect(scopeRoots(grants, 'audit.read')).toEqual(['hq']);
    expect(effectivePermissions(grants)).toEqual(['audit.read', 'org.users.read']);
  });

  it('ORG-2: every default role exists with catalogue permissions, trainee included', () => {
    const codes = DEFAULT_ROLES.map((r) => r.code);
    for (const required of [
      'agent',
      'trainee',
      'cs_supervisor',
      'store_manager',
      'general_manager',
      'technician',
      'installation_supervisor',
      'department_head',
      'department_member',
      'quality_manager',
      'finance',
      'warehouse',
      'administrator',
      'auditor',
    ]) {
      expect(codes).toContain(required);
    }
    const catalogue = new Set<string>(PERMISSIONS.map((p) => p.code));
    for (const role of DEFAULT_ROLES) for (const p of role.permissions) expect(catalogue.has(p)).toBe(true);
    expect(DEFAULT_ROLES.find((r) => r.code === 'administrator')!.permissions).toHaveLength(
      PERMISSIONS.length,
    );
  });

  it('ORG-3: approving and opening accounts are held by different default roles', () => {
    const holders = (p: string) =>
      DEFAULT_ROLES.filter((r) => r.code !== 'administrator' && (r.permissions as string[]).includes(p)).map(
        (r) => r.code,
      );
    expect(holders('org.accounts.approve')).toEqual(['general_manager']);
    expect(holders('org.accounts.open')).toEqual(['cs_supervisor']);
    expect(holders('org.accounts.request')).toContain('hr_admin');
  });
});

describe('role assignment', () => {
  it('ORG-2: a store manager cannot hand out a role with more rights than their own there', () => {
    const grants: Grant[] = [
      { unitId: 'store-a', unitPath: storeA, permissions: ['org.users.read', 'org.users.manage'] },
    ];
    expect(mayGrantRole(grants, ['org.users.read'], storeA)).toBe(true);
    expect(mayGrantRole(grants, ['org.users.read', 'audit.read'], storeA)).toBe(false);
    expect(mayGrantRole(grants, ['org.users.read'], storeB)).toBe(false);
  });
});
