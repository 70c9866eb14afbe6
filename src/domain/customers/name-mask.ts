/**
 * CUS-4 for a customer's name shown outside their record (a file they uploaded, for instance): the
 * first character stays (the surname, or an initial), the rest is hidden — 刘自助 → 刘**. A colleague
 * can still tell the customer apart from staff without the full name leaving the record.
 */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '*';
  return `${chars[0]}${'*'.repeat(Math.min(Math.max(chars.length - 1, 1), 3))}`;
}
