/**
 * Which SLA policy applies to a subject (SLA-3…6): a unit's override, an ancestor's, or the
 * shipped default. Pure: the caller reads the override rows on the unit's path and passes them in.
 */
import { DEFAULT_SLA_POLICIES, type TicketType } from './sla.policies';
import type { SlaPolicy, SlaTarget } from './sla.types';

/** One stored override: a unit's targets for a ticket type, optionally for one priority only. */
export interface SlaPolicyOverride {
  readonly unitId: string;
  readonly ticketType: string;
  readonly priority: string | null;
  readonly targets: SlaTarget[];
}

/** The policy in force and where it comes from, as the settings page and the engine use it. */
export interface EffectivePolicy {
  ticketType: TicketType;
  priority: string | null;
  policy: SlaPolicy;
  /** 'own' = this unit's override, 'inherited' = an ancestor's, 'default' = shipped (SLA-3…6). */
  source: 'own' | 'inherited' | 'default';
  sourceUnitId: string | null;
}

/**
 * Effective policy: the nearest unit up the tree with an override for the type (a matching
 * priority beats none at the same unit), else the shipped default.
 */
export function resolvePolicy(
  rows: readonly SlaPolicyOverride[],
  unit: { readonly id: string; readonly path: readonly string[] },
  ticketType: TicketType,
  priority: string | null = null,
): EffectivePolicy {
  for (let i = unit.path.length - 1; i >= 0; i--) {
    const unitId = unit.path[i]!;
    const here = rows.filter((r) => r.unitId === unitId && r.ticketType === ticketType);
    const row =
      (priority !== null ? here.find((r) => r.priority === priority) : undefined) ??
      here.find((r) => r.priority === null);
    if (row) {
      return {
        ticketType,
        priority: row.priority,
        policy: { key: ticketType, targets: row.targets },
        source: unitId === unit.id ? 'own' : 'inherited',
        sourceUnitId: unitId,
      };
    }
  }
  return {
    ticketType,
    priority: null,
    policy: DEFAULT_SLA_POLICIES[ticketType],
    source: 'default',
    sourceUnitId: null,
  };
}
