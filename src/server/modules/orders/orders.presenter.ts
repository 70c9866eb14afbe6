import { maskTypedPhone } from '../../../domain/customers';
import { can } from '../../../domain/permissions';
import type { Order } from '../../../shared/orders';
import type { Actor } from '../../app/context';
import type { OrderWithLines } from './orders.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * An order as the API shows it, with its totals in fen. The buyer's number written on the order is
 * masked for whoever may not unmask numbers at the order's unit (CUS-4, per record).
 */
export function presentOrder(o: OrderWithLines, actor: Actor): Order {
  const fullNumber = can(actor.grants, 'customers.phone.unmask', o.unitPath);
  return {
    id: o.id,
    unitId: o.unitId,
    unitName: o.unitName,
    customerId: o.customerId,
    customerName: o.customerName,
    customerPhone: o.customerPhone && !fullNumber ? maskTypedPhone(o.customerPhone) : o.customerPhone,
    orderNo: o.orderNo,
    source: o.source,
    externalRef: o.externalRef,
    channel: o.channel,
    fulfilment: o.fulfilment,
    orderedAt: o.orderedAt.toISOString(),
    paidAt: iso(o.paidAt),
    deliveredAt: iso(o.deliveredAt),
    pickedUpAt: iso(o.pickedUpAt),
    totalFen: o.lines.reduce((s, l) => s + l.priceFen, 0),
    paidFen: o.lines.reduce((s, l) => s + l.paidFen, 0),
    lines: o.lines.map((l) => ({
      id: l.id,
      lineNo: l.lineNo,
      product: l.product,
      model: l.model,
      quantity: l.quantity,
      priceFen: l.priceFen,
      paidFen: l.paidFen,
      custom: l.custom,
      clearance: l.clearance,
      specialOffer: l.specialOffer,
      packaging: l.packaging,
    })),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
