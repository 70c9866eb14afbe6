/**
 * Dispatch board under load (issue 5): 50 technicians × 30 days with 20,000 work orders in one
 * installation department, on embedded PGlite (the slower default). Measures the board's use case
 * (the same call the route makes) for random days. Target: p99 < 200 ms.
 * BENCH_WO_ORDERS shrinks the data set for a quick try.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { prepareDatabase } from '../src/server/app/boot';
import { loadConfig } from '../src/server/app/config';
import { openPglite } from '../src/server/app/db';
import type { Actor } from '../src/server/app/context';
import { loadGrants } from '../src/server/modules/org/org.service';
import { memberships, organisationUnits, roles, users } from '../src/server/modules/org/org.table';
import { dispatchBoard } from '../src/server/modules/workorders/workorders.service';
import { technicianProfiles, workOrders } from '../src/server/modules/workorders/workorders.table';
import { formatWorkOrderNumber } from '../src/domain/workorders';

const TECHNICIANS = 50;
const DAYS = 30;
const ORDERS = Number(process.env.BENCH_WO_ORDERS ?? 20_000);
const SAMPLES = 200;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

export async function run(): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-wo-'));
  const database = await openPglite({ dataDir: path.join(dataDir, 'db') });
  const config = loadConfig({
    KEFU_LOG_LEVEL: 'silent',
    KEFU_ADMIN_PASSWORD: 'Bench#2026x',
    KEFU_DATA_DIR: dataDir,
    KEFU_DEMO: '1',
  });
  const { deps } = await prepareDatabase(database, config, pino({ level: 'silent' }));
  try {
    const db = deps.db;
    const [install] = await db
      .select()
      .from(organisationUnits)
      .where(eq(organisationUnits.code, 'SH-XH-INST'));
    const [role] = await db.select().from(roles).where(eq(roles.code, 'technician'));
    const [creator] = await db.select().from(users).where(eq(users.username, 'sh.install'));
    const techIds: string[] = [];
    for (let i = 0; i < TECHNICIANS; i++) {
      const [u] = await db
        .insert(users)
        .values({
          username: `bench.tech${i}`,
          displayName: `技术员${i}`,
          passwordHash: 'x',
          phone: `1390000${String(i).padStart(4, '0')}`,
        })
        .returning();
      await db.insert(memberships).values({ userId: u!.id, unitId: install!.id, roleId: role!.id });
      await db.insert(technicianProfiles).values({
        userId: u!.id,
        unitId: install!.id,
        skills: ['空调', '安装'],
        areas: ['徐汇'],
        updatedAt: new Date(),
      });
      techIds.push(u!.id);
    }
    const start = Date.parse('2026-03-02T00:00:00+08:00');
    const t0 = performance.now();
    const batch: (typeof workOrders.$inferInsert)[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const day = i % DAYS;
      const hour = 9 + (i % 8);
      const unassigned = i % 40 === 0;
      const appointmentStart = new Date(start + day * 86_400_000 + hour * 3_600_000);
      batch.push({
        number: formatWorkOrderNumber('2026-03-01', i + 1),
        unitId: install!.id,
        type: 'repair',
        state: unassigned ? 'new' : 'appointment_agreed',
        contactName: '客户',
        contactPhone: '13912345678',
        address: '上海市徐汇区',
        problem: '空调不制冷',
        serviceClass: 'C',
        serviceClassReasonCode: 'in_warranty',
        serviceClassReason: '在保修期内',
        technicianId: unassigned ? null : techIds[i % TECHNICIANS]!,
        appointmentStart: unassigned ? null : appointmentStart,
        appointmentEnd: unassigned ? null : new Date(appointmentStart.getTime() + 2 * 3_600_000),
        createdBy: creator!.id,
        createdAt: new Date(start - 86_400_000),
        updatedAt: new Date(start - 86_400_000),
      });
      if (batch.length === 1000) await db.insert(workOrders).values(batch.splice(0));
    }
    if (batch.length) await db.insert(workOrders).values(batch);
    const loadMs = performance.now() - t0;
    await db.execute('analyze');
    const grants = await loadGrants(db, creator!.id);
    const actor: Actor = {
      userId: creator!.id,
      username: 'sh.install',
      displayName: '吴刚',
      grants,
      ip: null,
    };
    // One warm-up pass over the month, as a running server would have.
    for (let d = 0; d < DAYS; d++)
      await dispatchBoard(
        deps,
        actor,
        install!.id,
        new Date(start + d * 86_400_000 + 12 * 3_600_000).toISOString().slice(0, 10),
      );
    const times: number[] = [];
    let visits = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const day = new Date(start + (i % DAYS) * 86_400_000 + 12 * 3_600_000).toISOString().slice(0, 10);
      const t = performance.now();
      const board = await dispatchBoard(deps, actor, install!.id, day);
      times.push(performance.now() - t);
      visits = board.technicians.reduce((n, tech) => n + tech.visits.length, 0);
    }
    times.sort((a, b) => a - b);
    const p99 = pct(times, 99);
    return [
      `data: ${TECHNICIANS} technicians, ${DAYS} days, ${ORDERS} work orders (loaded in ${(loadMs / 1000).toFixed(1)} s, PGlite)`,
      `dispatch board (${visits} visits on the last day sampled): p50 ${pct(times, 50).toFixed(1)} ms, p90 ${pct(times, 90).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${SAMPLES} loads — target p99 < 200 ms: ${p99 < 200 ? 'met' : 'NOT met'}`,
    ];
  } finally {
    await deps.storage.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
