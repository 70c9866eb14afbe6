/** IN-1: the channels a contact (and a ticket) can come through. */
export const CONTACT_CHANNELS = [
  'phone',
  'hotline_400',
  'visit',
  'letter',
  'web_form',
  'im',
  'sms',
  'ecommerce_dispute',
  'on_site',
] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** A call is logged as a 400-hotline contact when it came in on a 400/800 line, else as a phone call. */
export function callChannel(lineKind: 'mobile' | 'landline' | 'service' | null): ContactChannel {
  return lineKind === 'service' ? 'hotline_400' : 'phone';
}
