import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { ensureDefaultRoles } from './bootstrap';
import { knownPermissions, roles } from './org.table';

let kefu: TestKefu;
beforeAll(async () => {
  kefu = await createTestKefu();
});
afterAll(() => kefu.close());

const permissionsOf = async (code: string) =>
  (await kefu.deps.db.select({ p: roles.permissions }).from(roles).where(eq(roles.code, code)))[0]!.p;

describe('default roles across releases', () => {
  it('ORG-2: a permission new in a release reaches the default roles; one an administrator removed stays removed', async () => {
    const { db } = kefu.deps;
    // The administrator took audit.read away from auditors earlier: an edit to keep.
    await db
      .update(roles)
      .set({ permissions: ['org.units.read', 'org.users.read'] })
      .where(eq(roles.code, 'auditor'));
    // Pretend org.accounts.approve is new in this release and the general manager never had it.
    await db.delete(knownPermissions).where(eq(knownPermissions.code, 'org.accounts.approve'));
    const gmBefore = (await permissionsOf('general_manager')).filter((p) => p !== 'org.accounts.approve');
    await db.update(roles).set({ permissions: gmBefore }).where(eq(roles.code, 'general_manager'));

    await ensureDefaultRoles(kefu.deps);

    expect(await permissionsOf('general_manager')).toContain('org.accounts.approve');
    expect(await permissionsOf('auditor')).not.toContain('audit.read');
    expect(await permissionsOf('agent')).not.toContain('org.accounts.approve');
    await ensureDefaultRoles(kefu.deps);
    expect((await permissionsOf('general_manager')).filter((p) => p === 'org.accounts.approve')).toHaveLength(
      1,
    );
  });
});
