// Care API types and paths (docs/api-care.md).
export const CARE_API = '/api/v1/care';
export const CARE_KEY = 'care';
export const CARE_PERM = { read: 'care.read', work: 'care.work', manage: 'care.rules.manage' } as const;

export type CareChannel = 'call' | 'sms' | 'email' | 'letter';
export type CareOutcome =
  | 'reached_satisfied'
  | 'reached_issue'
  | 'no_answer'
  | 'unreachable'
  | 'wrong_number'
  | 'refused'
  | 'call_back';
export const CARE_OUTCOMES: readonly CareOutcome[] = [
  'reached_satisfied',
  'reached_issue',
  'no_answer',
  'unreachable',
  'wrong_number',
  'refused',
  'call_back',
];

export interface CareTask {
  id: string;
  unitId: string;
  customerId: string;
  ruleCode: string;
  ruleName: string;
  channel: CareChannel;
  purpose: 'service' | 'marketing';
  surveyInvitationId: string | null;
  note: string | null;
  dueAt: string;
  state: string;
  stateReason: string | null;
  attempts: number;
  failedAttempts: number;
  claimedBy: string | null;
  claimedByMe: boolean;
  outcome: CareOutcome | null;
  linkedTicketId: string | null;
  messageId: string | null;
  mergedInto: string | null;
}

export interface WorklistItem {
  task: CareTask;
  unitName: string;
  followsUp: FollowsUp | null;
  customer: { id: string; name: string; specialAttention: boolean } | null;
  mergedReasons: string[];
}

export interface Objection {
  id: string;
  unitId: string;
  ruleCode: string | null;
  objection: string;
  answer: string;
  sortOrder: number;
}

/** The ticket or work order a follow-up calls about (CARE-5). */
export interface FollowsUp {
  kind: 'ticket' | 'work_order';
  id: string;
  number: string;
}

export interface TaskDetail {
  task: CareTask;
  unitName: string;
  followsUp: FollowsUp | null;
  members: CareTask[];
  script: string;
  memberScripts: { ruleName: string; script: string }[];
  customer: {
    id: string;
    name: string;
    specialAttention: { reason: string; note: string | null } | null;
    phones: { id: string; number: string; kind: string; label: string | null }[];
    assets: { id: string; kind: string; name: string; number: string | null }[];
  } | null;
  history: {
    contacts: { id: string; channel: string; occurredAt: string; summary: string | null }[];
    tickets: { id: string; number: string; subject: string; state: string; receivedAt: string }[];
    careTasks: CareTask[];
  };
  attempts: { id: string; outcome: CareOutcome; note: string | null; at: string; agentId: string }[];
  objections: Objection[];
}

export type TriggerKind = 'event' | 'date' | 'inactivity';
export interface CareRule {
  code: string;
  nameZh: string;
  nameEn: string;
  businessLine: string;
  trigger:
    | { kind: 'event'; event: string }
    | { kind: 'date'; field: string; assetKinds?: string[] }
    | { kind: 'inactivity'; days: number };
  offset: { amount: number; unit: string };
  channel: CareChannel;
  purpose: 'service' | 'marketing';
  script: string;
  messageTemplateCode: string | null;
  surveyTemplateCode: string | null;
  enabled: boolean;
}
export interface RuleInForce {
  rule: CareRule;
  fromUnitId: string | null;
  shipped: boolean;
  ownHere: boolean;
}
