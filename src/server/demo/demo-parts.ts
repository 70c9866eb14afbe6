/**
 * The demo company's spare parts (issue 18): a few parts in the Shanghai store's catalogue, its
 * warehouse and its two technicians' vans, stocked by receipts (and one van load) through the
 * journal, so /parts shows stock, movements and one part on the low-stock list. Idempotent: nothing
 * is added once the store's warehouse exists.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../app/db';
import { users } from '../modules/org/org.table';
import { partMovements, parts, stockLocations } from '../modules/parts/parts.table';

const PARTS: [
  code: string,
  name: string,
  model: string | null,
  uom: string,
  priceFen: number,
  low: number,
][] = [
  ['PJ-DR', '压缩机启动电容', '35μF', '个', 4500, 5],
  ['PJ-XF', '遥控器（原厂）', 'KFR 通用', '个', 6800, 2],
  ['PJ-TG', '铜管（每米）', 'Φ6.35', '米', 3500, 10],
  ['PJ-PS', '排水管', null, '米', 800, 5],
  ['PJ-WK', '温控器', 'JSQ 系列', '个', 9800, 3],
];
/** Received into the warehouse: code → quantity (温控器 stays low: 2 on hand, threshold 3). */
const RECEIVED: Record<string, number> = { 'PJ-DR': 20, 'PJ-XF': 6, 'PJ-TG': 50, 'PJ-PS': 30, 'PJ-WK': 2 };

export async function loadDemoParts(db: Db, at: Date, store: { id: string }): Promise<void> {
  const [existing] = await db
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(and(eq(stockLocations.unitId, store.id), eq(stockLocations.kind, 'warehouse')))
    .limit(1);
  if (existing) return;
  const techs = await db
    .select({ id: users.id, username: users.username, name: users.displayName })
    .from(users)
    .where(inArray(users.username, ['sh.tech', 'sh.tech2']));
  const [warehouseUser] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, 'sh.warehouse'));
  await db
    .insert(parts)
    .values(
      PARTS.map(([code, name, model, uom, priceFen, low]) => ({
        unitId: store.id,
        code,
        name,
        model,
        uom,
        priceFen,
        lowStockThreshold: low,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .onConflictDoNothing();
  const rows = await db
    .select({ id: parts.id, code: parts.code })
    .from(parts)
    .where(eq(parts.unitId, store.id));
  const partId = new Map(rows.map((p) => [p.code, p.id]));
  const [warehouse] = await db
    .insert(stockLocations)
    .values({ unitId: store.id, kind: 'warehouse', name: '徐汇店备件仓', createdAt: at })
    .returning({ id: stockLocations.id });
  const vans = techs.length
    ? await db
        .insert(stockLocations)
        .values(
          techs.map((t) => ({
            unitId: store.id,
            kind: 'van' as const,
            name: `${t.name}车载库`,
            technicianId: t.id,
            createdAt: at,
          })),
        )
        .returning({ id: stockLocations.id, technicianId: stockLocations.technicianId })
    : [];
  const actorId = warehouseUser?.id ?? null;
  // The trigger of the parts migration moves part_stock with each journal row.
  for (const [code, quantity] of Object.entries(RECEIVED)) {
    const id = partId.get(code);
    if (!id) continue;
    await db.insert(partMovements).values({
      unitId: store.id,
      partId: id,
      kind: 'receive',
      toLocationId: warehouse!.id,
      quantity,
      reason: '期初入库',
      actorId,
      at,
    });
  }
  const firstVan = vans.find((v) => v.technicianId === techs.find((t) => t.username === 'sh.tech')?.id);
  const capacitor = partId.get('PJ-DR');
  if (firstVan && capacitor)
    await db.insert(partMovements).values({
      unitId: store.id,
      partId: capacitor,
      kind: 'transfer',
      fromLocationId: warehouse!.id,
      toLocationId: firstVan.id,
      quantity: 4,
      reason: '车载常备',
      actorId,
      at,
    });
}
