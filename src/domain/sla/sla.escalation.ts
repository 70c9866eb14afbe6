/**
 * SLA-8 escalation ladder. Pure: given a snapshot of one target's instants and `now`, say which
 * steps are due. Step ids are deterministic (`${targetId}:breached`), so a scheduler can record
 * them with a unique key and racing runs collide instead of notifying twice.
 */

export type EscalationAction = 'notify_owner' | 'escalate_supervisor' | 'escalate_unit_manager';
export type EscalationTrigger = 'at_risk' | 'breached' | 'breached_second_period';

export interface SlaTargetSnapshot {
  /** Stable id of this target run, e.g. `${ticketId}:first_response`. */
  readonly targetId: string;
  readonly atRiskAt: number;
  readonly due: number;
  readonly secondBreachAt: number;
  readonly metAt?: number;
}

export interface EscalationStep {
  readonly id: string;
  readonly trigger: EscalationTrigger;
  /** When the step became due. */
  readonly at: number;
  readonly actions: readonly EscalationAction[];
}

/** SLA-8 steps due at `now` for an open target: at-risk → owner; breached → owner + supervisor; breached a second period → unit manager. */
export function escalationStepsDue(snapshot: SlaTargetSnapshot, now: number): EscalationStep[] {
  // A met target needs nobody chased, even if a scheduler run was missed while it was late.
  if (snapshot.metAt !== undefined && snapshot.metAt <= now) return [];
  const id = snapshot.targetId;
  const steps: EscalationStep[] = [];
  const breached = now > snapshot.due;
  // Once breached, the at-risk notice is superseded by the breach notice to the same owner.
  if (!breached && now >= snapshot.atRiskAt) {
    steps.push({ id: `${id}:at_risk`, trigger: 'at_risk', at: snapshot.atRiskAt, actions: ['notify_owner'] });
  }
  if (breached) {
    steps.push({
      id: `${id}:breached`,
      trigger: 'breached',
      at: snapshot.due,
      actions: ['notify_owner', 'escalate_supervisor'],
    });
  }
  if (now > snapshot.secondBreachAt) {
    steps.push({
      id: `${id}:breached_second_period`,
      trigger: 'breached_second_period',
      at: snapshot.secondBreachAt,
      actions: ['escalate_unit_manager'],
    });
  }
  return steps;
}
