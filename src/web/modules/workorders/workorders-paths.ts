// Where the work-order API lives and how its answers are cached; the shapes are src/shared/workorders.ts.
import type { WorkOrderState } from '../../../shared/workorders';

export const WORKORDERS = '/api/v1/workorders';
export const WORKORDERS_KEY = 'workorders';
export const PRICE_LIST = '/api/v1/price-list';
export const PRICE_LIST_KEY = 'price-list';

/** An uploaded file as GET /attachments lists it (attachments.schemas.ts). */
export interface Attachment {
  id: string;
  fileName: string;
  contentType?: string;
  size?: number;
  createdAt?: string;
}

export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}/content`;

/** States in which the order is still out in the field (technician's worklist). */
export const FIELD_STATES: readonly WorkOrderState[] = [
  'assigned',
  'appointment_agreed',
  'en_route',
  'on_site',
  'carried_in',
];
