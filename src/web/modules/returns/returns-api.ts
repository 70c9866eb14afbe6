import type { Order } from '../../../shared/orders';
import type { ReturnDecisionView, ReturnRequestView } from '../../../shared/returns';

export const RETURNS_KEY = 'returns';
export type { Order, ReturnDecisionView, ReturnRequestView };

/** The colour of a decision's outcome tag. */
export const outcomeColour = (outcome: ReturnDecisionView['outcome']) =>
  outcome === 'allowed' ? 'green' : outcome === 'denied' ? 'red' : 'orange';
