import { maskPersonName } from '../../../domain/customers';
import { can } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { customerNames } from '../customers/customers.service';
import { unitPaths } from '../org/org.service';
import type { AttachmentRow } from './attachments.table';

/**
 * PORTAL-1, CUS-4: the masked names of the customers who uploaded some of `rows` themselves, for the
 * files the reader may see the customer of (customers.read at the file's unit); others stay unnamed.
 */
export async function uploaderCustomers(
  deps: Deps,
  actor: Actor,
  rows: readonly AttachmentRow[],
): Promise<Map<string, string>> {
  const fromCustomers = rows.filter((r) => r.uploadedByCustomerId);
  if (fromCustomers.length === 0) return new Map();
  const paths = await unitPaths(
    deps.db,
    fromCustomers.map((r) => r.unitId),
  );
  const readable = fromCustomers.filter((r) =>
    can(actor.grants, 'customers.read', paths.get(r.unitId) ?? []),
  );
  const names = await customerNames(
    deps.db,
    readable.map((r) => r.uploadedByCustomerId),
  );
  return new Map([...names].map(([id, name]) => [id, maskPersonName(name)]));
}
