/** The orders module's public face (docs/decisions/0012-module-boundaries.md): the returns module reads order lines here. */
export { createOrder, findOrderLine, getOrder, listOrders } from './orders.usecases';
export { presentOrder } from './orders.presenter';
export type { OrderLineRow, OrderWithLines } from './orders.repository';
export { insertImportedOrders, type ImportedOrderInput } from './orders.import';
