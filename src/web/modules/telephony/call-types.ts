import type { CustomerCardData } from '../customers/customer-types';

/** A ringing call pushed over /api/v1/telephony/stream (docs/api-customers.md, IN-3). */
export type IncomingCall =
  | {
      callId: string;
      at: string;
      line: string | null;
      known: true;
      callerNumber: string | null;
      card: CustomerCardData;
      otherMatches: Array<{ id: string; name: string }>;
    }
  | {
      callId: string;
      at: string;
      line: string | null;
      known: false;
      unknown: true;
      draft: { phone: string; phoneValid: boolean; unitId: string | null };
    };

/** A call's progress pushed over the same stream: answered, or ended with its talk time. */
export interface CallState {
  callId: string;
  stage: 'ringing' | 'answered' | 'ended';
  durationSeconds: number | null;
}

/** A customer record saved while the call was on (保存为新客户): the caller from then on. */
export interface SavedCaller {
  id: string;
  name: string;
  phone: string | null;
}

export type StreamStatus = 'connecting' | 'open' | 'offline';

export const TELEPHONY = '/api/v1/telephony';
