import type { z } from 'zod';
import type { Deps } from '../app/context';
import type { Db } from '../app/db';

/**
 * A job kind: its payload schema and a handler that runs a batch of claimed jobs inside one
 * transaction together with marking them done, so a job's effects and its completion commit as one.
 */
export interface JobDefinition<P> {
  kind: string;
  payload: z.ZodType<P>;
  handle(deps: Deps, tx: Db, jobs: { id: string; payload: P }[]): Promise<void>;
}
