/**
 * Work-order number 'W' + local date + the unit's daily sequence (5 digits), like ticket numbers;
 * a carry-in goods receipt (客户商品领取收据) takes the order's number with 'R' in front of the date.
 */
export function formatWorkOrderNumber(localDate: string, sequence: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDate) || !Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`cannot number a work order with ${localDate} / ${sequence}`);
  return `W${localDate.replaceAll('-', '')}${String(sequence).padStart(5, '0')}`;
}

/** The goods-receipt number of a work order (REP-6): one receipt per order. */
export function receiptNumberOf(workOrderNumber: string): string {
  return `R${workOrderNumber.slice(1)}`;
}
