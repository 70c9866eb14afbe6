/** The customers page opens the record named by `?customer=<id>`; every link to a customer uses this. */
export const customerRecordPath = (customerId: string) =>
  `/customers?customer=${encodeURIComponent(customerId)}`;
