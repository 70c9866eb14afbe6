import { z } from 'zod';
import { recomputeUnitTargets } from '../../modules/sla/sla.engine';
import type { JobDefinition } from '../jobs.types';

const payload = z.object({ unitId: z.string() });

/** CL-5: after a unit's calendar changed, its running targets (and those of units below) move their due times. */
export const slaRecomputeUnitJob: JobDefinition<z.infer<typeof payload>> = {
  kind: 'sla.recompute_unit',
  payload,
  async handle(deps, tx, jobs) {
    for (const job of jobs) await recomputeUnitTargets(deps, tx, job.payload.unitId);
  },
};
