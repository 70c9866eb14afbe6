/**
 * Sending a survey link (SAT-3): the survey_invitation message to the customer's mobile, or the
 * e-mail variant to the address given, through the messages outbox.
 */
import { findCustomerRow, loadChildren } from '../customers/customers.service';
import { customerLinkAddress } from '../customer-links/customer-links.service';
import { enqueueMessage } from '../messages/messages.service';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { surveyErrors } from './surveys.errors';
import type { InvitationRow } from './surveys.repository';

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
  deps: Deps,
  tx: Db,
  input: {
    invitation: InvitationRow;
    unitName: string;
    channel: 'sms' | 'email';
    url: string;
    to: string | null;
  },
): Promise<string | null> {
  const { invitation } = input;
  const to = await surveyRecipient(tx, input.channel, invitation.customerId, input.to);
  const customer = invitation.customerId ? await findCustomerRow(tx, invitation.customerId) : undefined;
  const message = await enqueueMessage(deps, tx, {
    unitId: invitation.unitId,
    customerId: invitation.customerId,
    channel: input.channel,
    to,
    templateCode: input.channel === 'sms' ? 'survey_invitation' : 'survey_invitation_email',
    variables: {
      customerName: customer?.customer.name.trim() || '尊敬的客户',
      storeName: input.unitName,
      surveyUrl: customerLinkAddress(deps, input.url),
    },
    purpose: 'service',
    idempotencyKey: `survey_invitation:${invitation.id}`,
    source: { type: 'survey_invitation', id: invitation.id },
  });
  return message.id;
}
