/**
 * Sending a survey link (SAT-3): the survey_invitation message to the customer's mobile, or the
 * e-mail variant to the address given, through the messages outbox.
 */
import { loadChildren } from '../customers/customers.repository';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { surveyErrors } from './surveys.errors';
import type { InvitationRow } from './surveys.repository';

/** Where links in messages point: the public address of this Kefu (KEFU_PUBLIC_URL), else relative. */
export function absoluteSurveyUrl(url: string): string {
  const base = (process.env.KEFU_PUBLIC_URL ?? '').replace(/\/+$/, '');
  return `${base}${url}`;
}

/** The customer's mobile for an SMS: an explicit number first, else the primary mobile on file. */
export async function surveyRecipient(
  db: Db,
  channel: 'sms' | 'email',
  customerId: string | null,
  to: string | null,
): Promise<string> {
  if (to) return to;
  if (channel === 'sms' && customerId) {
    const { phones } = await loadChildren(db, [customerId]);
    const mobile = phones.find((p) => p.kind === 'mobile');
    if (mobile) return mobile.normalized;
  }
  throw surveyErrors.noContact({ channel });
}

/** Puts the invitation message in the outbox; returns its id. */
export async function sendSurveyLink(
  _deps: Deps,
  tx: Db,
  input: {
    invitation: InvitationRow;
    unitName: string;
    channel: 'sms' | 'email';
    url: string;
    to: string | null;
  },
): Promise<string | null> {
  // The recipient is checked now so a survey without a reachable customer fails at invitation.
  await surveyRecipient(tx, input.channel, input.invitation.customerId, input.to);
  // Handing the message to the outbox (enqueueMessage) is wired in once the messages service lands.
  return null;
}
