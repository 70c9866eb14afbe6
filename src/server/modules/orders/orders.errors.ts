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
  importUnreadable: defineError(
    'orders.import_unreadable',
    400,
    '无法读取该文件，请上传用导入模板填写的 Excel（.xlsx）文件',
    'The file cannot be read; upload an Excel (.xlsx) file filled from the import template',
  ),
  importTooManyRows: defineError(
    'orders.import_too_many_rows',
    400,
    '一次最多导入 500 行，请分成几个文件导入',
    'At most 500 rows per import; split the sheet into several files',
  ),
  importInvalid: defineError(
    'orders.import_invalid',
    422,
    '表格中有错误，未导入任何订单，请按提示逐行改正后重新导入',
    'The sheet has errors; nothing was imported. Fix each row named and import again',
  ),
};
