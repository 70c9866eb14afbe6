import { eq, inArray, sql } from 'drizzle-orm';
import type { UnitKind } from '../../domain/org/units';
import type { BusinessType } from '../../domain/org/business-types';
import type { Deps } from '../app/context';
import type { Db } from '../app/db';
import { recordAudit } from '../modules/audit/audit.service';
import { hashPassword } from '../modules/auth/auth.service';
import { applyDefaultCalendar } from '../modules/calendar/calendar.service';
import { memberships, organisationUnits, roles, users } from '../modules/org/org.table';
import { loadDemoWorkOrders } from './demo-workorders';

/** Password of every demo person (documented in README); the administrator keeps its own. */
export const DEMO_PASSWORD = 'Kefu2026demo';

interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  /** SAT-1: set on the company; its regions, stores and departments take it from there. */
  businessType?: BusinessType;
}

const DEPARTMENTS: [suffix: string, name: string][] = [
  ['CS', '客服部'],
  ['ENG', '工程部'],
  ['FIN', '财务部'],
  ['MKT', '营销部'],
  ['QA', '品质部'],
  ['WH', '仓储部'],
  ['INST', '安装部'],
];

const STORES: [code: string, name: string, region: string][] = [
  ['SH-XH', '上海徐汇店', 'EAST'],
  ['HZ-XH', '杭州西湖店', 'EAST'],
  ['GZ-TH', '广州天河店', 'SOUTH'],
  ['SZ-NS', '深圳南山店', 'SOUTH'],
];

/** 华居家居: headquarters, two regions, four stores, each store with its departments. */
export const DEMO_UNITS: DemoUnit[] = [
  { code: 'HQ', name: '华居家居集团总部', kind: 'headquarters', parent: null, businessType: 'furniture' },
  { code: 'HQ-CS', name: '总部客服中心', kind: 'department', parent: 'HQ' },
  { code: 'EAST', name: '华东区域', kind: 'region', parent: 'HQ' },
  { code: 'SOUTH', name: '华南区域', kind: 'region', parent: 'HQ' },
  ...STORES.flatMap(([code, name, region]) => [
    { code, name, kind: 'store' as const, parent: region },
    ...DEPARTMENTS.map(([suffix, dept]) => ({
      code: `${code}-${suffix}`,
      name: dept,
      kind: 'department' as const,
      parent: code,
    })),
  ]),
];

/**
 * One person per default role, plus agents in other stores to show that data stays in its store.
 * Agents hold their role at the store (they serve the whole store's customers); department staff
 * hold theirs at their department.
 */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  unit: string;
  role: string;
  phone: string;
}[] = [
  { username: 'gm.zhou', displayName: '周建国', unit: 'HQ', role: 'general_manager', phone: '13800000001' },
  { username: 'hq.supervisor', displayName: '陈静', unit: 'HQ', role: 'cs_supervisor', phone: '13800000002' },
  // KB-1: the company's approved answers are written by its knowledge editor and approved by 陈静
  // (nobody approves their own answer).
  { username: 'hq.kb', displayName: '沈佳', unit: 'HQ', role: 'cs_supervisor', phone: '13800000026' },
  { username: 'hr.li', displayName: '李娜', unit: 'HQ', role: 'hr_admin', phone: '13800000003' },
  { username: 'auditor.sun', displayName: '孙伟', unit: 'HQ', role: 'auditor', phone: '13800000004' },
  // CMP-5 close-out owners at headquarters, so a store complaint's chain can be walked in the demo:
  // the quality lead (质量负责人), the assessment lead (绩效考核负责人), then 周建国 as general manager.
  { username: 'hq.quality', displayName: '严华', unit: 'HQ', role: 'quality_manager', phone: '13800000020' },
  {
    username: 'hq.kpi',
    displayName: '唐晓燕',
    unit: 'HQ',
    role: 'performance_assessor',
    phone: '13800000021',
  },
  // RET-8: the head of retail operations (自营部负责人) signs store returns and exchanges.
  {
    username: 'hq.retail',
    displayName: '贺明',
    unit: 'HQ',
    role: 'self_operated_head',
    phone: '13800000022',
  },
  // RET-9: an online shop's returns go through its administrator and the parcel-tracking team.
  { username: 'hq.shop', displayName: '孔丽', unit: 'HQ', role: 'online_shop_admin', phone: '13800000023' },
  { username: 'hq.parcel', displayName: '邓涛', unit: 'HQ', role: 'parcel_tracking', phone: '13800000024' },
  // JRN-5: a construction open day before plastering is signed by the vice-president (副总裁).
  { username: 'hq.vp', displayName: '韩立军', unit: 'HQ', role: 'vice_president', phone: '13800000027' },
  {
    username: 'east.supervisor',
    displayName: '王芳',
    unit: 'EAST',
    role: 'cs_supervisor',
    phone: '13800000005',
  },
  { username: 'sh.manager', displayName: '刘洋', unit: 'SH-XH', role: 'store_manager', phone: '13800000006' },
  { username: 'sh.agent', displayName: '张敏', unit: 'SH-XH', role: 'agent', phone: '13800000007' },
  { username: 'sh.trainee', displayName: '赵雪', unit: 'SH-XH', role: 'trainee', phone: '13800000008' },
  {
    username: 'sh.tech',
    displayName: '黄师傅',
    unit: 'SH-XH-INST',
    role: 'technician',
    phone: '13800000009',
  },
  {
    username: 'sh.tech2',
    displayName: '李师傅',
    unit: 'SH-XH-INST',
    role: 'technician',
    phone: '13800000019',
  },
  {
    username: 'sh.install',
    displayName: '吴刚',
    unit: 'SH-XH-INST',
    role: 'installation_supervisor',
    phone: '13800000010',
  },
  // PAY-3: a charged repair of the installation department is first approved by its own head.
  {
    username: 'sh.install.head',
    displayName: '孙立',
    unit: 'SH-XH-INST',
    role: 'department_head',
    phone: '13800000025',
  },
  {
    username: 'sh.eng.head',
    displayName: '郑强',
    unit: 'SH-XH-ENG',
    role: 'department_head',
    phone: '13800000011',
  },
  {
    username: 'sh.eng',
    displayName: '冯磊',
    unit: 'SH-XH-ENG',
    role: 'department_member',
    phone: '13800000012',
  },
  {
    username: 'sh.quality',
    displayName: '何丽',
    unit: 'SH-XH-QA',
    role: 'quality_manager',
    phone: '13800000013',
  },
  // Finance and the warehouse confirm prices on every work order of the store (PAY-3), so they
  // hold their roles at the store, whose departments (安装部 among them) own the orders.
  { username: 'sh.finance', displayName: '许静', unit: 'SH-XH', role: 'finance', phone: '13800000014' },
  {
    username: 'sh.warehouse',
    displayName: '马超',
    unit: 'SH-XH',
    role: 'warehouse',
    phone: '13800000015',
  },
  { username: 'hz.agent', displayName: '钱丽', unit: 'HZ-XH', role: 'agent', phone: '13800000016' },
  { username: 'gz.agent', displayName: '林峰', unit: 'GZ-TH', role: 'agent', phone: '13800000017' },
  { username: 'sz.manager', displayName: '罗琳', unit: 'SZ-NS', role: 'store_manager', phone: '13800000018' },
];

async function ensureUnits(db: Db, at: Date): Promise<Map<string, { id: string; path: string[] }>> {
  const existing = await db
    .select()
    .from(organisationUnits)
    .where(
      inArray(
        organisationUnits.code,
        DEMO_UNITS.map((u) => u.code),
      ),
    );
  const byCode = new Map(existing.map((u) => [u.code!, { id: u.id, path: u.path }]));
  // The root from the first start has no business type yet: the demo company is a furniture retailer.
  for (const unit of DEMO_UNITS) {
    const row = existing.find((u) => u.code === unit.code);
    if (row && unit.businessType && !row.businessType)
      await db
        .update(organisationUnits)
        .set({ businessType: unit.businessType })
        .where(eq(organisationUnits.id, row.id))
        .then(() =>
          recordAudit(db, at, null, {
            action: 'org.unit.updated',
            subjectType: 'organisation_unit',
            subjectId: row.id,
            unitId: row.id,
            after: { businessType: unit.businessType, source: 'demo' },
          }),
        );
  }
  // A fresh install already has a root headquarters (code HQ) from the first start; reuse it.
  for (const unit of DEMO_UNITS) {
    if (byCode.has(unit.code)) continue;
    const parent = unit.parent ? byCode.get(unit.parent)! : null;
    const id = crypto.randomUUID();
    const [row] = await db
      .insert(organisationUnits)
      .values({
        id,
        parentId: parent?.id ?? null,
        kind: unit.kind,
        name: unit.name,
        code: unit.code,
        businessType: unit.businessType ?? null,
        path: [...(parent?.path ?? []), id],
      })
      .returning();
    await recordAudit(db, at, null, {
      action: 'org.unit.created',
      subjectType: 'organisation_unit',
      subjectId: id,
      unitId: id,
      after: { ...row, source: 'demo' },
    });
    // SLA-1: stores trade every day and through public holidays, the offices count Mon–Fri.
    await applyDefaultCalendar(db, at, null, row!);
    byCode.set(unit.code, { id, path: row!.path });
  }
  return byCode;
}

/** Loads the demo company. Idempotent: units are matched by code and people by username. */
export async function loadDemoCompany(deps: Deps): Promise<{ unitsCreated: number; usersCreated: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727277)`);
    const at = deps.clock.now();
    const [root] = await tx
      .select()
      .from(organisationUnits)
      .where(sql`${organisationUnits.parentId} is null`)
      .limit(1);
    if (root && root.code === 'HQ' && root.name === '总部') {
      await tx
        .update(organisationUnits)
        .set({ name: DEMO_UNITS[0]!.name })
        .where(eq(organisationUnits.id, root.id));
    }
    const unitsBefore = (await tx.select({ id: organisationUnits.id }).from(organisationUnits)).length;
    const units = await ensureUnits(tx, at);
    const roleRows = await tx.select({ id: roles.id, code: roles.code }).from(roles);
    const roleIds = new Map(roleRows.map((r) => [r.code, r.id]));
    const existingUsers = await tx
      .select({ username: users.username })
      .from(users)
      .where(
        inArray(
          users.username,
          DEMO_USERS.map((u) => u.username),
        ),
      );
    const have = new Set(existingUsers.map((u) => u.username));
    let usersCreated = 0;
    for (const person of DEMO_USERS.filter((u) => !have.has(u.username))) {
      const [user] = await tx
        .insert(users)
        .values({
          username: person.username,
          displayName: person.displayName,
          phone: person.phone,
          passwordHash,
        })
        .returning();
      const membership = {
        userId: user!.id,
        unitId: units.get(person.unit)!.id,
        roleId: roleIds.get(person.role)!,
      };
      await tx.insert(memberships).values(membership);
      await recordAudit(tx, at, null, {
        action: 'org.user.created',
        subjectType: 'user',
        subjectId: user!.id,
        unitId: membership.unitId,
        after: { ...user, memberships: [membership], source: 'demo' },
      });
      usersCreated++;
    }
    await loadDemoWorkOrders(deps, tx, at, units);
    const unitsAfter = (await tx.select({ id: organisationUnits.id }).from(organisationUnits)).length;
    return { unitsCreated: unitsAfter - unitsBefore, usersCreated };
  });
}
