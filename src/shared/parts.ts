/**
 * The spare-parts API (备件, issue 18): the catalogue of a unit, its stock locations (warehouses and
 * technicians' vans), stock per location and part, the movement journal and old parts returned
 * (旧件返回). Quantities are whole units of the part's measure; prices are in fen.
 */
import { z } from 'zod';
import {
  LOCATION_KINDS,
  MOVEMENT_KINDS,
  RECORDABLE_MOVEMENT_KINDS,
  type LocationKind,
  type MovementKind,
} from '../domain/parts';
import { instantString, itemsOf, namedSchema, pageOf, pagination, type Labels } from './common';

export { LOCATION_KINDS, MOVEMENT_KINDS, RECORDABLE_MOVEMENT_KINDS, type LocationKind, type MovementKind };

export const LOCATION_KIND_LABELS: Labels<LocationKind> = {
  warehouse: { zh: '仓库', en: 'Warehouse' },
  van: { zh: '技术员车载库', en: 'Technician’s van' },
};

export const MOVEMENT_KIND_LABELS: Labels<MovementKind> = {
  receive: { zh: '采购入库', en: 'Received' },
  transfer: { zh: '调拨', en: 'Transfer' },
  requisition: { zh: '派工单领料', en: 'Requisition for a work order' },
  use: { zh: '上门使用', en: 'Used on the visit' },
  return_unused: { zh: '未用退库', en: 'Returned unused' },
  adjust: { zh: '盘点调整', en: 'Stock adjustment' },
  transfer_out: { zh: '跨单位调出', en: 'Transferred to another unit' },
  transfer_in: { zh: '跨单位调入', en: 'Transferred from another unit' },
};

/** Up to 10 000 000 yuan, in fen. */
const fen = z.number().int().min(0).max(1_000_000_000);
const quantity = z.number().int().min(1).max(1_000_000);
const text = (max: number) => z.string().trim().min(1).max(max);

export const partBody = z.strictObject({
  unitId: z.uuid(),
  code: text(40),
  name: text(100),
  model: z.string().trim().max(100).nullable().optional(),
  uom: text(10),
  priceFen: fen,
  lowStockThreshold: z.number().int().min(0).max(1_000_000).default(0),
});
export const partPatch = z.strictObject({
  name: text(100).optional(),
  model: z.string().trim().max(100).nullable().optional(),
  uom: text(10).optional(),
  priceFen: fen.optional(),
  lowStockThreshold: z.number().int().min(0).max(1_000_000).optional(),
  active: z.boolean().optional(),
});
export const partSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  model: z.string().nullable(),
  uom: z.string(),
  priceFen: z.number(),
  lowStockThreshold: z.number(),
  active: z.boolean(),
  /** On hand across the locations the caller may see. */
  onHand: z.number(),
  low: z.boolean(),
});
export type Part = z.infer<typeof partSchema>;
export const partsQuery = z.strictObject({
  unitId: z.uuid(),
  q: z.string().trim().max(100).optional(),
  lowOnly: z.enum(['true', 'false']).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export const partListSchema = itemsOf(partSchema);

export const locationBody = z.strictObject({
  unitId: z.uuid(),
  kind: z.enum(LOCATION_KINDS),
  name: text(60),
  /** The technician whose van it is (vans only). */
  technicianId: z.uuid().nullable().optional(),
});
export const locationSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  kind: z.enum(LOCATION_KINDS),
  name: z.string(),
  technician: namedSchema.nullable(),
  active: z.boolean(),
});
export type StockLocation = z.infer<typeof locationSchema>;
export const locationsQuery = z.strictObject({
  unitId: z.uuid(),
  /** Also the locations of the units above (a department's order draws on its store's warehouse). */
  withAncestors: z.enum(['true', 'false']).optional(),
});
export const locationListSchema = itemsOf(locationSchema);

export const stockQuery = z.strictObject({
  unitId: z.uuid(),
  locationId: z.uuid().optional(),
  partId: z.uuid().optional(),
});
export const stockLineSchema = z.object({
  location: z.object({ id: z.string(), name: z.string(), kind: z.enum(LOCATION_KINDS) }),
  part: z.object({ id: z.string(), code: z.string(), name: z.string(), uom: z.string() }),
  quantity: z.number(),
});
export type StockLine = z.infer<typeof stockLineSchema>;
export const stockListSchema = itemsOf(stockLineSchema);

export const movementBody = z.strictObject({
  kind: z.enum(RECORDABLE_MOVEMENT_KINDS),
  partId: z.uuid(),
  fromLocationId: z.uuid().nullable().optional(),
  toLocationId: z.uuid().nullable().optional(),
  quantity,
  workOrderId: z.uuid().nullable().optional(),
  reason: z.string().trim().max(200).nullable().optional(),
});
/** 跨单位调拨: from one unit's warehouse to another unit's (two journal rows, one transaction). */
export const transferBody = z.strictObject({
  partId: z.uuid(),
  fromLocationId: z.uuid(),
  toLocationId: z.uuid(),
  quantity,
  reason: z.string().trim().max(200).nullable().optional(),
});
/** 派工单领料: from a warehouse to the van of the order's technician; the quote must be approved. */
export const requisitionBody = z.strictObject({
  workOrderId: z.uuid(),
  partId: z.uuid(),
  warehouseId: z.uuid(),
  quantity,
});
export const movementSchema = z.object({
  id: z.number(),
  unitId: z.string(),
  kind: z.enum(MOVEMENT_KINDS),
  part: z.object({ id: z.string(), code: z.string(), name: z.string(), uom: z.string() }),
  from: namedSchema.nullable(),
  to: namedSchema.nullable(),
  quantity: z.number(),
  workOrder: z.object({ id: z.string(), number: z.string() }).nullable(),
  reason: z.string().nullable(),
  actor: namedSchema.nullable(),
  at: instantString,
});
export type PartMovement = z.infer<typeof movementSchema>;
export const movementsQuery = z.strictObject({
  unitId: z.uuid(),
  partId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  workOrderId: z.uuid().optional(),
  kind: z.enum(MOVEMENT_KINDS).optional(),
  ...pagination,
});
export const movementPageSchema = pageOf(movementSchema);

export const oldPartBody = z.strictObject({
  workOrderId: z.uuid(),
  partId: z.uuid(),
  quantity,
  note: z.string().trim().max(200).nullable().optional(),
});
export const oldPartReceiveBody = z.strictObject({ warehouseId: z.uuid() });
export const oldPartSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  part: z.object({ id: z.string(), code: z.string(), name: z.string(), uom: z.string() }),
  workOrder: z.object({ id: z.string(), number: z.string() }),
  quantity: z.number(),
  note: z.string().nullable(),
  collectedBy: namedSchema,
  collectedAt: instantString,
  warehouse: namedSchema.nullable(),
  receivedBy: namedSchema.nullable(),
  receivedAt: instantString.nullable(),
});
export type OldPartReturn = z.infer<typeof oldPartSchema>;
export const oldPartsQuery = z.strictObject({
  unitId: z.uuid(),
  pending: z.enum(['true', 'false']).optional(),
});
export const oldPartListSchema = itemsOf(oldPartSchema);

/** A movement as its command answers it (the journal names the places and people). */
export const movementRecordSchema = z.object({
  id: z.number(),
  unitId: z.string(),
  kind: z.enum(MOVEMENT_KINDS),
  partId: z.string(),
  fromLocationId: z.string().nullable(),
  toLocationId: z.string().nullable(),
  quantity: z.number(),
  workOrderId: z.string().nullable(),
  reason: z.string().nullable(),
  at: instantString,
});
export const partRecordSchema = partSchema.omit({ onHand: true, low: true });
export const locationRecordSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(LOCATION_KINDS),
  name: z.string(),
  technicianId: z.string().nullable(),
  active: z.boolean(),
});
export const oldPartRecordSchema = z.object({
  id: z.string(),
  partId: z.string(),
  workOrderId: z.string(),
  quantity: z.number(),
  receivedAt: instantString.nullable(),
});
