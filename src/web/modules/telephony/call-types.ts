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

export type StreamStatus = 'connecting' | 'open' | 'offline';

export const TELEPHONY = '/api/v1/telephony';
