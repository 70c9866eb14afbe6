// What the agent desk (and other pages) reuse from caller identification (IN-3).
export { CallerPopup } from './caller-popup';
export { subscribeToCalls, useCallStream } from './call-stream';
export type { IncomingCall, StreamStatus } from './call-types';
export { SimulateCallModal } from './simulate-call';
export { TelephonyHeader } from './telephony-header';
export { TicketCalls } from './ticket-calls';
