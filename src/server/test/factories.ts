import type { HttpSession } from './test-app';

export interface UnitRef {
  id: string;
  name: string;
  path: string[];
}

/**
 * Creates a unit through the API as `admin` (so the audit trail and checks are the real ones).
 * Its calendar is inherited unless `calendar: 'kind_default'` is asked for: the SLA tests written
 * before stores had hours of their own count store deadlines in the office calendar (SLA-1), and
 * the tests of store hours ask for the store default explicitly.
 */
export async function createUnit(
  admin: HttpSession,
  parentId: string,
  kind: string,
  name: string,
  opts: { calendar?: 'kind_default' | 'inherit' } = {},
): Promise<UnitRef> {
  const res = await admin.post('/api/v1/units', {
    parentId,
    kind,
    name,
    calendar: opts.calendar ?? 'inherit',
  });
  if (res.statusCode !== 201) throw new Error(`unit ${name}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function roleId(admin: HttpSession, code: string): Promise<string> {
  const res = await admin.get('/api/v1/roles');
  const role = (res.json().items as { id: string; code: string }[]).find((r) => r.code === code);
  if (!role) throw new Error(`no role ${code}`);
  return role.id;
}

export const TEST_PASSWORD = 'Passw0rd!test';

/** Creates a person with one role in one unit; they must change the password later, not in tests. */
export async function createUser(admin: HttpSession, username: string, unitId: string, role: string) {
  const res = await admin.post('/api/v1/users', {
    username,
    displayName: username,
    password: TEST_PASSWORD,
    memberships: [{ unitId, roleId: await roleId(admin, role) }],
  });
  if (res.statusCode !== 201) throw new Error(`user ${username}: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; username: string };
}

/** Headquarters (the root made at first start) with a region, two stores and a department. */
export async function buildOrganisation(admin: HttpSession) {
  const units = (await admin.get('/api/v1/units')).json().items as UnitRef[];
  const hq = units.find((u) => u.path.length === 1)!;
  const east = await createUnit(admin, hq.id, 'region', '华东区域');
  const west = await createUnit(admin, hq.id, 'region', '西南区域');
  const storeA = await createUnit(admin, east.id, 'store', '上海徐汇店');
  const storeB = await createUnit(admin, west.id, 'store', '成都春熙店');
  const storeAEngineering = await createUnit(admin, storeA.id, 'department', '工程部');
  return { hq, east, west, storeA, storeB, storeAEngineering };
}
