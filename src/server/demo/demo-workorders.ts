/**
 * The demo company's field service (issue 5): technicians' skills and areas, the Shanghai store's
 * price list, and a handful of work orders today and tomorrow so the dispatch board is not empty.
 * Idempotent: nothing is added once the installation department has work orders.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { localDateOf } from '../../domain/calendar';
import { formatWorkOrderNumber, proposeServiceClass, type WorkOrderType } from '../../domain/workorders';
import type { Deps } from '../app/context';
import type { Db } from '../app/db';
import { users } from '../modules/org/org.table';
import { startTargets } from '../modules/sla/sla.service';
import { priceItems } from '../modules/workorders/pricing.table';
import { technicianProfiles, workOrders } from '../modules/workorders/workorders.table';
import { dayBounds, nextWorkOrderSequence } from '../modules/workorders/workorders.service';
import { loadDemoParts } from './demo-parts';

const PRICES: [kind: 'service' | 'part', code: string, name: string, unit: string, priceFen: number][] = [
  ['service', 'FW-SM', '上门维修费', '次', 8000],
  ['service', 'FW-AZ', '空调安装费（挂机）', '台', 15000],
  ['service', 'FW-QX', '空调深度清洗', '台', 12000],
  ['part', 'PJ-DR', '压缩机启动电容', '个', 4500],
  ['part', 'PJ-XF', '遥控器（原厂）', '个', 6800],
  ['part', 'PJ-TG', '铜管（每米）', '米', 3500],
];

interface DemoOrder {
  type: WorkOrderType;
  contactName: string;
  contactPhone: string;
  address: string;
  problem: string;
  skill: string;
  area: string;
  warrantyEnd: string | null;
  /** Technician username and hours of the visit: [day offset, from, to]. */
  visit?: [username: string, day: 0 | 1, from: number, to: number];
}

const ORDERS: DemoOrder[] = [
  {
    type: 'repair',
    contactName: '王女士',
    contactPhone: '13912345601',
    address: '上海市徐汇区漕溪北路 88 号 1201 室',
    problem: '客厅空调不制冷，外机不转',
    skill: '空调',
    area: '徐汇',
    warrantyEnd: '2027-06-30',
  },
  {
    type: 'install',
    contactName: '陈先生',
    contactPhone: '13912345602',
    address: '上海市闵行区莘庄镇沁春路 66 弄 5 号 302',
    problem: '新购挂机两台安装',
    skill: '安装',
    area: '闵行',
    warrantyEnd: null,
  },
  {
    type: 'repair',
    contactName: '李阿姨',
    contactPhone: '13912345603',
    address: '上海市徐汇区天钥桥路 300 弄 8 号 601',
    problem: '热水器点不着火',
    skill: '热水器',
    area: '徐汇',
    warrantyEnd: '2024-12-31',
    visit: ['sh.tech', 0, 10, 12],
  },
  {
    type: 'inspection',
    contactName: '赵经理',
    contactPhone: '13912345604',
    address: '上海市徐汇区虹桥路 1 号港汇广场 12 楼',
    problem: '季度设备巡检',
    skill: '空调',
    area: '徐汇',
    warrantyEnd: null,
    visit: ['sh.tech', 0, 14, 16],
  },
  {
    type: 'repair',
    contactName: '孙先生',
    contactPhone: '13912345605',
    address: '上海市闵行区七宝镇漕宝路 3366 号 2 栋 1503',
    problem: '空调漏水',
    skill: '空调',
    area: '闵行',
    warrantyEnd: '2026-09-30',
    visit: ['sh.tech2', 0, 13, 15],
  },
  {
    type: 'repair',
    contactName: '周女士',
    contactPhone: '13912345606',
    address: '上海市徐汇区龙华中路 600 号 2 号楼 901',
    problem: '遥控器失灵',
    skill: '空调',
    area: '徐汇',
    warrantyEnd: '2027-01-31',
    visit: ['sh.tech', 1, 9, 11],
  },
];

/** Loads the field-service demo inside the demo company's transaction. */
export async function loadDemoWorkOrders(
  deps: Deps,
  tx: Db,
  at: Date,
  units: Map<string, { id: string; path: string[] }>,
): Promise<void> {
  const store = units.get('SH-XH');
  const install = units.get('SH-XH-INST');
  if (!store || !install) return;
  await tx
    .insert(priceItems)
    .values(
      PRICES.map(([kind, code, name, unit, priceFen]) => ({
        unitId: store.id,
        kind,
        code,
        name,
        unit,
        priceFen,
        updatedAt: at,
      })),
    )
    .onConflictDoNothing();
  const techs = await tx
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, ['sh.tech', 'sh.tech2']));
  const techId = new Map(techs.map((t) => [t.username, t.id]));
  const profiles: [string, string[], string[]][] = [
    ['sh.tech', ['空调', '热水器', '安装'], ['徐汇', '闵行']],
    ['sh.tech2', ['空调', '安装'], ['闵行']],
  ];
  for (const [username, skills, areas] of profiles) {
    const userId = techId.get(username);
    if (userId)
      await tx
        .insert(technicianProfiles)
        .values({ userId, unitId: store.id, skills, areas, updatedAt: at })
        .onConflictDoNothing();
  }
  await loadDemoParts(tx, at, store);
  const [any] = await tx
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(and(eq(workOrders.unitId, install.id)))
    .limit(1);
  if (any) return;
  const [creator] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'sh.install'));
  if (!creator) return;
  const timeZone = 'Asia/Shanghai';
  const today = localDateOf(at, timeZone);
  for (const o of ORDERS) {
    const decision = proposeServiceClass({
      type: o.type,
      faultCause: 'unknown',
      onDate: today,
      warrantyEnd: o.warrantyEnd,
      contractCovers: false,
    });
    const technicianId = o.visit ? (techId.get(o.visit[0]) ?? null) : null;
    const dayStart = o.visit ? dayBounds(today, timeZone).from.getTime() + o.visit[1] * 24 * 3600_000 : 0;
    const start = o.visit ? new Date(dayStart + o.visit[2] * 3600_000) : null;
    const end = o.visit ? new Date(dayStart + o.visit[3] * 3600_000) : null;
    const sequence = await nextWorkOrderSequence(tx, install.id, today);
    const [row] = await tx
      .insert(workOrders)
      .values({
        number: formatWorkOrderNumber(today, sequence),
        unitId: install.id,
        type: o.type,
        state: technicianId ? 'appointment_agreed' : 'new',
        contactName: o.contactName,
        contactPhone: o.contactPhone,
        address: o.address,
        problem: o.problem,
        requiredSkill: o.skill,
        area: o.area,
        serviceClass: decision.serviceClass,
        serviceClassReasonCode: decision.reason.code,
        serviceClassReason: decision.reason.zh,
        technicianId,
        appointmentStart: start,
        appointmentEnd: end,
        reminderAt: start ? new Date(start.getTime() - 3600_000) : null,
        assignedAt: technicianId ? at : null,
        appointmentAgreedAt: technicianId ? at : null,
        createdBy: creator.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    if (o.type === 'repair')
      await startTargets(deps, tx, {
        subjectType: 'work_order',
        subjectId: row!.id,
        unitId: install.id,
        ticketType: 'repair',
        intakeAt: at,
        ownerId: creator.id,
      });
  }
}
