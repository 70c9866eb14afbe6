// Shapes of the work-order API (docs/api-workorders.md). Kept by hand like src/web/api/types.ts.

export const WORKORDERS = '/api/v1/workorders';
export const WORKORDERS_KEY = 'workorders';
export const PRICE_LIST = '/api/v1/price-list';
export const PRICE_LIST_KEY = 'price-list';

export const WORKORDER_TYPES = ['install', 'repair', 'inspection', 'carry_in', 'return_delivery'] as const;
export type WorkOrderType = (typeof WORKORDER_TYPES)[number];

export const WORKORDER_STATES = [
  'new',
  'assigned',
  'appointment_agreed',
  'en_route',
  'on_site',
  'completed',
  'carried_in',
  'returned',
  'verified',
  'closed',
  'cancelled',
] as const;
export type WorkOrderState = (typeof WORKORDER_STATES)[number];

export const SERVICE_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type ServiceClass = (typeof SERVICE_CLASSES)[number];
export const FAULT_CAUSES = ['unknown', 'misuse', 'defect'] as const;
export type FaultCause = (typeof FAULT_CAUSES)[number];
export const SOURCES = ['after_sales', 'sales', 'project'] as const;
export type WorkOrderSource = (typeof SOURCES)[number];

export const RATING_ASPECTS = ['service', 'workmanship', 'punctuality', 'attitude'] as const;
export type RatingAspect = (typeof RATING_ASPECTS)[number];
export type Ratings = Record<RatingAspect, number>;

export interface Person {
  id: string;
  name: string;
}
export interface Reason {
  code: string;
  zh: string;
  en: string;
}
export interface Appointment {
  start: string;
  end: string;
  agreedAt?: string;
  reminderAt?: string | null;
}
export interface Acceptance {
  signerName: string;
  signatureAttachmentId: string | null;
  signedAt: string;
  via: 'technician' | 'customer_link';
  ratings: Ratings;
  comment: string | null;
}
export interface Approval {
  decision: 'approved' | 'rejected';
  by: Person;
  at: string;
  note: string | null;
}
export interface QuoteLine {
  kind: 'service' | 'part';
  priceItemId: string | null;
  name: string;
  quantity: number;
  unitPriceFen: number;
  totalFen: number;
}
export interface Quote {
  lines: QuoteLine[];
  serviceFen: number;
  partsFen: number;
  totalFen: number;
  note: string | null;
  serviceConfirmed: { by: Person; at: string } | null;
  partsConfirmed: { by: Person; at: string } | null;
  customerConfirmed: {
    how: 'phone' | 'signed' | 'on_site';
    note: string | null;
    at: string;
    by: Person;
  } | null;
  approved: { by: Person; at: string } | null;
  status: 'draft' | 'prices_confirmed' | 'customer_confirmed' | 'approved';
}
export interface PartUse {
  id: string;
  name: string;
  priceItemId: string | null;
  quantityUsed: number;
  quantityReturned: number;
  unitPriceFen: number | null;
}
export interface Technician {
  id: string;
  name: string;
  phone: string | null;
}

/** A row of GET /workorders and of the dispatch board. */
export interface WorkOrderRow {
  id: string;
  number: string;
  unitId: string;
  unitName: string;
  type: WorkOrderType;
  state: WorkOrderState;
  customer: { id: string; name: string } | null;
  address: string | null;
  problem: string;
  requiredSkill: string | null;
  area: string | null;
  serviceClass: ServiceClass | null;
  technician: Technician | null;
  appointment: Appointment | null;
  complaintDriven: boolean;
  createdAt: string;
  /** SLA due of the order, when the list carries it. */
  slaDueAt?: string | null;
}

export interface WorkOrder extends Omit<WorkOrderRow, 'customer'> {
  ticket: { id: string; number: string; subject: string; channel: string } | null;
  customer: { id: string; name: string; phone: string | null; address: string | null } | null;
  contactName: string | null;
  contactPhone: string | null;
  asset: {
    id: string;
    name: string;
    model: string | null;
    number: string | null;
    purchaseDate: string | null;
    warrantyEnd: string | null;
  } | null;
  partsNeeded: { name: string; quantity: number; priceItemId: string | null }[];
  source: WorkOrderSource;
  checkedBy: 'after_sales' | 'sales' | 'engineering';
  serviceClassReason: Reason | null;
  serviceClassProposal: { serviceClass: ServiceClass; reason: Reason; apology: boolean } | null;
  faultCause: FaultCause;
  apologyRequired: boolean;
  approvals: { required: boolean; quality: Approval | null; general: Approval | null };
  appointmentWarnings: Reason[];
  lateNotice: { expectedArrivalAt: string; note: string | null; at: string } | null;
  checklist: {
    partsPrepared: boolean;
    partsRequested: boolean;
    documentsPrinted: boolean;
    addressConfirmed: boolean;
    arrivalTimeConfirmed: boolean;
    note: string | null;
    at: string;
  } | null;
  visit: { workDone: string; minutesSpent: number; notes: string | null } | null;
  parts: PartUse[];
  acceptance: Acceptance | null;
  receipt: {
    number: string;
    items: { name: string; quantity: number; condition: string }[];
    note: string | null;
    signerName: string;
    signatureAttachmentId: string | null;
    issuedAt: string;
  } | null;
  returnAcceptance: Acceptance | null;
  verification: { by: Person; at: string; dueDate: string; late: boolean; note: string | null } | null;
  verificationDueDate: string | null;
  quote: Quote | null;
  payment: {
    method: 'on_site' | 'invoice';
    amountFen: number;
    at: string;
    by: Person;
    invoiceTitle: string | null;
    note: string | null;
  } | null;
  timestamps: Partial<
    Record<
      | 'createdAt'
      | 'assignedAt'
      | 'appointmentAgreedAt'
      | 'departedAt'
      | 'arrivedAt'
      | 'completedAt'
      | 'carriedInAt'
      | 'returnedAt'
      | 'verifiedAt'
      | 'closedAt'
      | 'cancelledAt',
      string | null
    >
  >;
  cancelReason: string | null;
  sla: { code: string; dueAt: string; state: string; metAt: string | null }[];
  allowedActions: string[];
  updatedAt: string;
}

export interface BoardTechnician {
  id: string;
  name: string;
  phone: string | null;
  unitId: string;
  skills: string[];
  areas: string[];
  visits: WorkOrderRow[];
  load: { visits: number; minutesBooked: number };
  conflicts: { a: string; b: string }[];
}
export interface DispatchBoard {
  unitId: string;
  date: string;
  unassigned: WorkOrderRow[];
  technicians: BoardTechnician[];
}
export interface AssignResult {
  workOrder: WorkOrder;
  load: { visits: number; minutesBooked: number };
  conflicts: { workOrderId: string; number: string; start: string; end: string }[];
  skillMissing: boolean;
  areaMismatch: boolean;
}

export interface PriceItem {
  id: string;
  unitId: string;
  kind: 'service' | 'part';
  code: string;
  name: string;
  unit: string;
  priceFen: number;
  active: boolean;
}

export type PrintForm = 'work_order' | 'feedback' | 'receipt';
export interface PrintData {
  form: PrintForm;
  generatedAt: string;
  company: { unitName: string; unitPhone: string | null };
  workOrder: WorkOrder;
  shortUrl: string | null;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType?: string;
  size?: number;
  createdAt?: string;
}

export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}/content`;

/** The customer page of GET /public/workorders/:token. */
export interface PublicWorkOrder {
  number: string;
  type: WorkOrderType;
  state: WorkOrderState;
  stateLabel: { zh: string; en: string };
  appointment: { start: string; end: string } | null;
  technician: { name: string; phone: string | null } | null;
  problem: string;
  unitName: string;
  canSign: boolean;
  acceptance: { signedAt: string; ratings: Ratings } | null;
}

/** States in which the order is still out in the field (technician's worklist). */
export const FIELD_STATES: readonly WorkOrderState[] = [
  'assigned',
  'appointment_agreed',
  'en_route',
  'on_site',
  'carried_in',
];
