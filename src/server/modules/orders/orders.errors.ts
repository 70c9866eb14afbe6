import { commonErrors, defineError } from '../../app/errors';

export const orderErrors = {
  notFound: defineError('orders.not_found', 404, '找不到该订单', 'Order not found'),
  lineNotFound: defineError('orders.line_not_found', 404, '找不到该订单明细', 'Order line not found'),
  unitNotFound: commonErrors.unitNotFound,
  numberTaken: defineError(
    'orders.number_taken',
    409,
    '本门店已有同一单号的订单',
    'This store already has an order with this number',
  ),
  paidBeforeOrdered: defineError(
    'orders.instants_out_of_order',
    400,
    '付款、送货或自提时间不能早于下单时间',
    'Paid, delivered or picked-up instants cannot precede the order',
  ),
};
