/**
 * Customer care (客户关怀 · 回访): rules that turn events, dates and silence into dated contact
 * tasks (CARE-1), and the vocabulary of the call worklist (CARE-2…CARE-5).
 */

/** Business events a care rule can follow (announced by tickets and work orders). */
export const CARE_EVENTS = [
  'ticket.closed',
  'workorder.completed',
  'workorder.closed',
  // JRN-3: an installation/delivery visit booked; the event's time is the visit's start.
  'workorder.appointment_agreed',
  // The vehicle/item left the shop (出厂), recorded by the front-desk service advisor.
  'workorder.left_shop',
  // Retail: a sale (an order), at the moment it was ordered.
  'order.placed',
  // Retail: a thank-you letter was actually sent (the date the desk records).
  'care.letter_sent',
] as const;
export type CareEvent = (typeof CARE_EVENTS)[number];

/**
 * Dates a rule can count from, all read from data that exists:
 * - birthday: the customer's birthday, every year;
 * - holiday: the first day of each public holiday in the unit's working calendar;
 * - purchase: an asset's purchase date (a sale, a vehicle bought, a house handed over / moved in);
 * - maintenance_due: an asset's last service (or purchase) + its service interval, repeating;
 * - inspection_due: the anniversary of an asset's purchase (年审 of a vehicle), every year;
 * - estate_move_in: the main move-in date (集中入住) of the estate/project the customer's unit is —
 *   one date per estate, not each purchase.
 */
export const CARE_DATE_FIELDS = [
  'birthday',
  'holiday',
  'purchase',
  'maintenance_due',
  'inspection_due',
  'estate_move_in',
] as const;
export type CareDateField = (typeof CARE_DATE_FIELDS)[number];

export const ASSET_KINDS = ['product', 'vehicle', 'house'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export type CareTrigger =
  | { kind: 'event'; event: CareEvent }
  | { kind: 'date'; field: CareDateField; assetKinds?: AssetKind[] }
  | { kind: 'inactivity'; days: number };
export type CareTriggerKind = CareTrigger['kind'];

export const CARE_CHANNELS = ['call', 'sms', 'email', 'letter'] as const;
export type CareChannel = (typeof CARE_CHANNELS)[number];

/** Marketing contact is skipped for customers who opted out; service contact still goes (CARE-4). */
export const CARE_PURPOSES = ['service', 'marketing'] as const;
export type CarePurpose = (typeof CARE_PURPOSES)[number];

export const OFFSET_UNITS = ['minutes', 'hours', 'days', 'working_days', 'months'] as const;
export type OffsetUnit = (typeof OFFSET_UNITS)[number];

/** When the contact is due, counted from the trigger; negative = before the date ("7 days before"). */
export interface CareOffset {
  amount: number;
  unit: OffsetUnit;
}

/** Business lines a rule applies to; 'all' fits every unit. */
export const BUSINESS_LINES = ['all', 'automotive', 'retail', 'real_estate', 'appliance'] as const;
export type BusinessLine = (typeof BUSINESS_LINES)[number];

/** One care rule as in force at a unit (a shipped default, possibly overridden, or the unit's own). */
export interface CareRule {
  code: string;
  nameZh: string;
  nameEn: string;
  businessLine: BusinessLine;
  trigger: CareTrigger;
  offset: CareOffset;
  channel: CareChannel;
  purpose: CarePurpose;
  /** 话术: what the agent says (calls) or the letter's gist. */
  script: string;
  /** SMS/e-mail tasks: the MESSAGES template sent. */
  messageTemplateCode: string | null;
  /** A survey filled in during the call or sent by link (SAT-3). */
  surveyTemplateCode: string | null;
  enabled: boolean;
}

export const CARE_TASK_STATES = [
  'open', // due or waiting for its time, in the worklist
  'merged', // folded into another task of the same customer and day (CARE-3)
  'done', // reached (satisfied or issue), or a letter sent
  'sms_fallback', // three failed attempts: the fallback SMS went instead (CARE-2)
  'sent', // SMS/e-mail task handed to the outbox
  'refused', // the customer declined
  'unreachable', // wrong number
  'skipped', // not contacted: opted out of marketing, no phone, rule switched off meanwhile
] as const;
export type CareTaskState = (typeof CARE_TASK_STATES)[number];

/** What came of one call attempt (CARE-5). */
export const CARE_OUTCOMES = [
  'reached_satisfied',
  'reached_issue',
  'no_answer',
  'unreachable',
  'wrong_number',
  'refused',
  'call_back',
] as const;
export type CareOutcome = (typeof CARE_OUTCOMES)[number];
