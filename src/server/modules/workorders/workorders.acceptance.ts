/**
 * SAT-1: the feedback form of an order — the rating template of its business and kind of work, and
 * the items the customer accepts one by one: the lines of the linked sales order, otherwise the
 * product the work was on — installed, delivered or repaired (the archive asset's name and model
 * when one is named) — and the parts the order needed.
 */
import { asc, eq } from 'drizzle-orm';
import {
  acceptanceItems,
  aspectsOf,
  RATING_ASPECT_LABELS,
  ratingTemplateFor,
  type AcceptanceItem,
  type RatingTemplate,
} from '../../../domain/workorders';
import type { Db } from '../../app/db';
import { loadChildren } from '../customers/customers.service';
import { orderLines, orders } from '../orders/orders.table';
import { unitBusinessType } from '../org/org.service';
import type { UnitRow } from '../org/org.service';
import { loadWorkOrder, type AcceptanceRow, type WorkOrderRow } from './workorders.repository';
import { workOrderErrors } from './workorders.errors';

export interface AcceptanceFormView {
  template: RatingTemplate;
  aspects: { key: string; label: { zh: string; en: string } }[];
  items: AcceptanceItem[];
  order: { id: string; orderNo: string } | null;
}

type FormOrder = Pick<
  WorkOrderRow,
  'type' | 'orderId' | 'customerId' | 'assetId' | 'productModel' | 'partsNeeded'
>;

export async function acceptanceFormOf(
  db: Db,
  o: FormOrder,
  unit: Pick<UnitRow, 'path' | 'businessType'>,
): Promise<AcceptanceFormView> {
  const template = ratingTemplateFor(o.type, await unitBusinessType(db, unit));
  const [order] = o.orderId
    ? await db.select({ id: orders.id, orderNo: orders.orderNo }).from(orders).where(eq(orders.id, o.orderId))
    : [];
  const lines = order
    ? await db
        .select({
          lineNo: orderLines.lineNo,
          product: orderLines.product,
          model: orderLines.model,
          quantity: orderLines.quantity,
        })
        .from(orderLines)
        .where(eq(orderLines.orderId, order.id))
        .orderBy(asc(orderLines.lineNo))
    : [];
  // The product the work is on is accepted itself — an installation hands it over, a repair returns
  // it working (SAT-1) — with the parts it needed: the archive asset's name and model when one is
  // named, else the model typed on the order.
  const asset =
    lines.length === 0 && o.customerId && o.assetId
      ? (await loadChildren(db, [o.customerId])).assets.find((a) => a.id === o.assetId)
      : undefined;
  const product = asset ? [asset.name, asset.model].filter(Boolean).join(' ') : o.productModel;
  return {
    template,
    aspects: aspectsOf(template).map((key) => ({ key, label: RATING_ASPECT_LABELS[key] })),
    items: acceptanceItems({ orderLines: lines, productModel: product || null, partsNeeded: o.partsNeeded }),
    order: order ?? null,
  };
}

/** How a stored acceptance reads to clients: its template, ratings and items as signed. */
export function presentAcceptance(a: AcceptanceRow) {
  return {
    signerName: a.signerName,
    signatureAttachmentId: a.signatureAttachmentId,
    signedAt: a.signedAt.toISOString(),
    via: a.via,
    template: a.template,
    ratings: a.ratings,
    items: a.items,
    comment: a.comment,
  };
}

/** The form of an order by id (demo data and other modules that sign on the customer's behalf). */
export async function acceptanceFormFor(db: Db, workOrderId: string): Promise<AcceptanceFormView> {
  const loaded = await loadWorkOrder(db, workOrderId);
  if (!loaded) throw workOrderErrors.notFound();
  return acceptanceFormOf(db, loaded.order, loaded.unit);
}
